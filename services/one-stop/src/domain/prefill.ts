import { validateFactValue } from '@motlan/domain';
import { CommonErrors, MotlanError } from '@motlan/errors';
import { OneStopErrors } from '../errors.ts';
import type { Procedure } from './procedure.ts';

/** A current fact as the registry returned it (value parsed). */
export interface KnownFact {
  factId: string;
  type: string;
  value: unknown;
  sourceSystem: string;
  assurance: string;
  sourceRecordRef: string;
  observedAt: string;
  dossierId: string;
}

/** One required fact of a dossier: reused from the mesh, or typed by the applicant. */
export interface DossierFact {
  type: string;
  origin: 'prefilled' | 'supplied';
  value: unknown;
  /** Provenance of a prefilled fact; `one-stop` / self-declared for a supplied one. */
  sourceSystem: string;
  assurance: string;
  sourceRecordRef: string;
  observedAt: string;
  factId: string;
}

export interface SuppliedFact {
  type: string;
  value: unknown;
}

export interface Prefill {
  prefilled: DossierFact[];
  /** Required types the mesh does not know: what to ask the applicant for. */
  missing: string[];
  /**
   * Documents still to bring: required, and not replaced by prefilled facts. One replaced by facts
   * the applicant types in (`unlessSupplied`) is not needed once they are.
   */
  documentsNeeded: { code: string; name: string; unlessSupplied: string[] }[];
  /** Documents the mesh made unnecessary, with the facts that replaced them. */
  documentsReplaced: { code: string; name: string; replacedBy: string[] }[];
}

export function prefill(procedure: Procedure, known: readonly KnownFact[]): Prefill {
  const byType = new Map(known.map((fact) => [fact.type, fact]));
  const prefilled = procedure.requiredFacts.flatMap((type) => {
    const fact = byType.get(type);
    return fact ? [fromKnown(fact)] : [];
  });
  const held = new Set(prefilled.map((fact) => fact.type));
  return {
    prefilled,
    missing: procedure.requiredFacts.filter((type) => !held.has(type)),
    ...documents(procedure, held),
  };
}

function documents(procedure: Procedure, held: Set<string>) {
  const replaced = (replacedBy: string[] | undefined) =>
    replacedBy !== undefined && replacedBy.length > 0 && replacedBy.every((type) => held.has(type));
  return {
    documentsNeeded: procedure.documents
      .filter((document) => document.required && !replaced(document.replacedBy))
      .map(({ code, name, replacedBy }) => ({ code, name, unlessSupplied: replacedBy ?? [] })),
    documentsReplaced: procedure.documents
      .filter((document) => replaced(document.replacedBy))
      .map(({ code, name, replacedBy }) => ({ code, name, replacedBy: replacedBy ?? [] })),
  };
}

function fromKnown(fact: KnownFact): DossierFact {
  return {
    type: fact.type,
    origin: 'prefilled',
    value: fact.value,
    sourceSystem: fact.sourceSystem,
    assurance: fact.assurance,
    sourceRecordRef: fact.sourceRecordRef,
    observedAt: fact.observedAt,
    factId: fact.factId,
  };
}

export interface Completed {
  facts: DossierFact[];
  /** Supplied facts, valid, to declare through the registry. */
  toDeclare: SuppliedFact[];
  prefilledCount: number;
}

/**
 * Checks what the applicant supplied against what the procedure needs and the mesh knows, and
 * returns the dossier's facts. Refused, with nothing changed: a type the procedure does not ask
 * for, a type supplied twice, a value failing its schema, a fact held with authority (the mesh
 * knows it better than the applicant), and any required fact still missing. A supplied fact may
 * replace a self-declared or verified one (a correction), never an authoritative one.
 */
export function completeFacts(
  procedure: Procedure,
  state: Prefill,
  supplied: readonly SuppliedFact[],
  suppliedAt: string,
  field = 'facts',
): Completed {
  const seen = new Set<string>();
  const held = new Map(state.prefilled.map((fact) => [fact.type, fact]));
  const toDeclare = supplied.map((fact, index) => {
    const at = `${field}.${index}`;
    if (!procedure.requiredFacts.includes(fact.type)) {
      throw new MotlanError(
        OneStopErrors.factNotRequired,
        `Procedure ${procedure.code} does not ask for ${JSON.stringify(fact.type).slice(0, 60)}`,
        { field: `${at}.type` },
      );
    }
    if (seen.has(fact.type)) {
      throw new MotlanError(CommonErrors.validation, `${fact.type} is supplied twice`, {
        field: `${at}.type`,
      });
    }
    seen.add(fact.type);
    const current = held.get(fact.type);
    if (current?.assurance === 'ASSURANCE_AUTHORITATIVE') {
      throw new MotlanError(
        OneStopErrors.factHeldWithAuthority,
        `${fact.type} is already known from ${current.sourceSystem} (authoritative); it is prefilled and cannot be supplied`,
        { field: `${at}.type`, meta: { factType: fact.type, sourceSystem: current.sourceSystem } },
      );
    }
    return { type: fact.type, value: validateFactValue(fact.type, fact.value, `${at}.value`) };
  });
  const missing = state.missing.filter((type) => !seen.has(type));
  if (missing.length > 0) {
    throw new MotlanError(
      OneStopErrors.factsMissing,
      `Supply the facts the mesh does not know: ${missing.join(', ')}`,
      { field, meta: { missing: missing.join(',') } },
    );
  }
  const facts = procedure.requiredFacts.map((type): DossierFact => {
    const typed = toDeclare.find((fact) => fact.type === type);
    if (typed) {
      return {
        type,
        origin: 'supplied',
        value: typed.value,
        sourceSystem: 'one-stop',
        assurance: 'ASSURANCE_SELF_DECLARED',
        sourceRecordRef: '',
        observedAt: suppliedAt,
        factId: '',
      };
    }
    return held.get(type)!;
  });
  return { facts, toDeclare, prefilledCount: facts.filter((fact) => fact.origin === 'prefilled').length };
}

/**
 * Required documents must be among those handed in, unless facts replace them: once the dossier
 * holds every required fact (prefilled or typed in), a document with `replacedBy` is not needed.
 */
export function checkDocuments(procedure: Procedure, handedIn: readonly string[], field = 'documents'): void {
  checkDocumentCodes(procedure, handedIn, field);
  const missing = procedure.documents.filter(
    (document) =>
      document.required && (document.replacedBy ?? []).length === 0 && !handedIn.includes(document.code),
  );
  if (missing.length > 0) {
    throw new MotlanError(
      OneStopErrors.documentsMissing,
      `Hand in: ${missing.map((document) => `${document.code} (${document.name})`).join(', ')}`,
      { field, meta: { missing: missing.map((document) => document.code).join(',') } },
    );
  }
}

/** Every document handed in is one of the procedure's (else 400 naming `<field>.<index>`). */
export function checkDocumentCodes(
  procedure: Procedure,
  handedIn: readonly string[],
  field = 'documents',
): void {
  handedIn.forEach((code, index) => {
    if (!procedure.documents.some((document) => document.code === code)) {
      throw new MotlanError(
        CommonErrors.validation,
        `Procedure ${procedure.code} has no document ${JSON.stringify(code).slice(0, 60)}`,
        { field: `${field}.${index}` },
      );
    }
  });
}
