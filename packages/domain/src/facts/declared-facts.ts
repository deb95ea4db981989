import { createHash, randomUUID } from 'node:crypto';
import { CommonErrors, MotlanError } from '@motlan/errors';
import { validatePersonalId } from '../personal-id/validate-personal-id.ts';
import { canonicalJson } from './canonical-json.ts';
import { contentHash } from './content-hash.ts';
import { validateFactValue } from './validate-fact-value.ts';

/** Facts a citizen typed into a dossier, as a declaring client hands them over. */
export interface Declaration {
  /** The subject's 12-digit personal identification number. */
  personalId: string;
  /** The dossier they were typed into (1–64 letters, digits or `. _ : -`; one-stop uses its UUID). */
  dossierId: string;
  /** 1–100 facts; each value must fit its catalog type. */
  facts: readonly { type: string; value: unknown }[];
}

/**
 * A self-declared fact, shaped as `motlan.common.v1.Fact` (assignable to the proto type), ready
 * for citizen.facts.v1.
 */
export interface DeclaredFact {
  id: string;
  subject: { personalId: string };
  type: string;
  /** The value as canonical JSON (what `contentHash` hashes). */
  valueJson: string;
  provenance: {
    sourceSystem: string;
    assurance: 'ASSURANCE_SELF_DECLARED';
    /** `dossier/<dossierId>` */
    sourceRecordRef: string;
    sourceRecordVersion: string;
    /** RFC 3339 */
    observedAt: string;
    validFrom: string;
    validUntil: string;
    dossierId: string;
    contentHash: string;
  };
}

const DOSSIER_ID = /^[A-Za-z0-9._:-]{1,64}$/;

export interface DeclareOptions {
  /** When the facts were observed (declared); a retry passes the first request's time. */
  now?: Date;
  /**
   * The client's idempotency key (`Idempotency-Key`): fact ids become a function of (client,
   * key, type, index), so a retry publishes the same event ids and consumers apply each once.
   */
  idempotencyKey?: string | undefined;
}

/**
 * Turns a declaration into self-declared facts, validating everything first: one bad fact and
 * none is built (MotlanError MOTLAN_VALIDATION naming `personalId`, `dossierId`, `facts` or
 * `facts.<i>.value`). The declaring client (its certificate name) is the facts' source system;
 * values are kept as validateFactValue returns them (NFC). Each fact gets a fresh id, or with an
 * idempotency key one derived from (client, key, type, index). The one builder of declared facts: the registry's DeclareFacts and the
 * one-stop's outbox both use it, so a fact declared either way is the same fact.
 */
export function declaredFacts(
  declaration: Declaration,
  client: string,
  { now = new Date(), idempotencyKey }: DeclareOptions = {},
): DeclaredFact[] {
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
  // Every value first, then the facts: nothing is built from a declaration with one bad value.
  const values = declaration.facts.map((declared, index) =>
    validateFactValue(declared.type, declared.value, `facts.${index}.value`),
  );
  return declaration.facts.map((declared, index) => {
    const value = values[index];
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

/** A UUID (version 8: vendor-defined) from sha256 of its parts, so equal parts give equal ids. */
function derivedId(client: string, key: string, type: string, index: number): string {
  const hex = createHash('sha256')
    .update(JSON.stringify([client, key, type, index]), 'utf8')
    .digest('hex');
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
