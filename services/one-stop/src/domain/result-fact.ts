import { randomUUID } from 'node:crypto';
import { canonicalJson, contentHash, validateFactValue } from '@motlan/domain';
import type { Fact } from '@motlan/proto';
import { communeOf } from './handling-unit.ts';
import type { DossierFact } from './prefill.ts';
import type { Procedure } from './procedure.ts';
import { vietnamDate } from './working-calendar.ts';

/**
 * The value of a resolved dossier's result fact: the officer's, when given (checked against the
 * catalog), else made from the procedure's template: the status it sets (or the one held so
 * far), registered on the day of resolution, at the handling unit and its commune.
 */
export function resultValue(
  procedure: Procedure,
  dossier: { unitCode: string; facts: readonly DossierFact[] },
  resolvedAt: Date,
  override: unknown,
): unknown {
  const template = procedure.resultFact;
  if (!template) return undefined;
  if (override !== undefined) return validateFactValue(template.type, override, 'result');
  const previous = dossier.facts.find((fact) => fact.type === template.type)?.value as
    { status?: string } | undefined;
  return validateFactValue(
    template.type,
    {
      status: template.status ?? previous?.status ?? 'registered',
      registeredAt: vietnamDate(resolvedAt),
      unitCode: dossier.unitCode,
      commune: communeOf(dossier.unitCode),
    },
    'result',
  );
}

/** An authoritative fact of the handling unit, for citizen.facts.v1. */
export function resultFact(
  type: string,
  value: unknown,
  dossier: { id: string; code: string; personalId: string },
  sourceSystem: string,
  resolvedAt: Date,
): Fact {
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
      validFrom: vietnamDate(resolvedAt),
      validUntil: '',
      dossierId: dossier.id,
      contentHash: contentHash(value),
    },
  };
}
