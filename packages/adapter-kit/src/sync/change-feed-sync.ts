import { randomUUID } from 'node:crypto';
import { Counter, Gauge, type Registry } from 'prom-client';
import type { EventProducer, TopicDefinition } from '@motlan/kafka';
import type { Logger } from '@motlan/logger';
import type { Fact__Output } from '@motlan/proto';
import type { SourceAdapter } from '../contract.ts';
import type { CursorStore } from '../store/cursor-store.ts';
import type { QuarantineStore } from '../store/quarantine-store.ts';
import type { SnapshotStore } from '../store/snapshot-store.ts';
import type { UpstreamCaller } from '../upstream/upstream-caller.ts';
import { publishRecords } from './publish-records.ts';

export interface ChangeFeedSettings {
  intervalMs: number;
  batchSize: number;
  /** Per-poll deadline for the upstream call. */
  pollTimeoutMs: number;
  topic?: TopicDefinition<Fact__Output>;
}

/**
 * Turns the upstream's change feed into authoritative facts. Per page: publish the facts, then
 * refresh the snapshots, then move the cursor. A crash between publish and cursor re-reads the
 * page after restart and publishes the same event ids again, which consumers apply once.
 *
 * A record that cannot be mapped never stops the feed: it is quarantined with its reason (see
 * `QuarantineStore`) and the page goes on. A later version of the same citizen that maps
 * resolves the citizen's open quarantine entries (the newer record supersedes them).
 */
export class ChangeFeedSync<R> {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = true;
  private readonly changes: Counter<'adapter'> | undefined;
  private readonly quarantined: Counter<'adapter'> | undefined;
  private readonly openQuarantine: Gauge<'adapter'> | undefined;
  readonly feed: string;

  constructor(
    private readonly adapter: SourceAdapter<R>,
    private readonly caller: UpstreamCaller,
    private readonly producer: EventProducer,
    private readonly cursors: CursorStore,
    private readonly snapshots: SnapshotStore<R>,
    private readonly quarantine: QuarantineStore<R>,
    private readonly settings: ChangeFeedSettings,
    private readonly logger: Logger,
    registry?: Registry,
  ) {
    this.feed = `${adapter.sourceSystem}:changes`;
    this.changes = registry
      ? new Counter({
          name: 'motlan_adapter_changes_synced_total',
          help: 'Upstream changes turned into facts on citizen.facts.v1',
          labelNames: ['adapter'],
          registers: [registry],
        })
      : undefined;
    this.quarantined = registry
      ? new Counter({
          name: 'motlan_adapter_records_quarantined_total',
          help: 'Upstream records that could not be mapped to facts and were quarantined',
          labelNames: ['adapter'],
          registers: [registry],
        })
      : undefined;
    this.openQuarantine = registry
      ? new Gauge({
          name: 'motlan_adapter_quarantined_records',
          help: 'Quarantined upstream records not yet resolved (GET /v1/quarantine lists them)',
          labelNames: ['adapter'],
          registers: [registry],
          collect: async () => {
            try {
              this.openQuarantine?.set({ adapter: this.adapter.id }, await this.quarantine.countOpen());
            } catch {
              // A scrape while the database is away keeps the last value.
            }
          },
        })
      : undefined;
  }

  /** Reads and publishes one page; resolves with the number of changes handled. */
  async syncOnce(): Promise<number> {
    const cursor = (await this.cursors.get(this.feed)) ?? '0';
    const page = await this.caller.call(
      { deadline: Date.now() + this.settings.pollTimeoutMs, requestId: randomUUID(), actor: this.adapter.id },
      (signal) =>
        this.adapter.client.changesSince(cursor, this.settings.batchSize, {
          deadline: Date.now() + this.settings.pollTimeoutMs,
          requestId: randomUUID(),
          actor: this.adapter.id,
          signal,
        }),
    );
    if (page.changes.length === 0) return 0;
    const published = await publishRecords(
      this.producer,
      this.adapter,
      page.changes.map((change) => ({ record: change.record, observedAt: change.at })),
      this.settings.topic,
    );
    const rejected = new Map(published.rejected.map((entry) => [entry.record, entry]));
    if (rejected.size > 0) {
      await this.quarantine.add(
        page.changes.flatMap((change) => {
          const entry = rejected.get(change.record);
          if (entry === undefined) return [];
          const { reasonCode, reason, field, subject, version, record } = entry;
          return [
            {
              feed: this.feed,
              subject,
              version,
              position: change.cursor,
              reasonCode,
              reason,
              record,
              ...(field ? { field } : {}),
            },
          ];
        }),
      );
      this.quarantined?.inc({ adapter: this.adapter.id }, rejected.size);
      this.logger.warn(
        { count: rejected.size, reasons: [...new Set(published.rejected.map((entry) => entry.reasonCode))] },
        'records quarantined; the feed goes on',
      );
    }
    // A citizen whose last record on this page mapped has nothing left in quarantine.
    const lastMapped = new Map<string, boolean>();
    for (const change of page.changes) {
      const entry = rejected.get(change.record);
      lastMapped.set(entry?.subject ?? this.adapter.subjectOf(change.record), entry === undefined);
    }
    const good = [...lastMapped].filter(([, mapped]) => mapped).map(([subject]) => subject);
    await this.quarantine.resolve(good, 'superseded: a later version of the record mapped');
    const fetchedAt = new Date();
    await this.snapshots.putMany(
      page.changes
        .filter((change) => !rejected.has(change.record))
        .map((change) => ({
          subject: this.adapter.subjectOf(change.record),
          snapshot: { record: change.record, version: this.adapter.versionOf(change.record), fetchedAt },
        })),
    );
    await this.cursors.set(this.feed, page.nextCursor);
    this.changes?.inc({ adapter: this.adapter.id }, page.changes.length);
    this.logger.debug({ count: page.changes.length, cursor: page.nextCursor }, 'changes synced');
    return page.changes.length;
  }

  /** Polls until stopped: straight on while pages are full, every intervalMs when caught up. */
  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    const tick = async () => {
      let handled = 0;
      try {
        handled = await this.syncOnce();
      } catch (error) {
        this.logger.warn({ err: error }, 'change feed sync failed; will retry');
      }
      if (this.stopped) return;
      const full = handled >= this.settings.batchSize;
      this.timer = setTimeout(() => (this.running = tick()), full ? 0 : this.settings.intervalMs);
    };
    this.running = tick();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }
}
