import { randomUUID } from 'node:crypto';
import type { EventProducer, TopicDefinition } from '@motlan/kafka';
import type { Fact__Output } from '@motlan/proto';
import type { SourceAdapter } from '../contract.ts';
import type { QuarantineStore } from '../store/quarantine-store.ts';
import type { SnapshotStore } from '../store/snapshot-store.ts';
import type { UpstreamCaller } from '../upstream/upstream-caller.ts';
import { mapRecords } from './map-records.ts';
import { publishFacts } from './publish-records.ts';

export interface QuarantineRetrySettings {
  /** Deadline of each upstream re-read. */
  timeoutMs: number;
  /** Open entries tried in one run, oldest first. */
  limit: number;
  topic?: TopicDefinition<Fact__Output>;
}

export interface QuarantineRetryOutcome {
  /** Open entries tried. */
  tried: number;
  /** Entries resolved: the record (as upstream holds it now, or as kept) mapped and was published. */
  resolved: number;
  /** Entries that still cannot be mapped, with their reason updated. */
  stillFailing: number;
}

/**
 * Tries quarantined records again after a fix, on either side: each subject's record is read
 * again from the upstream (a corrected record there), or, when the upstream cannot answer, the
 * kept record is mapped again (a fixed mapping here). What maps is published like any feed
 * record (same fact ids for the same version, so consumers apply it once) and the subject's
 * entries are resolved; what still fails keeps its entry with the new reason and one more attempt.
 */
export async function retryQuarantined<R>(
  adapter: SourceAdapter<R>,
  caller: UpstreamCaller,
  producer: EventProducer,
  quarantine: QuarantineStore<R>,
  snapshots: SnapshotStore<R>,
  settings: QuarantineRetrySettings,
): Promise<QuarantineRetryOutcome> {
  const outcome: QuarantineRetryOutcome = { tried: 0, resolved: 0, stillFailing: 0 };
  const done = new Set<string>();
  for (const entry of await quarantine.open(settings.limit)) {
    if (entry.subject !== '' && done.has(entry.subject)) continue;
    outcome.tried += 1;
    const record = (await reread(adapter, caller, entry.subject, settings.timeoutMs)) ?? entry.record;
    const observedAt = new Date().toISOString();
    const { mapped, rejected } = mapRecords(adapter, [{ record, observedAt }]);
    const failure = rejected[0];
    if (failure !== undefined) {
      await quarantine.failedAgain(entry.id, failure.reasonCode, failure.reason, failure.field);
      outcome.stillFailing += 1;
      continue;
    }
    const good = mapped[0]!;
    await publishFacts(producer, good.facts, settings.topic);
    await snapshots.put(good.subject, {
      record,
      version: adapter.versionOf(record),
      fetchedAt: new Date(observedAt),
    });
    outcome.resolved += await quarantine.resolve(
      [good.subject],
      `retried: version ${adapter.versionOf(record)} mapped`,
    );
    done.add(good.subject);
  }
  return outcome;
}

/** The subject's record as the upstream holds it now; undefined when it cannot say. */
async function reread<R>(
  adapter: SourceAdapter<R>,
  caller: UpstreamCaller,
  subject: string,
  timeoutMs: number,
): Promise<R | undefined> {
  if (subject === '') return undefined;
  const context = { deadline: Date.now() + timeoutMs, requestId: randomUUID(), actor: adapter.id };
  try {
    return await caller.call(context, (signal) =>
      adapter.client.fetchRecord(subject, { ...context, signal }),
    );
  } catch {
    // Upstream down or refusing: the kept record is what there is to map again.
    return undefined;
  }
}
