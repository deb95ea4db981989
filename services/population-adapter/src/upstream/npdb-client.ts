import type { CallContext, ChangePage, ExportPage, UpstreamClient } from '@motlan/adapter-kit';
import { CommonErrors, MotlanError } from '@motlan/errors';
import { AdapterErrors } from '../errors.ts';
import type { NpdbRecord } from '../domain/npdb-record.ts';
import { NpdbHeaders } from './npdb-headers.ts';
import { signatureHeaders } from './signature.ts';

export interface NpdbClientSettings {
  baseUrl: string;
  keyId: string;
  secret: string;
}

interface LookupAnswer {
  MaYeuCau?: string;
  KetQua?: NpdbRecord | null;
  MaLoi?: string;
  MoTaLoi?: string;
}

interface ChangesAnswer {
  changes: {
    Cursor: string;
    SoDinhDanh: string;
    LoaiThayDoi: string;
    ThoiDiem: string;
    BanGhi: NpdbRecord;
  }[];
  nextCursor: string;
}

interface ExportAnswer {
  items: NpdbRecord[];
  next: string | null;
  total: number;
}

/**
 * Talks to the national population database's REST API: signed requests, the officer and
 * request id passed on, and failures sorted into retryable (outage, 5xx, timeout) and not.
 */
export function createNpdbClient(settings: NpdbClientSettings): UpstreamClient<NpdbRecord> {
  const base = settings.baseUrl.replace(/\/$/, '');

  async function call<T>(
    method: 'GET' | 'POST',
    pathWithQuery: string,
    context: CallContext,
    body?: unknown,
  ) {
    const text = body === undefined ? '' : JSON.stringify(body);
    let response: Response;
    try {
      response = await fetch(base + pathWithQuery, {
        method,
        headers: {
          ...signatureHeaders({
            keyId: settings.keyId,
            secret: settings.secret,
            method,
            pathWithQuery,
            body: text,
          }),
          [NpdbHeaders.requestId]: context.requestId,
          [NpdbHeaders.officerId]: context.actor,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: text }),
        ...(context.signal ? { signal: context.signal } : {}),
      });
    } catch (error) {
      const timedOut = (error as Error).name === 'TimeoutError' || (error as Error).name === 'AbortError';
      throw new MotlanError(
        timedOut ? CommonErrors.deadlineExceeded : CommonErrors.unavailable,
        timedOut
          ? 'national population database did not answer in time'
          : 'national population database unreachable',
        { cause: error },
      );
    }
    const answer = (await response.json().catch(() => ({}))) as T & LookupAnswer;
    if (response.status >= 500) {
      throw new MotlanError(
        CommonErrors.unavailable,
        `national population database answered ${response.status}`,
        {
          meta: { upstreamCode: answer.MaLoi ?? '' },
        },
      );
    }
    return { status: response.status, answer };
  }

  return {
    async fetchRecord(subject, context) {
      const { status, answer } = await call<LookupAnswer>('GET', `/api/v1/citizens/${subject}`, context);
      if (status === 404) return undefined;
      if (status !== 200 || !answer.KetQua) {
        throw new MotlanError(
          AdapterErrors.upstreamRejected,
          `lookup refused (${status} ${answer.MaLoi ?? ''})`,
        );
      }
      return answer.KetQua;
    },

    async changesSince(cursor, limit, context): Promise<ChangePage<NpdbRecord>> {
      const { status, answer } = await call<ChangesAnswer>(
        'GET',
        `/api/v1/changes?cursor=${encodeURIComponent(cursor)}&limit=${limit}`,
        context,
      );
      if (status !== 200)
        throw new MotlanError(AdapterErrors.upstreamRejected, `change feed refused (${status})`);
      return {
        changes: answer.changes.map((change) => ({
          cursor: change.Cursor,
          kind: change.LoaiThayDoi,
          at: change.ThoiDiem,
          record: change.BanGhi,
        })),
        nextCursor: answer.nextCursor,
      };
    },

    async exportPage(after, limit, context): Promise<ExportPage<NpdbRecord>> {
      const query = `limit=${limit}${after ? `&after=${encodeURIComponent(after)}` : ''}`;
      const { status, answer } = await call<ExportAnswer>('GET', `/api/v1/citizens?${query}`, context);
      if (status !== 200) throw new MotlanError(AdapterErrors.upstreamRejected, `export refused (${status})`);
      return { records: answer.items, total: answer.total, ...(answer.next ? { next: answer.next } : {}) };
    },
  };
}
