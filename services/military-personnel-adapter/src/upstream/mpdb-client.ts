import type { CallContext, ChangePage, ExportPage, UpstreamClient } from '@motlan/adapter-kit';
import { CommonErrors, MotlanError } from '@motlan/errors';
import { AdapterErrors } from '../errors.ts';
import type { MpdbRecord } from '../domain/mpdb-record.ts';
import { MpdbWire } from './mpdb-wire.ts';
import { OAuthToken } from './oauth-token.ts';

export interface MpdbClientSettings {
  baseUrl: string;
  clientId: string;
  clientSecret: string;
}

/** The kit's upstream contract, plus the lookup by military person code this upstream offers. */
export interface MpdbClient extends UpstreamClient<MpdbRecord> {
  /** The record under a military person code, or undefined when the upstream holds none. */
  fetchByCode(code: string, context: CallContext): Promise<MpdbRecord | undefined>;
}

interface LookupAnswer {
  HoSo?: MpdbRecord;
  Loi?: { Ma?: string; MoTa?: string };
}

interface ChangesAnswer {
  BienDong: { ViTri: string; LoaiBienDong: string; ThoiDiem: string; HoSo: MpdbRecord }[];
  ViTriCuoi: string;
}

interface ExportAnswer {
  DanhSach: MpdbRecord[];
  TiepTheo: string | null;
  TongSo: number;
}

/**
 * Talks to the military personnel database's REST API: a bearer token from its OAuth2 token
 * endpoint (renewed once on a 401, since the upstream forgets tokens when it restarts), the
 * request id passed on as its correlation id, and failures sorted into retryable (outage, 5xx,
 * timeout) and not.
 */
export function createMpdbClient(settings: MpdbClientSettings): MpdbClient {
  const base = settings.baseUrl.replace(/\/$/, '');
  const token = new OAuthToken({ ...settings, baseUrl: base });

  async function call<T>(
    path: string,
    context: CallContext,
    renewed = false,
  ): Promise<{ status: number; answer: T }> {
    const bearer = await token.get(context.signal);
    let response: Response;
    try {
      response = await fetch(base + path, {
        headers: { authorization: `Bearer ${bearer}`, [MpdbWire.correlationHeader]: context.requestId },
        ...(context.signal ? { signal: context.signal } : {}),
      });
    } catch (error) {
      const timedOut = (error as Error).name === 'TimeoutError' || (error as Error).name === 'AbortError';
      throw new MotlanError(
        timedOut ? CommonErrors.deadlineExceeded : CommonErrors.unavailable,
        timedOut
          ? 'military personnel database did not answer in time'
          : 'military personnel database unreachable',
        { cause: error },
      );
    }
    const answer = (await response.json().catch(() => ({}))) as T & LookupAnswer;
    if (response.status === 401 && !renewed) {
      token.invalidate(bearer);
      return call<T>(path, context, true);
    }
    if (response.status >= 500) {
      throw new MotlanError(
        CommonErrors.unavailable,
        `military personnel database answered ${response.status}`,
        { meta: { upstreamCode: answer.Loi?.Ma ?? '' } },
      );
    }
    return { status: response.status, answer };
  }

  async function lookup(path: string, context: CallContext): Promise<MpdbRecord | undefined> {
    const { status, answer } = await call<LookupAnswer>(path, context);
    if (status === 404 && answer.Loi?.Ma === MpdbWire.notFound) return undefined;
    if (status !== 200 || !answer.HoSo) {
      throw new MotlanError(
        AdapterErrors.upstreamRejected,
        `lookup refused (${status} ${answer.Loi?.Ma ?? ''})`,
      );
    }
    return answer.HoSo;
  }

  return {
    fetchRecord: (subject, context) => lookup(MpdbWire.byPersonalId(subject), context),
    fetchByCode: (code, context) => lookup(MpdbWire.byCode(code), context),

    async changesSince(cursor, limit, context): Promise<ChangePage<MpdbRecord>> {
      const { status, answer } = await call<ChangesAnswer>(MpdbWire.changes(cursor, limit), context);
      if (status !== 200)
        throw new MotlanError(AdapterErrors.upstreamRejected, `change feed refused (${status})`);
      return {
        changes: answer.BienDong.map((change) => ({
          cursor: change.ViTri,
          kind: change.LoaiBienDong,
          at: change.ThoiDiem,
          record: change.HoSo,
        })),
        nextCursor: answer.ViTriCuoi,
      };
    },

    async exportPage(after, limit, context): Promise<ExportPage<MpdbRecord>> {
      const { status, answer } = await call<ExportAnswer>(MpdbWire.exportPage(after, limit), context);
      if (status !== 200) throw new MotlanError(AdapterErrors.upstreamRejected, `export refused (${status})`);
      return {
        records: answer.DanhSach,
        total: answer.TongSo,
        ...(answer.TiepTheo ? { next: answer.TiepTheo } : {}),
      };
    },
  };
}
