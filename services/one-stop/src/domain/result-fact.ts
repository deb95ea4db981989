import { randomUUID } from 'node:crypto';
import { canonicalJson, contentHash, validateFactValue } from '@motlan/domain';
import { CommonErrors, MotlanError } from '@motlan/errors';
import type { Fact } from '@motlan/proto';
import { communeOf } from './handling-unit.ts';
import type { DossierFact } from './prefill.ts';
import type { Procedure, ResultTemplate } from './procedure.ts';
import { vietnamDate } from './working-calendar.ts';

type ResultType = ResultTemplate['type'];
type Value = Record<string, unknown>;

interface ResultContext {
  template: ResultTemplate;
  unitCode: string;
  facts: readonly DossierFact[];
  /** The day of resolution, in Vietnam. */
  today: string;
  /** What the officer gave. */
  given: Value;
}

interface ResultBuilder {
  /** The part of the value the dossier and its resolution give. */
  fromDossier(context: ResultContext): Value;
  /** The fact's own validity (`YYYY-MM-DD`), when its value bounds it. */
  validity?(value: Value): { from: string; until: string };
}

const permit: ResultBuilder = {
  fromDossier: ({ unitCode, today }) => ({ unitCode, issuedAt: today, validFrom: today }),
  validity: (value) => ({ from: String(value.validFrom), until: String(value.validUntil) }),
};

/**
 * Per result type, what comes from the dossier: the handling unit, the day of resolution, what
 * was held so far. The rest — a destination, the dates of an absence, what a permit allows and
 * until when — only the officer knows: the procedure's template lists it in `officerGives`.
 */
const BUILDERS: Record<ResultType, ResultBuilder> = {
  'military.service_registration': {
    fromDossier: ({ template, unitCode, facts, today, given }) => {
      const previous = facts.find((fact) => fact.type === template.type)?.value as
        { status?: string } | undefined;
      const status = template.type === 'military.service_registration' ? template.status : undefined;
      return {
        status: status ?? previous?.status ?? 'registered',
        registeredAt: today,
        unitCode,
        commune: communeOf(unitCode),
        // A move-out is dated on its resolution; a later registration anywhere ends it.
        ...(given.transferredTo === undefined ? {} : { transferredAt: today }),
      };
    },
  },
  'military.temporary_absence': {
    fromDossier: ({ unitCode, today }) => ({ registeredAt: today, unitCode, commune: communeOf(unitCode) }),
    validity: (value) => ({ from: String(value.from), until: String(value.until) }),
  },
  'defence.safety_belt_permit': permit,
  'defence.special_area_entry_permit': permit,
  'defence.construction_location_agreement': permit,
};

/**
 * The value of a resolved dossier's result fact: what the dossier gives (the handling unit, the
 * day of resolution, the status set or held so far), completed — or overridden — by what the
 * officer gives in `result`, and checked against the catalog. A property the template says the
 * officer gives and the officer did not give refuses the resolution, naming it.
 */
export function resultValue(
  procedure: Procedure,
  dossier: { unitCode: string; facts: readonly DossierFact[] },
  resolvedAt: Date,
  override: unknown,
): unknown {
  const template = procedure.resultFact;
  if (!template) return undefined;
  // Not an object: the catalog refuses it as it is (every result value is an object).
  if (override !== undefined && !isObject(override))
    return validateFactValue(template.type, override, 'result');
  const given = override ?? {};
  const missing = (template.officerGives ?? []).filter((name) => given[name] === undefined);
  if (missing.length > 0) {
    throw new MotlanError(
      CommonErrors.validation,
      `Resolving ${procedure.code} needs ${missing.map((name) => `result.${name}`).join(', ')}: ` +
        `the officer gives ${missing.length === 1 ? 'it' : 'them'} for the ${template.type} result`,
      { field: `result.${missing[0]}`, meta: { factType: template.type, missing: missing.join(',') } },
    );
  }
  const fromDossier = BUILDERS[template.type].fromDossier({
    template,
    unitCode: dossier.unitCode,
    facts: dossier.facts,
    today: vietnamDate(resolvedAt),
    given,
  });
  return validateFactValue(template.type, { ...fromDossier, ...given }, 'result');
}

/** An authoritative fact of the handling unit, for citizen.facts.v1. */
export function resultFact(
  type: string,
  value: unknown,
  dossier: { id: string; code: string; personalId: string },
  sourceSystem: string,
  resolvedAt: Date,
): Fact {
  const validity = BUILDERS[type as ResultType]?.validity?.(value as Value) ?? {
    from: vietnamDate(resolvedAt),
    until: '',
  };
  return {
    id: randomUUID(),
    subject: { personalId: dossier.personalId },
    type,
    valueJson: canonicalJson(value),
    provenance: {
      sourceSystem,
      assurance: 'ASSURANCE_AUTHORITATIVE',
      sourceRecordRef: `dossier/${dossier.code}`,
      sourceRecordVersion: '1',
      observedAt: resolvedAt.toISOString(),
      validFrom: validity.from,
      validUntil: validity.until,
      dossierId: dossier.id,
      contentHash: contentHash(value),
    },
  };
}

function isObject(value: unknown): value is Value {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
