import { isKnownFactType, validateFactValue } from '@motlan/domain';
import type { Fact__Output } from '@motlan/proto';

/** The declared fact types the catalog (`@motlan/domain` FACT_CATALOG) does not know. */
export function unknownFactTypes(declared: readonly string[]): string[] {
  return declared.filter((type) => !isKnownFactType(type));
}

/** Facts whose value the catalog refuses, or that the adapter does not declare, with why. */
export function invalidFactValues(
  facts: readonly Fact__Output[],
  declared: readonly string[],
): { factId: string; type: string; reason: string }[] {
  const declaredTypes = new Set(declared);
  const problems: { factId: string; type: string; reason: string }[] = [];
  for (const fact of facts) {
    if (!declaredTypes.has(fact.type)) {
      problems.push({ factId: fact.id, type: fact.type, reason: 'a type the adapter does not declare' });
      continue;
    }
    try {
      validateFactValue(fact.type, JSON.parse(fact.valueJson) as unknown);
    } catch (error) {
      problems.push({ factId: fact.id, type: fact.type, reason: (error as Error).message });
    }
  }
  return problems;
}
