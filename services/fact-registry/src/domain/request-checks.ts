import { isKnownFactType } from '@motlan/domain';
import { CommonErrors, MotlanError } from '@motlan/errors';

/** The checks every registry request's purpose and fact types pass before anything is decided or audited. */
const PURPOSE = /^[A-Za-z0-9._-]{1,64}$/;

export function checkPurpose(purpose: string): void {
  if (!PURPOSE.test(purpose)) {
    throw new MotlanError(
      CommonErrors.validation,
      'purpose must be a procedure code (1–64 letters, digits, . _ -)',
      {
        field: 'purpose',
      },
    );
  }
}

export function checkTypes(types: readonly string[], field = 'factTypes'): void {
  if (types.length === 0) {
    throw new MotlanError(CommonErrors.validation, `${field} must name at least one fact type`, { field });
  }
  checkKnownTypes(types, field);
}

export function checkKnownTypes(types: readonly string[], field = 'factTypes'): void {
  const unknown = types.find((type) => !isKnownFactType(type));
  if (unknown) throw new MotlanError(CommonErrors.validation, `Unknown fact type "${unknown}"`, { field });
}
