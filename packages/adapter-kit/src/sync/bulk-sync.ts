import { randomUUID } from 'node:crypto';
import type { EventProducer, TopicDefinition } from '@motlan/kafka';
import type { Fact__Output } from '@motlan/proto';
import type { SourceAdapter } from '../contract.ts';
import type { QuarantineStore } from '../store/quarantine-store.ts';
import type { UpstreamCaller } from '../upstream/upstream-caller.ts';
import { publishRecords } from './publish-records.ts';

export interface BulkSyncSettings {
  pageSize: number;
  /** Pages published concurrently while the next ones are read. */
  inFlight: number;
  pageTimeoutMs: number;
  topic?: TopicDefinition<Fact__Output>;
  onProgress?: (progress: BulkProgress) => void;
}

export interface BulkProgress {
  records: number;
  facts: number;
  /** Records that could not be mapped, kept in quarantine (the sync went on). */
  quarantined: number;
  total?: number;
}

/**
 * The initial load: every upstream record, page by page, published as authoritative facts.
 * Reading the next page overlaps with publishing the previous ones (bounded by `inFlight`). A
 * record that cannot be mapped is quarantined under the feed `<source>:bulk-sync` and the load
 * goes on.
 */
export async function runBulkSync<R>(
  adapter: SourceAdapter<R>,
  caller: UpstreamCaller,
  producer: EventProducer,
  settings: BulkSyncSettings,
  quarantine: QuarantineStore<R>,
): Promise<BulkProgress> {
  const progress: BulkProgress = { records: 0, facts: 0, quarantined: 0 };
  const feed = `${adapter.sourceSystem}:bulk-sync`;
  const pending = new Set<Promise<void>>();
  const observedAt = new Date().toISOString();
  let after: string | undefined;
  do {
    const page = await caller.call(
      { deadline: Date.now() + settings.pageTimeoutMs, requestId: randomUUID(), actor: adapter.id },
      (signal) =>
        adapter.client.exportPage(after, settings.pageSize, {
          deadline: Date.now() + settings.pageTimeoutMs,
          requestId: randomUUID(),
          actor: adapter.id,
          signal,
        }),
    );
    if (page.total !== undefined) progress.total = page.total;
    const publishing = publishRecords(
      producer,
      adapter,
      page.records.map((record) => ({ record, observedAt })),
      settings.topic,
    ).then(async (published) => {
      if (published.rejected.length > 0) {
        await quarantine.add(
          published.rejected.map(({ subject, version, reasonCode, reason, field, record }) => ({
            feed,
            subject,
            version,
            position: '',
            reasonCode,
            reason,
            record,
            ...(field ? { field } : {}),
          })),
        );
      }
      progress.records += page.records.length;
      progress.facts += published.facts;
      progress.quarantined += published.rejected.length;
      settings.onProgress?.({ ...progress });
    });
    pending.add(publishing);
    void publishing.finally(() => pending.delete(publishing)).catch(() => undefined);
    if (pending.size >= settings.inFlight) await Promise.race(pending);
    after = page.next;
  } while (after !== undefined);
  await Promise.all(pending);
  return progress;
}
