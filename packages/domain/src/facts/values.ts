import { MotlanError } from '@motlan/errors';
import { Type, type Static } from 'typebox';
import { DATE_PRECISIONS, parsePartialDate } from '../dates/partial-date.ts';
import { joinFullName } from '../names/full-name.ts';
import { normalizeName } from '../names/normalize-name.ts';
import { isCountryCode } from '../personal-id/country-codes.ts';
import { validatePersonalId } from '../personal-id/validate-personal-id.ts';

/** A rule broken by a value that passed its schema; `path` is a JSON pointer into the value. */
export interface FactValueViolation {
  path: string;
  message: string;
}

/** Value schemas shared by several fact types. */
export const IsoDateSchema = Type.String({ format: 'date', description: 'A calendar date, YYYY-MM-DD' });

/**
 * A date whose day, or day and month, may be unknown: ISO 8601 reduced precision, `YYYY`,
 * `YYYY-MM` or `YYYY-MM-DD` (the population database writes `00` for an unknown part). The form
 * says which parts are known; `checkPartialDate` refuses a month or day that does not exist.
 */
export const PartialDateSchema = Type.String({
  pattern: '^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$',
  description: 'A date, full (YYYY-MM-DD) or with the day or month unknown (YYYY-MM, YYYY)',
});

/** Which parts of a partial date are known; must agree with the date's form. */
export const DatePrecisionSchema = Type.Enum([...DATE_PRECISIONS], {
  description: 'year: only the year is known; month: year and month; day: the full date',
});

/** A partial date that names no real month or day, or a precision its form contradicts. */
export function checkPartialDate(
  date: string,
  path: string,
  precision?: string,
  precisionPath = '/precision',
): FactValueViolation | undefined {
  const parsed = parsePartialDate(date);
  if (parsed === undefined) {
    return { path, message: 'must be a calendar date in the form YYYY-MM-DD, YYYY-MM or YYYY' };
  }
  if (precision !== undefined && precision !== parsed.precision) {
    return { path: precisionPath, message: `must be "${parsed.precision}", as the date's form says` };
  }
  return undefined;
}

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
    /**
     * For an address in the legacy units: the current (post-2025) units it lies in, as the
     * reorganisation's mapping says (`@motlan/admin-units`); the codes above stay as the source
     * recorded them. `wardCode` is absent when the mapping does not know the legacy ward.
     */
    current: Type.Optional(
      Type.Object(
        {
          provinceCode: Type.String({ pattern: '^[0-9]{2}$' }),
          wardCode: Type.Optional(Type.String({ pattern: '^[0-9]{5}$' })),
          effectiveFrom: IsoDateSchema,
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);
export type Address = Static<typeof AddressSchema>;

export function checkAddress(value: Address): FactValueViolation | undefined {
  if (value.unitsVersion === 'current-2025' && value.districtCode != null) {
    return { path: '/districtCode', message: 'must be null or absent: the 2025 units have no districts' };
  }
  if (value.unitsVersion === 'current-2025' && value.current !== undefined) {
    return { path: '/current', message: 'must be absent: the address is already in the current units' };
  }
  return undefined;
}

/**
 * Where a birth was registered: an address in Viet Nam's units (as `AddressSchema`), or, for a
 * birth registered abroad at a Vietnamese diplomatic mission or consulate, the country's 3-digit
 * code — the code in digits 1–3 of the citizen's personal ID (Decree 137/2015/NĐ-CP Art. 13;
 * Circular 07/2016/TT-BCA; 100–999 in our reading, see `isCountryCode`) — with the place as the
 * source wrote it (`fullText`) and no unit of Viet Nam. One object schema (as every fact value
 * has); `checkBirthRegistration` holds each form to its fields.
 */
export const BirthRegistrationSchema = Type.Object(
  {
    provinceCode: Type.Optional(AddressSchema.properties.provinceCode),
    districtCode: AddressSchema.properties.districtCode,
    wardCode: Type.Optional(AddressSchema.properties.wardCode),
    detail: Type.Optional(AddressSchema.properties.detail),
    fullText: AddressSchema.properties.fullText,
    unitsVersion: Type.Optional(AddressSchema.properties.unitsVersion),
    current: AddressSchema.properties.current,
    countryCode: Type.Optional(
      Type.String({
        pattern: '^[0-9]{3}$',
        description: 'Only for a birth registered abroad: the country (3 digits, 100–999)',
      }),
    ),
  },
  { additionalProperties: false },
);
export type BirthRegistration = Static<typeof BirthRegistrationSchema>;

const ADDRESS_REQUIRED = ['provinceCode', 'wardCode', 'detail', 'unitsVersion'] as const;

export function checkBirthRegistration(value: BirthRegistration): FactValueViolation | undefined {
  if (value.countryCode !== undefined) {
    if (!isCountryCode(value.countryCode)) {
      return { path: '/countryCode', message: 'must be a country code (100–999)' };
    }
    const unit = Object.keys(value).find((name) => name !== 'countryCode' && name !== 'fullText');
    return unit === undefined
      ? undefined
      : { path: `/${unit}`, message: 'must be absent for a birth registered abroad (countryCode)' };
  }
  const missing = ADDRESS_REQUIRED.find((name) => value[name] === undefined);
  if (missing !== undefined) return { path: `/${missing}`, message: 'is required' };
  return checkAddress(value as Address); // every required field of an address is there
}

/**
 * Another person named in a record (father, mother, spouse). Older records often lack the
 * relative's personal ID. `{ "recorded": false }` alone is a fact too: the authoritative record
 * names no such person (a birth record leaves the father blank when he is undetermined; an
 * unmarried person's record names no spouse) — known to be absent, not unknown.
 */
export const PersonRefSchema = Type.Object(
  {
    personalId: Type.Optional(PersonalIdSchema),
    fullName: Type.Optional(Type.String({ pattern: '\\S', maxLength: 400 })),
    recorded: Type.Optional(
      Type.Literal(false, {
        description: 'false: the record names no such person; then nothing else is set',
      }),
    ),
  },
  { additionalProperties: false },
);

export type PersonRef = Static<typeof PersonRefSchema>;

/** The value of a person fact whose record names nobody. */
export const NOT_RECORDED = Object.freeze({ recorded: false as const });

/** True for `{ recorded: false }`: the source records that there is no such person. */
export function isNotRecorded(value: unknown): boolean {
  return typeof value === 'object' && value !== null && (value as { recorded?: unknown }).recorded === false;
}

export function checkPersonRef(value: PersonRef): FactValueViolation | undefined {
  if (value.recorded === false) {
    if (value.fullName !== undefined)
      return { path: '/fullName', message: 'must be absent when recorded is false' };
    if (value.personalId !== undefined) {
      return { path: '/personalId', message: 'must be absent when recorded is false' };
    }
    return undefined;
  }
  if (value.fullName === undefined) return { path: '/fullName', message: 'is required' };
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
