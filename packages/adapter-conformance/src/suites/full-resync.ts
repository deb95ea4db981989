import { check, environmentOf, expectThat, type RunContext } from '../run-context.ts';

/**
 * Full re-sync is idempotent: the bulk sync run twice publishes the same fact ids, as event ids,
 * so a consumer applies the second run as nothing new (the kit derives ids from record versions).
 */
export async function fullResync(context: RunContext): Promise<void> {
  await check(
    context,
    'full-resync',
    'same-fact-ids',
    'a second bulk sync publishes the same fact and event ids',
    async () => {
      const environment = environmentOf(context);
      const runs: { facts: Set<string>; events: Set<string> }[] = [];
      for (const attempt of [1, 2]) {
        const mark = environment.events.mark();
        const { code, output } = await environment.runBulkSync();
        expectThat(
          code === 0,
          `bulk sync run ${attempt} exited ${code}:\n${output.trim().split('\n').slice(-5).join('\n')}`,
        );
        await environment.events.settle();
        const published = environment.events.factsSince(mark);
        expectThat(published.length > 0, `bulk sync run ${attempt} published no facts`);
        runs.push({
          facts: new Set(published.map((event) => event.fact.id)),
          events: new Set(published.map((event) => event.eventId)),
        });
        if (attempt === 1) {
          context.syncedSubjects = [
            ...new Set(published.map((event) => event.fact.subject!.personalId)),
          ].sort();
        }
      }
      context.afterResync = environment.events.mark();
      const [first, second] = runs as [(typeof runs)[0], (typeof runs)[0]];
      const onlyFirst = [...first.facts].filter((id) => !second.facts.has(id));
      const onlySecond = [...second.facts].filter((id) => !first.facts.has(id));
      expectThat(
        onlyFirst.length === 0 && onlySecond.length === 0,
        `fact ids differ between runs: ${onlyFirst.length} only in the first, ${onlySecond.length} only in the second`,
      );
      const sameEvents =
        [...first.events].every((id) => second.events.has(id)) && first.events.size === second.events.size;
      expectThat(sameEvents, 'event ids differ between runs (a consumer would apply the second run again)');
      return `${first.facts.size} facts about ${context.syncedSubjects.length} subjects, the same ids both times`;
    },
  );
}
