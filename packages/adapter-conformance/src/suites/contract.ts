import { invalidFactValues, unknownFactTypes } from '../checks/catalog.ts';
import { Purposes } from '../harness/environment.ts';
import { check, environmentOf, expectThat, type RunContext } from '../run-context.ts';

const SUITE = 'contract';

/** Every declared fact type exists in the catalog (no process needed). */
export async function declaredTypesInCatalog(context: RunContext): Promise<void> {
  await check(
    context,
    SUITE,
    'fact-types-in-catalog',
    'every declared fact type exists in the catalog',
    async () => {
      const declared = context.descriptor.factTypes;
      expectThat(declared.length > 0, 'the descriptor declares no fact types');
      const unknown = unknownFactTypes(declared);
      expectThat(
        unknown.length === 0,
        `not in the catalog (@motlan/domain FACT_CATALOG): ${unknown.join(', ')}`,
      );
      return `${declared.length} declared types, all in the catalog`;
    },
  );
}

/** The running adapter serves every declared type and names itself. */
export async function servesDeclaredTypes(context: RunContext): Promise<void> {
  await check(
    context,
    SUITE,
    'serves-declared-types',
    'the running adapter accepts a read of every declared type and names itself',
    async () => {
      const environment = environmentOf(context);
      const subject = context.syncedSubjects[0];
      expectThat(subject, 'no subject to read: the bulk sync published nothing');
      const answer = await environment.adapter.client.getFacts(
        subject,
        context.descriptor.factTypes,
        Purposes.granted,
      );
      expectThat(
        answer.adapter.startsWith(`${context.descriptor.adapter}@`),
        `answered as "${answer.adapter}", not as ${context.descriptor.adapter}@<version>`,
      );
      context.answeredFacts.push(...answer.facts);
      return `${answer.adapter} answered ${answer.facts.length} facts, ${answer.missing.length} missing`;
    },
  );
}

/** Every value the adapter answered or published during the run validates against the catalog. */
export async function producedValuesValidate(context: RunContext): Promise<void> {
  await check(
    context,
    SUITE,
    'values-validate',
    'every produced value validates against the catalog',
    async () => {
      const facts = [
        ...context.answeredFacts,
        ...(context.environment?.events.facts.map((event) => event.fact) ?? []),
      ];
      expectThat(facts.length > 0, 'the adapter produced no facts during the run');
      const problems = invalidFactValues(facts, context.descriptor.factTypes);
      expectThat(
        problems.length === 0,
        `${problems.length} of ${facts.length} facts invalid:\n${problems
          .slice(0, 10)
          .map((problem) => `${problem.type} (${problem.factId}): ${problem.reason}`)
          .join('\n')}`,
      );
      return `${facts.length} facts, every value valid`;
    },
  );
}
