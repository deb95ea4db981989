import { createHash } from 'node:crypto';
import type { DeclaredFact } from '@motlan/domain';
import { CommonErrors, MotlanError } from '@motlan/errors';

// Declared facts are built by @motlan/domain's declaredFacts, shared with the one-stop shop's
// outbox: a fact declared through DeclareFacts and one a dossier writes itself are the same fact.

/**
 * What a retry must repeat for its key to be honoured: subject, dossier, and each fact's type and
 * value as normalised (an NFD retry of an NFC request is the same request). sha256 hex.
 */
export function declarationHash(facts: readonly DeclaredFact[]): string {
  const parts = facts.map((fact) => [
    fact.subject!.personalId,
    fact.provenance!.dossierId,
    fact.type,
    fact.valueJson,
  ]);
  return createHash('sha256').update(JSON.stringify(parts), 'utf8').digest('hex');
}

export function parseValueJson(valueJson: string, index: number): unknown {
  try {
    return JSON.parse(valueJson) as unknown;
  } catch {
    throw new MotlanError(CommonErrors.validation, `facts.${index}.valueJson is not JSON`, {
      field: `facts.${index}.valueJson`,
    });
  }
}
