import { describe, expect, it } from 'vitest';
import type { EventProducer, OutgoingEvent } from '@motlan/kafka';
import {
  ChangeFeedSync,
  createUpstreamCaller,
  memoryCursorStore,
  memoryQuarantineStore,
  memorySnapshotStore,
  retryQuarantined,
  runBulkSync,
  type SourceAdapter,
  type UpstreamClient,
} from '../src/index.ts';
import { createLogger } from '@motlan/logger';

interface Row {
  id: string;
  name: string;
  version: number;
}

const good = (n: number, version = 1): Row => ({ id: `00109901234${n}`, name: 'Nguyễn Văn An', version });
// A name whose parts do not make the full name: the catalog refuses it.
const bad = (n: number, version = 1): Row => ({ id: `00109901234${n}`, name: 'Nguyễn Văn Anh', version });

function fixture(rows: Row[]) {
  const upstream = new Map(rows.map((row) => [row.id, row]));
  const feed: Row[] = [...rows];
  const client: UpstreamClient<Row> = {
    fetchRecord: async (subject) => upstream.get(subject),
    changesSince: async (cursor, limit) => {
      const from = Number(cursor);
      const page = feed.slice(from, from + limit);
      return {
        changes: page.map((record, i) => ({
          cursor: String(from + i + 1),
          kind: 'X',
          at: '2026-11-30T00:00:00Z',
          record,
        })),
        nextCursor: String(from + page.length),
      };
    },
    exportPage: async () => ({ records: rows }),
  };
  const adapter: SourceAdapter<Row> = {
    id: 'test-adapter',
    version: '1',
    sourceSystem: 'test-source',
    factTypes: ['identity.full_name'],
    client,
    toFacts: (row) => [
      { type: 'identity.full_name', value: { family: 'Nguyễn', middle: 'Văn', given: 'An', full: row.name } },
    ],
    subjectOf: (row) => row.id,
    versionOf: (row) => String(row.version),
    referenceOf: (row) => `T/${row.id}`,
  };
  const published: OutgoingEvent<object>[] = [];
  const producer: EventProducer = {
    publish: async (_topic, events) => {
      published.push(...events);
      return [];
    },
    disconnect: async () => undefined,
  };
  const caller = createUpstreamCaller({
    name: 'test',
    attemptTimeoutMs: 500,
    retries: 0,
    breakerResetMs: 1_000,
  });
  const quarantine = memoryQuarantineStore<Row>();
  const snapshots = memorySnapshotStore<Row>();
  const sync = new ChangeFeedSync(
    adapter,
    caller,
    producer,
    memoryCursorStore(),
    snapshots,
    quarantine,
    { intervalMs: 0, batchSize: 10, pollTimeoutMs: 1_000 },
    createLogger({ name: 'test', level: 'silent' }),
  );
  return { adapter, caller, producer, published, quarantine, snapshots, sync, upstream, feed };
}

const subjects = (events: OutgoingEvent<object>[]) => events.map((event) => event.key);

describe('records that cannot be mapped', () => {
  it('are quarantined with their reason while the rest of the page is published and the cursor moves', async () => {
    const f = fixture([good(1), bad(2), good(3)]);
    expect(await f.sync.syncOnce()).toBe(3);
    expect(subjects(f.published)).toEqual([good(1).id, good(3).id]);
    expect(await f.quarantine.open(10)).toEqual([
      expect.objectContaining({
        feed: 'test-source:changes',
        subject: bad(2).id,
        version: '1',
        position: '2',
        reasonCode: 'MOTLAN_FACT_VALUE_INVALID',
        field: 'value.full',
        attempts: 1,
      }),
    ]);
    expect(await f.snapshots.get(bad(2).id)).toBeUndefined();
    expect(await f.sync.syncOnce()).toBe(0); // the page is not read again
    f.caller.shutdown();
  });

  it('are resolved by a later version that maps, and stay open when the later version is bad too', async () => {
    const f = fixture([bad(1), bad(2)]);
    await f.sync.syncOnce();
    f.feed.push(good(1, 2), good(2, 2), bad(2, 3));
    await f.sync.syncOnce();
    const open = await f.quarantine.open(10);
    expect(open.map((entry) => [entry.subject, entry.version])).toEqual([
      [bad(2).id, '1'],
      [bad(2).id, '3'],
    ]);
    f.caller.shutdown();
  });

  it('are retried: a record corrected upstream is published and resolved, one still bad counts an attempt', async () => {
    const f = fixture([bad(1), bad(2)]);
    await f.sync.syncOnce();
    f.upstream.set(bad(1).id, good(1, 2));
    const outcome = await retryQuarantined(f.adapter, f.caller, f.producer, f.quarantine, f.snapshots, {
      timeoutMs: 1_000,
      limit: 10,
    });
    expect(outcome).toEqual({ tried: 2, resolved: 1, stillFailing: 1 });
    expect(subjects(f.published)).toEqual([good(1).id]);
    expect((await f.snapshots.get(good(1).id))?.version).toBe('2');
    expect(await f.quarantine.open(10)).toEqual([
      expect.objectContaining({ subject: bad(2).id, attempts: 2 }),
    ]);
    f.caller.shutdown();
  });

  it('never stop the bulk sync either', async () => {
    const f = fixture([good(1), bad(2), good(3)]);
    const progress = await runBulkSync(
      f.adapter,
      f.caller,
      f.producer,
      { pageSize: 10, inFlight: 1, pageTimeoutMs: 1_000 },
      f.quarantine,
    );
    expect(progress).toMatchObject({ records: 3, facts: 2, quarantined: 1 });
    expect((await f.quarantine.open(10))[0]).toMatchObject({
      feed: 'test-source:bulk-sync',
      subject: bad(2).id,
    });
    f.caller.shutdown();
  });
});
