import { randomUUID } from 'node:crypto';
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

/** The event type of a declared fact on citizen.facts.v1 (its eventType header). */
export const FACT_DECLARED_EVENT = 'fact.declared';

const DOSSIER_ID = /^[A-Za-z0-9._:-]{1,64}$/;

/**
 * Turns a declaration into self-declared facts, validating everything first: one bad fact and
 * none is built (MotlanError MOTLAN_VALIDATION naming `personalId`, `dossierId`, `facts` or
 * `facts.<i>.value`). The declaring client (its certificate name) is the facts' source system;
 * each gets a fresh id. The one builder of declared facts: the registry's DeclareFacts and the
 * one-stop's outbox both use it, so a fact declared either way is the same fact.
 */
export function declaredFacts(declaration: Declaration, client: string, now = new Date()): DeclaredFact[] {
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
