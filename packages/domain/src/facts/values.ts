import { MotlanError } from '@motlan/errors';
import { Type, type Static } from 'typebox';
import { joinFullName } from '../names/full-name.ts';
import { normalizeName } from '../names/normalize-name.ts';
import { validatePersonalId } from '../personal-id/validate-personal-id.ts';

/** A rule broken by a value that passed its schema; `path` is a JSON pointer into the value. */
export interface FactValueViolation {
  path: string;
  message: string;
}

/** Value schemas shared by several fact types. */
export const IsoDateSchema = Type.String({ format: 'date', description: 'A calendar date, YYYY-MM-DD' });

export const PersonalIdSchema = Type.String({
  pattern: '^[0-9]{12}$',
  description: 'A 12-digit personal identification number (số định danh cá nhân)',
});

/** Text that is not empty and not only spaces. */
export const TextSchema = Type.String({ pattern: '\\S', maxLength: 500 });

export const FullNameSchema = Type.Object(
  {
    family: Type.String({ maxLength: 100 }),
    middle: Type.String({ maxLength: 200 }),
    given: Type.String({ pattern: '\\S', maxLength: 100 }),
    full: Type.String({ pattern: '\\S', maxLength: 400 }),
  },
  { additionalProperties: false },
);

export type FullName = Static<typeof FullNameSchema>;

export function checkFullName(value: FullName): FactValueViolation | undefined {
  if (normalizeName(value.full) === joinFullName(value)) return undefined;
  return { path: '/full', message: 'must be the family, middle and given names joined by spaces' };
}

/**
 * An address as the population database records it: administrative unit codes of the General
 * Statistics Office (province 2 digits, district 3, ward/commune 5) plus the detail line. Units
 * were reorganised in 2025 (districts abolished), so each address says which set of units its
 * codes belong to; both stay valid.
 */
export const AddressSchema = Type.Object(
  {
    provinceCode: Type.String({ pattern: '^[0-9]{2}$' }),
    districtCode: Type.Optional(Type.Union([Type.String({ pattern: '^[0-9]{3}$' }), Type.Null()])),
    wardCode: Type.String({ pattern: '^[0-9]{5}$' }),
    detail: Type.String({ maxLength: 500 }),
    fullText: Type.Optional(Type.String({ maxLength: 1000 })),
    unitsVersion: Type.Enum(['legacy-2024', 'current-2025']),
  },
  { additionalProperties: false },
);
export type Address = Static<typeof AddressSchema>;

export function checkAddress(value: Address): FactValueViolation | undefined {
  if (value.unitsVersion === 'current-2025' && value.districtCode != null) {
    return { path: '/districtCode', message: 'must be null or absent: the 2025 units have no districts' };
  }
  return undefined;
}

/** Another person named in a record. Older records often lack the relative's personal ID. */
export const PersonRefSchema = Type.Object(
  {
    personalId: Type.Optional(PersonalIdSchema),
    fullName: Type.String({ pattern: '\\S', maxLength: 400 }),
  },
  { additionalProperties: false },
);

export type PersonRef = Static<typeof PersonRefSchema>;

export function checkPersonRef(value: PersonRef): FactValueViolation | undefined {
  return value.personalId === undefined ? undefined : personalIdViolation(value.personalId, '/personalId');
}

export function personalIdViolation(id: string, path: string): FactValueViolation | undefined {
  try {
    validatePersonalId(id);
    return undefined;
  } catch (error) {
    if (error instanceof MotlanError) return { path, message: error.message };
    throw error;
  }
}
