import { CommonErrors, MotlanError } from '@motlan/errors';

// Declared facts are built by @motlan/domain's declaredFacts, shared with the one-stop shop's
// outbox: a fact declared through DeclareFacts and one a dossier writes itself are the same fact.

export function parseValueJson(valueJson: string, index: number): unknown {
  try {
    return JSON.parse(valueJson) as unknown;
  } catch {
    throw new MotlanError(CommonErrors.validation, `facts.${index}.valueJson is not JSON`, {
      field: `facts.${index}.valueJson`,
    });
  }
}
