import { randomUUID } from 'node:crypto';
import { canonicalJson, contentHash, validateFactValue, validatePersonalId } from '@motlan/domain';
import { CommonErrors, MotlanError } from '@motlan/errors';
import type { Fact__Output } from '@motlan/proto';

export interface Declaration {
  personalId: string;
  dossierId: string;
  facts: { type: string; value: unknown }[];
}

const DOSSIER_ID = /^[A-Za-z0-9._:-]{1,64}$/;

/**
 * Turns a declaration into self-declared facts, validating everything first: one bad fact and
 * nothing is declared. The declaring client is the fact's source system.
 */
export function declaredFacts(declaration: Declaration, client: string, now = new Date()): Fact__Output[] {
  validatePersonalId(declaration.personalId);
  if (!DOSSIER_ID.test(declaration.dossierId)) {
    throw new MotlanError(CommonErrors.validation, 'dossierId must be 1–64 letters, digits or . _ : -', {
      field: 'dossierId',
    });
  }
  if (declaration.facts.length === 0 || declaration.facts.length > 100) {
    throw new MotlanError(CommonErrors.validation, 'facts must hold 1–100 facts', { field: 'facts' });
  }
  const observedAt = now.toISOString();
  return declaration.facts.map((declared, index) => {
    const value = validateFactValue(declared.type, declared.value, `facts.${index}.value`);
    return {
      id: randomUUID(),
      subject: { personalId: declaration.personalId },
      type: declared.type,
      valueJson: canonicalJson(value),
      provenance: {
        sourceSystem: client,
        assurance: 'ASSURANCE_SELF_DECLARED',
        sourceRecordRef: `dossier/${declaration.dossierId}`,
        sourceRecordVersion: '1',
        observedAt,
        validFrom: '',
        validUntil: '',
        dossierId: declaration.dossierId,
        contentHash: contentHash(value),
      },
    };
  });
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
