import type { SourceAdapter } from '@motlan/adapter-kit';
import { mapRecord, MILITARY_FACT_TYPES } from './domain/map-record.ts';
import type { MpdbClient } from './upstream/mpdb-client.ts';
import type { MpdbRecord } from './domain/mpdb-record.ts';

export const SOURCE_SYSTEM = 'military-personnel-db';
export const ADAPTER_ID = 'military-personnel-adapter';

/** The military personnel adapter, as the adapter kit's contract describes it. */
export function militaryPersonnelAdapter(client: MpdbClient, version: string): SourceAdapter<MpdbRecord> {
  return {
    id: ADAPTER_ID,
    version,
    sourceSystem: SOURCE_SYSTEM,
    factTypes: MILITARY_FACT_TYPES,
    client,
    toFacts: mapRecord,
    subjectOf: (record) => record.SoDinhDanh,
    versionOf: (record) => String(record.PhienBan),
    referenceOf: (record) => `MPDB/${record.MaDinhDanhQuanNhan}`,
  };
}
