/** The military personnel database simulator as a bench fixture: the personnel it seeded at start. */
import { seededRecords } from './seeded-records.ts';

/** The fields of a personnel record the benches use (its API's `HoSo`, which its storage keeps as is). */
export interface MpdbRecord {
  MaDinhDanhQuanNhan: string;
  SoDinhDanh: string;
  HoVaTen: string;
  /** dd/MM/yyyy; `00` for an unknown day or month */
  NgaySinh: string;
}

/**
 * Every well-formed personnel record seeded into `schema`, in personal-ID order, exactly as the
 * simulator's API returns them. Records malformed on purpose (`malformed`, e.g. a code with a
 * wrong check character, which the adapter rightly refuses as input) are left out.
 */
export function seededPersonnel(databaseUrl: string, schema: string): Promise<MpdbRecord[]> {
  return seededRecords<MpdbRecord>(databaseUrl, {
    schema,
    table: 'personnel',
    where: 'NOT malformed',
    orderBy: 'so_dinh_danh',
  });
}
