import { isMotlanError } from '@motlan/errors';
import type { Fact__Output } from '@motlan/proto';
import type { SourceAdapter } from '../contract.ts';
import { stampFacts } from '../fact-stamp.ts';

/** The code of a quarantine reason that is not a MotlanError (the mapping itself threw). */
export const RECORD_UNMAPPABLE = 'MOTLAN_RECORD_UNMAPPABLE';

export interface MappedRecord<R> {
  record: R;
  observedAt: string;
  subject: string;
  facts: Fact__Output[];
}

export interface RejectedRecord<R> {
  record: R;
  observedAt: string;
  subject: string;
  version: string;
  reasonCode: string;
  reason: string;
  field?: string;
}

/**
 * Maps each record on its own, so one the catalog refuses (or the adapter's mapping cannot read)
 * is set apart with its reason instead of failing the page for every other citizen. Mapping is
 * deterministic: retrying a rejected record unchanged would fail the same way.
 */
export function mapRecords<R>(
  adapter: SourceAdapter<R>,
  records: readonly { record: R; observedAt: string }[],
): { mapped: MappedRecord<R>[]; rejected: RejectedRecord<R>[] } {
  const mapped: MappedRecord<R>[] = [];
  const rejected: RejectedRecord<R>[] = [];
  for (const { record, observedAt } of records) {
    try {
      mapped.push({
        record,
        observedAt,
        subject: adapter.subjectOf(record),
        facts: stampFacts(adapter, record, observedAt),
      });
    } catch (error) {
      rejected.push({
        record,
        observedAt,
        subject: attempt(() => adapter.subjectOf(record)),
        version: attempt(() => adapter.versionOf(record)),
        ...reasonOf(error),
      });
    }
  }
  return { mapped, rejected };
}

/** Why a record could not be mapped: the error's stable code and message (which never carry values). */
export function reasonOf(error: unknown): { reasonCode: string; reason: string; field?: string } {
  if (isMotlanError(error)) {
    return { reasonCode: error.code, reason: error.message, ...(error.field ? { field: error.field } : {}) };
  }
  return {
    reasonCode: RECORD_UNMAPPABLE,
    reason: `the mapping failed: ${(error as Error)?.message ?? String(error)}`,
  };
}

function attempt(read: () => string): string {
  try {
    return String(read() ?? '');
  } catch {
    return '';
  }
}
