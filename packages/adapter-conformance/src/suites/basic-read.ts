import { join, relative } from 'node:path';
import { goldenDifferences, goldenOf, parseGolden, type GoldenFacts } from '../checks/golden.ts';
import { DEFAULT_GOLDEN_FILE } from '../descriptor.ts';
import { Purposes, repoRoot } from '../harness/environment.ts';
import { readJsonFile, writeJsonFile } from '../json-file.ts';
import { check, environmentOf, expectThat, type RunContext } from '../run-context.ts';

/** Subjects taken for a new golden file: the first few the bulk sync published. */
const NEW_GOLDEN_SUBJECTS = 5;

/**
 * Basic read: the facts the adapter answers for the golden subjects equal the golden facts kept
 * in the adapter's folder (every declared type asked; a type absent from the golden entry must
 * be answered as missing). `--update-golden` writes them from the answers instead.
 */
export async function basicRead(context: RunContext): Promise<void> {
  await check(
    context,
    'basic-read',
    'golden-facts',
    'facts for the golden subjects equal the golden facts',
    async () => {
      const environment = environmentOf(context);
      const file = join(context.adapterDir, context.descriptor.goldenFile ?? DEFAULT_GOLDEN_FILE);
      const json = readJsonFile(file);
      const golden: GoldenFacts = json === undefined ? { subjects: {} } : parseGolden(json, file);
      let subjects = Object.keys(golden.subjects);
      if (subjects.length === 0) {
        expectThat(
          context.options.updateGolden,
          `no golden facts at ${relative(repoRoot(), file)}: write them with --update-golden and review them`,
        );
        subjects = context.syncedSubjects.slice(0, NEW_GOLDEN_SUBJECTS);
        expectThat(
          subjects.length > 0,
          'no subjects to take golden facts from: the bulk sync published nothing',
        );
      }
      context.goldenSubjects = subjects;
      const differences: string[] = [];
      const answered: GoldenFacts = { subjects: {} };
      let facts = 0;
      for (const subject of subjects) {
        const answer = await environment.adapter.client.getFacts(
          subject,
          context.descriptor.factTypes,
          Purposes.granted,
        );
        environment.sourceSystem ??= answer.facts[0]?.provenance?.sourceSystem;
        context.answeredFacts.push(...answer.facts);
        facts += answer.facts.length;
        answered.subjects[subject] = goldenOf(answer.facts);
        if (!context.options.updateGolden) {
          differences.push(
            ...goldenDifferences(golden.subjects[subject]!, answer.facts).map((line) => `${subject} ${line}`),
          );
        }
      }
      if (context.options.updateGolden) {
        writeJsonFile(file, answered);
        return `golden facts of ${subjects.length} subjects (${facts} facts) written to ${relative(repoRoot(), file)}`;
      }
      expectThat(differences.length === 0, differences.join('\n'));
      return `${subjects.length} subjects, ${facts} facts, all as golden`;
    },
  );
}
