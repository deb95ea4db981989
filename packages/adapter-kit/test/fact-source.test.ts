import { describe, expect, it } from 'vitest';
import { CommonErrors, MotlanError } from '@motlan/errors';
import {
  createUpstreamCaller,
  FactSource,
  memorySnapshotStore,
  type CallContext,
  type SourceAdapter,
  type UpstreamClient,
} from '../src/index.ts';

interface Row {
  id: string;
  name: string;
  version: number;
}

function fakeUpstream() {
  const rows = new Map<string, Row>([
    ['001099012345', { id: '001099012345', name: 'Nguyễn Văn An', version: 1 }],
  ]);
  const state = { down: false, slowMs: 0, calls: 0, failuresBeforeSuccess: 0 };
  const client: UpstreamClient<Row> = {
    async fetchRecord(subject, context) {
      state.calls += 1;
      if (state.slowMs) {
        await new Promise((resolve, reject) => {
          const timer = setTimeout(resolve, state.slowMs);
          context.signal?.addEventListener('abort', () => {
            clearTimeout(timer);
            reject(new MotlanError(CommonErrors.deadlineExceeded, 'aborted'));
          });
        });
      }
      if (state.down) throw new MotlanError(CommonErrors.unavailable, 'connection refused');
      if (state.failuresBeforeSuccess > 0) {
        state.failuresBeforeSuccess -= 1;
        throw new MotlanError(CommonErrors.unavailable, 'blip');
      }
      return rows.get(subject);
    },
    changesSince: async () => ({ changes: [], nextCursor: '0' }),
    exportPage: async () => ({ records: [] }),
  };
  return { client, state };
}

function adapterOver(client: UpstreamClient<Row>): SourceAdapter<Row> {
  return {
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
}

const context = (ms = 1_000): CallContext => ({ deadline: Date.now() + ms, requestId: 'r', actor: 'a' });

function setup(freshForMs = 0) {
  const upstream = fakeUpstream();
  const caller = createUpstreamCaller({
    name: 'test-source',
    attemptTimeoutMs: 200,
    retries: 2,
    breakerResetMs: 60_000,
  });
  let now = Date.now();
  const source = new FactSource(adapterOver(upstream.client), caller, memorySnapshotStore<Row>(), {
    freshForMs,
    now: () => now,
  });
  return { upstream, caller, source, advance: (ms: number) => (now += ms) };
}

describe('FactSource', () => {
  it('answers only the requested types, with provenance', async () => {
    const { source } = setup();
    const answer = await source.facts('001099012345', ['identity.full_name'], context());
    expect(answer.missing).toEqual([]);
    expect(answer.facts[0]!.provenance).toMatchObject({
      sourceSystem: 'test-source',
      sourceRecordVersion: '1',
    });
    expect(answer.freshness.stale).toBe(false);
  });

  it('serves a fresh enough snapshot without calling the upstream', async () => {
    const { source, upstream, advance } = setup(60_000);
    await source.record('001099012345', context());
    advance(30_000);
    const again = await source.record('001099012345', context());
    expect(upstream.state.calls).toBe(1);
    expect(again.freshness).toMatchObject({ stale: false, ageSeconds: 30 });
  });

  it('retries a retryable blip within the deadline', async () => {
    const { source, upstream } = setup();
    upstream.state.failuresBeforeSuccess = 2;
    await expect(source.record('001099012345', context())).resolves.toBeDefined();
    expect(upstream.state.calls).toBe(3);
  });

  it('serves the last known record marked stale with its age when the upstream is down', async () => {
    const { source, upstream, advance } = setup();
    await source.record('001099012345', context());
    upstream.state.down = true;
    advance(90_000);
    const answer = await source.facts('001099012345', ['identity.full_name'], context());
    expect(answer.freshness).toMatchObject({ stale: true, ageSeconds: 90 });
    expect(answer.facts).toHaveLength(1);
  });

  it('fails with a retryable UNAVAILABLE when nothing is known and the upstream is down', async () => {
    const { source, upstream } = setup();
    upstream.state.down = true;
    await expect(source.record('001099012345', context())).rejects.toMatchObject({
      code: 'MOTLAN_UPSTREAM_UNAVAILABLE',
      canRetry: true,
    });
  });

  it('never waits past the deadline on a slow upstream', async () => {
    const { source, upstream } = setup();
    upstream.state.slowMs = 5_000;
    const started = Date.now();
    await expect(source.record('001099012345', context(300))).rejects.toBeInstanceOf(MotlanError);
    expect(Date.now() - started).toBeLessThan(600);
  });

  it('says NOT_FOUND for an unknown subject and rejects types it does not provide', async () => {
    const { source } = setup();
    await expect(source.record('079203000123', context())).rejects.toMatchObject({
      code: 'MOTLAN_SUBJECT_NOT_FOUND',
    });
    await expect(source.facts('001099012345', ['identity.sex'], context())).rejects.toMatchObject({
      code: 'MOTLAN_FACT_TYPE_NOT_PROVIDED',
    });
    await expect(source.facts('001099012345', ['no.such_type'], context())).rejects.toMatchObject({
      field: 'factTypes',
    });
  });
});
