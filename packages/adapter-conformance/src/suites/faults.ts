import { GrpcCode, isMotlanError } from '@motlan/errors';
import type { FactsAnswer } from '../harness/adapter-client.ts';
import { KitSettings, Purposes, type Environment } from '../harness/environment.ts';
import { check, environmentOf, expectThat, type RunContext } from '../run-context.ts';

const SUITE = 'faults';
/** Time allowed over the request deadline for the answer to travel back. */
const SLACK_MS = 750;
/** Added upstream latency, far past the deadline. */
const SLOW_UPSTREAM_MS = 8_000;
/** Reads during the outage: enough for the breaker's volume threshold (the kit's: 5). */
const OUTAGE_READS = 8;
const BREAKER_OPEN = 2;
const BREAKER_CLOSED = 0;

interface TimedRead {
  elapsedMs: number;
  answer?: FactsAnswer;
  error?: unknown;
}

async function timedRead(
  environment: Environment,
  subject: string,
  types: readonly string[],
): Promise<TimedRead> {
  const started = Date.now();
  try {
    // The caller allows more than the adapter's own deadline: the adapter must keep to its own.
    const answer = await environment.adapter.client.getFacts(subject, types, Purposes.granted, {
      deadlineMs: 15_000,
    });
    return { elapsedMs: Date.now() - started, answer };
  } catch (error) {
    return { elapsedMs: Date.now() - started, error };
  }
}

/** Reads until an answer is fresh (the breaker closed again) or `timeoutMs` passed; the last read. */
async function untilFresh(
  environment: Environment,
  subject: string,
  types: readonly string[],
  timeoutMs: number,
): Promise<TimedRead> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const read = await timedRead(environment, subject, types);
    if ((read.answer && !read.answer.freshness.stale) || Date.now() > deadline) return read;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** A synced subject the adapter has neither answered for nor seen on its feed: it knows nothing of it. */
function unreadSubject(context: RunContext): string | undefined {
  const seen = [
    ...context.answeredFacts,
    ...environmentOf(context)
      .events.factsSince(context.afterResync)
      .map((event) => event.fact),
  ];
  const known = new Set(seen.map((fact) => fact.subject?.personalId));
  return context.syncedSubjects.find((subject) => !known.has(subject));
}

const describe = (read: TimedRead) =>
  read.answer
    ? `${read.answer.freshness.stale ? `stale, ${read.answer.freshness.ageSeconds} s old` : 'fresh'} in ${read.elapsedMs} ms`
    : `${isMotlanError(read.error) ? read.error.code : String(read.error)} in ${read.elapsedMs} ms`;

/**
 * The upstream misbehaving, through the simulator-kit's fault knobs (`PUT /admin/faults`): a slow
 * upstream never holds a read past its deadline; an outage opens the breaker and known subjects
 * are answered from the last record, marked stale with its age; when the upstream is back the
 * adapter recovers on its own. A record the adapter cannot map is quarantined and the feed goes on.
 */
export async function faults(context: RunContext): Promise<void> {
  await check(
    context,
    SUITE,
    'bad-record-quarantined',
    'a bad upstream record is quarantined and the feed goes on',
    async () => {
      const environment = environmentOf(context);
      const since = Date.now() - 1_000;
      const before = await environment.cursor();
      const mark = environment.events.mark();
      await context.descriptor.makeBadRecord(environment.upstream);
      await context.descriptor.makeChanges(environment.upstream, 2);
      const after = await environment.cursorSettled(before);
      expectThat(
        after !== before,
        `the feed stopped at cursor ${before ?? '(none)'}: it did not go past the bad record`,
      );
      await environment.events.settle();
      const published = environment.events.factsSince(mark);
      expectThat(published.length > 0, 'nothing published for the good changes after the bad record');
      const quarantined = (await environment.adapter.client.quarantine()).filter(
        (entry) => Date.parse(entry.lastTriedAt) >= since,
      );
      expectThat(quarantined.length > 0, 'no record quarantined (GET /v1/quarantine) for the bad record');
      return `quarantined (${[...new Set(quarantined.map((entry) => entry.reasonCode))].join(', ')}); feed went on ${before ?? '(none)'} → ${after}, ${published.length} facts published`;
    },
  );

  const subject = context.goldenSubjects[0];
  const types = context.descriptor.factTypes;

  await check(
    context,
    SUITE,
    'deadline-honoured',
    'a slow upstream never holds a read past its deadline',
    async () => {
      const environment = environmentOf(context);
      expectThat(subject, 'no subject to read');
      await environment.upstream.request('PUT', '/admin/faults', {
        latencyMs: { min: SLOW_UPSTREAM_MS, max: SLOW_UPSTREAM_MS },
      });
      try {
        const reads = [
          await timedRead(environment, subject, types),
          await timedRead(environment, subject, types),
        ];
        const late = reads.filter((read) => read.elapsedMs > KitSettings.REQUEST_DEADLINE_MS + SLACK_MS);
        expectThat(
          late.length === 0,
          `past the ${KitSettings.REQUEST_DEADLINE_MS} ms deadline: ${late.map(describe).join('; ')}`,
        );
        return `upstream ${SLOW_UPSTREAM_MS} ms slow; answered ${reads.map(describe).join('; ')}`;
      } finally {
        await environment.upstream.request('POST', '/admin/reset-faults');
      }
    },
  );

  await check(
    context,
    SUITE,
    'breaker-opens-stale-answers',
    'in an outage the breaker opens; known subjects get stale answers with their age, unknown ones UNAVAILABLE',
    async () => {
      const environment = environmentOf(context);
      expectThat(subject && environment.sourceSystem, 'no subject read before the outage');
      // The slow upstream before may have left the breaker open: start from a healthy adapter.
      const fresh = await untilFresh(environment, subject, types, KitSettings.BREAKER_RESET_MS * 10);
      expectThat(fresh.answer && !fresh.answer.freshness.stale, `before the outage: ${describe(fresh)}`);
      await environment.upstream.request('PUT', '/admin/faults', { outage: true });
      const reads: TimedRead[] = [];
      for (let i = 0; i < OUTAGE_READS; i += 1) reads.push(await timedRead(environment, subject, types));
      const notStale = reads.filter((read) => !read.answer?.freshness.stale);
      expectThat(notStale.length === 0, `not a stale answer: ${notStale.map(describe).join('; ')}`);
      const late = reads.filter((read) => read.elapsedMs > KitSettings.REQUEST_DEADLINE_MS + SLACK_MS);
      expectThat(late.length === 0, `past the deadline: ${late.map(describe).join('; ')}`);
      const withoutAge = reads.filter(
        (read) => !(Number(read.answer!.freshness.ageSeconds) >= 0) || !read.answer!.freshness.fetchedAt,
      );
      expectThat(withoutAge.length === 0, 'a stale answer without its age (ageSeconds, fetchedAt)');
      const state = await environment.adapter.client.breakerState(environment.sourceSystem);
      expectThat(
        state === BREAKER_OPEN,
        `breaker ${environment.sourceSystem} is ${state ?? 'not exported'}, not open (${BREAKER_OPEN})`,
      );
      const last = reads.at(-1)!;
      const unknown = unreadSubject(context);
      if (unknown === undefined)
        return `${reads.length} reads during the outage, all stale (last ${describe(last)}); breaker open; no subject left unread to try`;
      const nothingKnown = await timedRead(environment, unknown, types);
      const error = nothingKnown.error;
      expectThat(
        isMotlanError(error) && error.grpcCode === GrpcCode.UNAVAILABLE && error.canRetry,
        `a subject the adapter never read, during the outage: ${describe(nothingKnown)}, not a retryable UNAVAILABLE`,
      );
      expectThat(
        nothingKnown.elapsedMs <= KitSettings.REQUEST_DEADLINE_MS + SLACK_MS,
        `a subject never read failed only after ${nothingKnown.elapsedMs} ms`,
      );
      return `${reads.length} reads during the outage, all stale (last ${describe(last)}); breaker open; a subject never read: ${describe(nothingKnown)}`;
    },
  );

  await check(
    context,
    SUITE,
    'recovers-on-its-own',
    'when the upstream is back the adapter recovers on its own',
    async () => {
      const environment = environmentOf(context);
      expectThat(subject && environment.sourceSystem, 'no subject read before the outage');
      await environment.upstream.request('POST', '/admin/reset-faults');
      const started = Date.now();
      const read = await untilFresh(environment, subject, types, KitSettings.BREAKER_RESET_MS * 10);
      expectThat(
        read.answer && !read.answer.freshness.stale,
        `still not fresh after ${Date.now() - started} ms: ${describe(read)}`,
      );
      const state = await environment.adapter.client.breakerState(environment.sourceSystem);
      expectThat(
        state === BREAKER_CLOSED,
        `answers are fresh but breaker ${environment.sourceSystem} is ${state}, not closed`,
      );
      return `fresh answers again ${Date.now() - started} ms after the upstream came back; breaker closed`;
    },
  );
}
