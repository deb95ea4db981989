import { canonicalJson } from '@motlan/domain';
import { MotlanError } from '@motlan/errors';
import type { Fact__Output } from '@motlan/proto';
import { ConformanceErrors } from '../errors.ts';

/**
 * The facts an adapter must answer for a few subjects of its simulator's seeded population
 * (deterministic from the simulator's seed): per subject, per fact type, the value. A declared
 * type absent for a subject is expected to be answered as `missing`.
 */
export interface GoldenFacts {
  subjects: Record<string, Record<string, unknown>>;
}

export function parseGolden(json: unknown, file: string): GoldenFacts {
  const subjects = (json as { subjects?: unknown } | null)?.subjects;
  const valid =
    typeof subjects === 'object' &&
    subjects !== null &&
    Object.values(subjects).every((facts) => typeof facts === 'object' && facts !== null);
  if (!valid) {
    throw new MotlanError(
      ConformanceErrors.fileInvalid,
      `${file}: expected { "subjects": { <id>: { <type>: <value> } } }`,
    );
  }
  return { subjects: subjects as GoldenFacts['subjects'] };
}

/** The golden entry of one subject from the facts an adapter answered (values only, by type). */
export function goldenOf(facts: readonly Fact__Output[]): Record<string, unknown> {
  const entries = facts.map((fact) => [fact.type, JSON.parse(fact.valueJson) as unknown] as const);
  return Object.fromEntries(entries.sort(([a], [b]) => a.localeCompare(b)));
}

/** How the answered facts differ from the golden ones, one line per fact type; empty when equal. */
export function goldenDifferences(
  expected: Record<string, unknown>,
  facts: readonly Fact__Output[],
): string[] {
  const actual = goldenOf(facts);
  const differences: string[] = [];
  for (const [type, value] of Object.entries(expected)) {
    if (!(type in actual)) differences.push(`${type}: expected ${canonicalJson(value)}, answered missing`);
    else if (canonicalJson(actual[type]) !== canonicalJson(value))
      differences.push(`${type}: expected ${canonicalJson(value)}, got ${canonicalJson(actual[type])}`);
  }
  for (const type of Object.keys(actual)) {
    if (!(type in expected))
      differences.push(`${type}: not in the golden facts, got ${canonicalJson(actual[type])}`);
  }
  return differences;
}
