import { provenanceProblems } from '../checks/provenance.ts';
import { check, expectThat, type RunContext } from '../run-context.ts';

/** Provenance is complete on every fact the adapter answered or published during the run. */
export async function provenance(context: RunContext): Promise<void> {
  await check(
    context,
    'provenance',
    'complete-on-every-fact',
    'provenance is complete on every fact',
    async () => {
      const facts = [
        ...context.answeredFacts,
        ...(context.environment?.events.facts.map((event) => event.fact) ?? []),
      ];
      expectThat(facts.length > 0, 'the adapter produced no facts during the run');
      const source = context.environment?.sourceSystem ?? facts[0]!.provenance?.sourceSystem ?? '';
      const problems = facts.flatMap((fact) =>
        provenanceProblems(fact, source).map((problem) => `${fact.type} (${fact.id}): ${problem}`),
      );
      expectThat(
        problems.length === 0,
        `${problems.length} problems in ${facts.length} facts:\n${problems.slice(0, 10).join('\n')}`,
      );
      return `${facts.length} facts from ${source}, provenance complete`;
    },
  );
}
