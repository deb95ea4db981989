import { KitSettings, Purposes } from '../harness/environment.ts';
import { check, environmentOf, expectThat, type RunContext } from '../run-context.ts';

const SUITE = 'incremental';
/** Upstream changes made per step. */
const CHANGES = 3;
/** A cursor no upstream has reached (the kit's cursors are the upstream's, stored as text). */
const FUTURE_CURSOR = '999999999999';

/**
 * The change feed, from outside: a page read again publishes the same event ids; after a restart
 * the feed resumes from its stored cursor (nothing from before it published again); a cursor from
 * the future (a restored upstream, a hand-edited cursor) neither crashes the adapter nor makes it
 * publish anything.
 */
export async function incremental(context: RunContext): Promise<void> {
  let firstPage: Set<string> | undefined;

  await check(
    context,
    SUITE,
    'replayed-page-same-event-ids',
    'a replayed page publishes the same event ids',
    async () => {
      const environment = environmentOf(context);
      const before = await environment.cursor();
      const mark = environment.events.mark();
      await context.descriptor.makeChanges(environment.upstream, CHANGES);
      const after = await environment.cursorSettled(before);
      expectThat(
        after !== before,
        `the change feed did not move from cursor ${before ?? '(none)'} within 30 s`,
      );
      await environment.events.settle();
      const first = new Set(environment.events.factsSince(mark).map((event) => event.eventId));
      expectThat(first.size > 0, `${CHANGES} upstream changes published no facts`);
      firstPage = first;

      await environment.setCursor(before);
      const replayMark = environment.events.mark();
      const again = await environment.cursorSettled(before);
      expectThat(again === after, `after the replay the cursor stands at ${again ?? '(none)'}, not ${after}`);
      await environment.events.settle();
      const second = new Set(environment.events.factsSince(replayMark).map((event) => event.eventId));
      const missing = [...first].filter((id) => !second.has(id));
      const extra = [...second].filter((id) => !first.has(id));
      expectThat(
        missing.length === 0 && extra.length === 0,
        `the replay published other event ids: ${missing.length} not again, ${extra.length} new`,
      );
      return `cursor ${before ?? '(none)'} → ${after}: ${first.size} events, the same ${second.size} on replay`;
    },
  );

  await check(
    context,
    SUITE,
    'resumes-after-restart',
    'after a restart the change feed resumes from its cursor',
    async () => {
      const environment = environmentOf(context);
      const before = await environment.cursor();
      expectThat(before !== undefined, 'the change feed has no cursor to resume from');
      const earlier = firstPage ?? new Set<string>();
      const mark = environment.events.mark();
      // Stopped, the upstream moves on; started again, the adapter must pick up there.
      await environment.restartAdapter(() => context.descriptor.makeChanges(environment.upstream, CHANGES));
      const after = await environment.cursorSettled(before);
      expectThat(
        after !== before,
        `after the restart the feed did not move from cursor ${before} within 30 s`,
      );
      await environment.events.settle();
      const published = environment.events.factsSince(mark).map((event) => event.eventId);
      expectThat(published.length > 0, 'the changes made while the adapter was down published no facts');
      const republished = published.filter((id) => earlier.has(id));
      expectThat(
        republished.length === 0,
        `${republished.length} events from before the restart published again: the feed started over instead of resuming`,
      );
      return `resumed at ${before} → ${after}: ${published.length} new events, none from before`;
    },
  );

  await check(
    context,
    SUITE,
    'future-cursor',
    'a cursor from the future neither crashes the adapter nor publishes anything',
    async () => {
      const environment = environmentOf(context);
      const before = await environment.cursor();
      await environment.setCursor(FUTURE_CURSOR);
      const mark = environment.events.mark();
      try {
        // Several polls of the feed.
        await new Promise((resolve) => setTimeout(resolve, KitSettings.CHANGE_FEED_INTERVAL_MS * 10));
        await environment.events.settle(1_000);
        const published = environment.events.factsSince(mark);
        expectThat(
          published.length === 0,
          `${published.length} facts published from a cursor past the upstream's last change`,
        );
        expectThat(await environment.adapter.client.ready(), 'the adapter is no longer ready');
        const subject = context.goldenSubjects[0];
        expectThat(subject, 'no subject to read');
        const answer = await environment.adapter.client.getFacts(
          subject,
          context.descriptor.factTypes,
          Purposes.granted,
        );
        context.answeredFacts.push(...answer.facts);
        return `cursor ${FUTURE_CURSOR}: nothing published, still ready and answering; cursor now ${(await environment.cursor()) ?? '(none)'}`;
      } finally {
        await environment.setCursor(before);
      }
    },
  );
}
