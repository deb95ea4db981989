import {
  contentHash,
  factType,
  validateFactValue,
  validatePersonalId,
  type Assurance,
  isAssurance,
} from '@motlan/domain';
import { CommonErrors, MotlanError } from '@motlan/errors';
import type { Fact__Output } from '@motlan/proto';

/**
 * A fact must be whole before it is applied: a valid subject, a catalog type and a value that
 * fits it, an assurance, a content hash that matches its value, and — when it claims authority —
 * a source the catalog names as authoritative for its type (an adapter of one register cannot
 * speak with authority for another's facts). Anything else is rejected (from the API) or
 * dead-lettered (from Kafka) with the reason.
 */
export function checkFact(fact: Fact__Output): void {
  validatePersonalId(fact.subject?.personalId ?? '', undefined, 'subject.personalId');
  let value: unknown;
  try {
    value = JSON.parse(fact.valueJson);
  } catch {
    throw new MotlanError(CommonErrors.validation, 'valueJson is not JSON', { field: 'valueJson' });
  }
  // The same text and value rules as every edge (so what an edge accepted is never dead-lettered
  // here); and producers build values through validateFactValue, so a value not already in its
  // normal form (NFC) did not come from one and is refused rather than stored under a hash of
  // another form.
  if (validateFactValue(fact.type, value, 'valueJson') !== value) {
    throw new MotlanError(CommonErrors.validation, 'valueJson is not in Unicode NFC', { field: 'valueJson' });
  }
  const provenance = fact.provenance;
  if (!provenance || !isAssurance(provenance.assurance) || !provenance.sourceSystem) {
    throw new MotlanError(CommonErrors.validation, 'provenance needs a source system and an assurance', {
      field: 'provenance',
    });
  }
  const { authoritativeSources } = factType(fact.type);
  if (
    provenance.assurance === 'ASSURANCE_AUTHORITATIVE' &&
    !(authoritativeSources as readonly string[]).includes(provenance.sourceSystem)
  ) {
    throw new MotlanError(
      CommonErrors.validation,
      `${provenance.sourceSystem} is not an authoritative source of ${fact.type} ` +
        `(the catalog names ${authoritativeSources.join(', ')})`,
      { field: 'provenance.sourceSystem' },
    );
  }
  if (Number.isNaN(Date.parse(provenance.observedAt))) {
    throw new MotlanError(CommonErrors.validation, 'provenance.observedAt must be an RFC 3339 time', {
      field: 'provenance.observedAt',
    });
  }
  if (provenance.contentHash !== contentHash(value)) {
    throw new MotlanError(CommonErrors.validation, 'provenance.contentHash does not match the value', {
      field: 'provenance.contentHash',
    });
  }
}

export type { Assurance };
