import {
  contentHash,
  validateFactValue,
  validatePersonalId,
  type Assurance,
  isAssurance,
} from '@motlan/domain';
import { CommonErrors, MotlanError } from '@motlan/errors';
import type { Fact__Output } from '@motlan/proto';

/**
 * A fact must be whole before it is applied: a valid subject, a catalog type and a value that
 * fits it, an assurance, and a content hash that matches its value. Anything else is rejected
 * (from the API) or dead-lettered (from Kafka) with the reason.
 */
export function checkFact(fact: Fact__Output): void {
  validatePersonalId(fact.subject?.personalId ?? '', undefined, 'subject.personalId');
  let value: unknown;
  try {
    value = JSON.parse(fact.valueJson);
  } catch {
    throw new MotlanError(CommonErrors.validation, 'valueJson is not JSON', { field: 'valueJson' });
  }
  validateFactValue(fact.type, value, 'valueJson');
  const provenance = fact.provenance;
  if (!provenance || !isAssurance(provenance.assurance) || !provenance.sourceSystem) {
    throw new MotlanError(CommonErrors.validation, 'provenance needs a source system and an assurance', {
      field: 'provenance',
    });
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
