import { createHash, randomUUID } from 'node:crypto';
import { canonicalJson, contentHash, validateFactValue, validatePersonalId } from '@motlan/domain';
import { CommonErrors, MotlanError } from '@motlan/errors';
import type { Fact__Output } from '@motlan/proto';

export interface Declaration {
  personalId: string;
  dossierId: string;
  facts: { type: string; value: unknown }[];
}

const DOSSIER_ID = /^[A-Za-z0-9._:-]{1,64}$/;

export interface DeclareOptions {
  /** When the facts were observed (declared); a retry passes the first request's time. */
  now?: Date;
  /** The client's idempotency key: fact ids become a function of (client, key, type, index). */
  idempotencyKey?: string | undefined;
}

/**
 * Turns a declaration into self-declared facts, validating everything first: one bad fact and
 * nothing is declared. The declaring client is the fact's source system. Values are kept as
 * validateFactValue returns them (NFC). Fact ids are random, or with an idempotency key derived
 * from (client, key, type, index), so a retry publishes the same event ids and the consumer
 * applies each once.
 */
export function declaredFacts(
  declaration: Declaration,
  client: string,
  { now = new Date(), idempotencyKey }: DeclareOptions = {},
): Fact__Output[] {
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
      id:
        idempotencyKey === undefined ? randomUUID() : derivedId(client, idempotencyKey, declared.type, index),
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

/**
 * What a retry must repeat for its key to be honoured: subject, dossier, and each fact's type and
 * value as normalised (an NFD retry of an NFC request is the same request). sha256 hex.
 */
export function declarationHash(facts: readonly Fact__Output[]): string {
  const parts = facts.map((fact) => [
    fact.subject!.personalId,
    fact.provenance!.dossierId,
    fact.type,
    fact.valueJson,
  ]);
  return createHash('sha256').update(JSON.stringify(parts), 'utf8').digest('hex');
}

/** A UUID (version 8: vendor-defined) from sha256 of its parts, so equal parts give equal ids. */
function derivedId(client: string, key: string, type: string, index: number): string {
  const hex = createHash('sha256')
    .update(JSON.stringify([client, key, type, index]), 'utf8')
    .digest('hex');
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
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
