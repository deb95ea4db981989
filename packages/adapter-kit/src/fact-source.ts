import { isKnownFactType } from '@motlan/domain';
import { CommonErrors, isMotlanError, MotlanError } from '@motlan/errors';
import type { Fact__Output } from '@motlan/proto';
import type { CallContext, SourceAdapter } from './contract.ts';
import { AdapterErrors } from './errors.ts';
import { stampFacts } from './fact-stamp.ts';
import type { SnapshotStore } from './store/snapshot-store.ts';
import type { UpstreamCaller } from './upstream/upstream-caller.ts';

export interface Freshness {
  /** True when the upstream could not be reached and the last known record was served. */
  stale: boolean;
  ageSeconds: number;
  fetchedAt: string;
}

export interface RecordAnswer<R> {
  record: R;
  freshness: Freshness;
}

export interface FactsAnswer {
  facts: Fact__Output[];
  missing: string[];
  freshness: Freshness;
}

export interface FactSourceSettings {
  /** A known record younger than this is served without asking the upstream. */
  freshForMs: number;
  now?: () => number;
}

/**
 * Reads through to the upstream, keeping the last record per subject. Fresh enough: served from
 * memory. Otherwise asked upstream (breaker, deadline, retries). Upstream unreachable: the last
 * known record, marked stale with its age. Nothing known: a retryable UNAVAILABLE.
 */
export class FactSource<R> {
  private readonly now: () => number;

  constructor(
    private readonly adapter: SourceAdapter<R>,
    private readonly caller: UpstreamCaller,
    private readonly snapshots: SnapshotStore<R>,
    private readonly settings: FactSourceSettings,
  ) {
    this.now = settings.now ?? Date.now;
  }

  async record(subject: string, context: CallContext): Promise<RecordAnswer<R>> {
    const known = await this.snapshots.get(subject);
    if (known && this.now() - known.fetchedAt.getTime() < this.settings.freshForMs) {
      return { record: known.record, freshness: this.freshness(known.fetchedAt, false) };
    }
    let record: R | undefined;
    try {
      record = await this.caller.call(context, (signal) =>
        this.adapter.client.fetchRecord(subject, { ...context, signal }),
      );
    } catch (error) {
      const upstreamDown = isMotlanError(error) && error.canRetry;
      if (upstreamDown && known)
        return { record: known.record, freshness: this.freshness(known.fetchedAt, true) };
      if (upstreamDown) {
        throw new MotlanError(
          AdapterErrors.upstreamUnavailable,
          `${this.adapter.sourceSystem}: ${error.message}`,
          {
            cause: error,
          },
        );
      }
      throw error;
    }
    if (record === undefined) {
      throw new MotlanError(
        AdapterErrors.citizenNotFound,
        `${this.adapter.sourceSystem} has no record for this personal ID`,
        {
          field: 'personalId',
        },
      );
    }
    const fetchedAt = new Date(this.now());
    await this.snapshots.put(subject, { record, version: this.adapter.versionOf(record), fetchedAt });
    return { record, freshness: this.freshness(fetchedAt, false) };
  }

  /** The requested fact types for a subject, with provenance; types without a value are `missing`. */
  async facts(subject: string, types: readonly string[], context: CallContext): Promise<FactsAnswer> {
    this.checkTypes(types);
    const { record, freshness } = await this.record(subject, context);
    const wanted = new Set(types);
    const facts = this.stamp(record, freshness.fetchedAt).filter((fact) => wanted.has(fact.type));
    const present = new Set(facts.map((fact) => fact.type));
    return { facts, missing: types.filter((type) => !present.has(type)), freshness };
  }

  /**
   * The record's facts. A record the catalog refuses is the upstream's problem, not the caller's
   * input: a 502 that says so (the change feed quarantines such records), never a 400.
   */
  private stamp(record: R, observedAt: string): Fact__Output[] {
    try {
      return stampFacts(this.adapter, record, observedAt);
    } catch (error) {
      throw new MotlanError(
        AdapterErrors.recordUnmappable,
        `${this.adapter.sourceSystem}'s record cannot be mapped: ${(error as Error).message}`,
        { cause: error },
      );
    }
  }

  private checkTypes(types: readonly string[]): void {
    if (types.length === 0) {
      throw new MotlanError(CommonErrors.validation, 'factTypes must name at least one fact type', {
        field: 'factTypes',
      });
    }
    const provided = new Set(this.adapter.factTypes);
    for (const type of types) {
      if (!isKnownFactType(type)) {
        throw new MotlanError(CommonErrors.validation, `Unknown fact type "${type}"`, { field: 'factTypes' });
      }
      if (!provided.has(type)) {
        throw new MotlanError(
          AdapterErrors.factTypeNotProvided,
          `${this.adapter.id} does not provide "${type}"`,
          {
            field: 'factTypes',
          },
        );
      }
    }
  }

  private freshness(fetchedAt: Date, stale: boolean): Freshness {
    return {
      stale,
      ageSeconds: Math.max(0, Math.floor((this.now() - fetchedAt.getTime()) / 1000)),
      fetchedAt: fetchedAt.toISOString(),
    };
  }
}
