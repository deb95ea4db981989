import type { Assurance } from '@motlan/domain';

/**
 * The contract every source adapter implements (population, military personnel, ...). An
 * adapter is data plus pure functions; the kit's runtime supplies the breaker, deadlines,
 * retries, caching, publishing, health, metrics and serving.
 */
export interface SourceAdapter<R> {
  /** Adapter id, also its consumer/producer name, e.g. `population-adapter`. */
  readonly id: string;
  readonly version: string;
  /** The upstream system of record, as written in provenance, e.g. `national-population-db`. */
  readonly sourceSystem: string;
  /** Catalog fact types this adapter can provide. */
  readonly factTypes: readonly string[];
  readonly client: UpstreamClient<R>;
  /** Maps one upstream record to canonical facts (values only; the kit adds ids and provenance). */
  toFacts(record: R): FactDraft[];
  /** The subject (personal ID) a record is about. */
  subjectOf(record: R): string;
  /** The record's version upstream; a later version supersedes an earlier one. */
  versionOf(record: R): string;
  /** The record's reference upstream (for provenance), e.g. its id in the source. */
  referenceOf(record: R): string;
}

/** One fact an adapter read from a record, before the kit stamps it. */
export interface FactDraft {
  type: string;
  value: unknown;
  assurance?: Assurance;
  validFrom?: string;
  validUntil?: string;
}

/** Per-call context: the deadline every upstream call must honour, and who is asking. */
export interface CallContext {
  /** Absolute time (ms since epoch) after which the answer is useless. */
  deadline: number;
  requestId: string;
  /** The officer or service on whose behalf the call is made, passed to the upstream. */
  actor: string;
  signal?: AbortSignal;
}

export interface ChangePage<R> {
  changes: { cursor: string; kind: string; at: string; record: R }[];
  nextCursor: string;
}

export interface ExportPage<R> {
  records: R[];
  /** Where the next page starts; undefined on the last page. */
  next?: string;
  /** Total records upstream, when the upstream says (for progress). */
  total?: number;
}

/**
 * How the kit talks to an upstream. Implementations throw MotlanErrors: retryable
 * (`canRetry`) for outages and timeouts, non-retryable for answers such as a rejected request.
 */
export interface UpstreamClient<R> {
  /** The record for a subject, or undefined when the upstream has none. */
  fetchRecord(subject: string, context: CallContext): Promise<R | undefined>;
  /** Changes after `cursor` (exclusive), oldest first. */
  changesSince(cursor: string, limit: number, context: CallContext): Promise<ChangePage<R>>;
  /** Every record, in pages, for the initial bulk sync. */
  exportPage(after: string | undefined, limit: number, context: CallContext): Promise<ExportPage<R>>;
}
