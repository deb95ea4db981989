import { defineErrors, GrpcCode } from '@motlan/errors';

const invalidArgument = { httpStatus: 400, grpcCode: GrpcCode.INVALID_ARGUMENT, canRetry: false } as const;

/**
 * Error codes raised by the domain rules. Each rule has its own code so a client can tell which
 * one failed without parsing the message; codes are never reused for another meaning.
 */
export const DomainErrors = defineErrors({
  personalIdLength: {
    code: 'MOTLAN_PERSONAL_ID_LENGTH',
    title: 'The personal ID does not have 12 digits',
    ...invalidArgument,
  },
  personalIdNotDigits: {
    code: 'MOTLAN_PERSONAL_ID_NOT_DIGITS',
    title: 'The personal ID contains something other than digits',
    ...invalidArgument,
  },
  personalIdProvince: {
    code: 'MOTLAN_PERSONAL_ID_PROVINCE',
    title: 'The personal ID does not start with a known province code or a country code',
    ...invalidArgument,
  },
  personalIdFutureBirthYear: {
    code: 'MOTLAN_PERSONAL_ID_FUTURE_BIRTH_YEAR',
    title: "The personal ID's century and year digits encode a birth year after the current year",
    ...invalidArgument,
  },
  personalIdCentury: {
    code: 'MOTLAN_PERSONAL_ID_CENTURY',
    title: "The personal ID's century digit contradicts the date of birth",
    ...invalidArgument,
  },
  personalIdYear: {
    code: 'MOTLAN_PERSONAL_ID_YEAR',
    title: "The personal ID's birth-year digits contradict the date of birth",
    ...invalidArgument,
  },
  personalIdSex: {
    code: 'MOTLAN_PERSONAL_ID_SEX',
    title: "The personal ID's sex digit contradicts the stated sex",
    ...invalidArgument,
  },
  militaryCodeLength: {
    code: 'MOTLAN_MILITARY_CODE_LENGTH',
    title: 'The military person code does not have 15 characters',
    ...invalidArgument,
  },
  militaryCodeCharacters: {
    code: 'MOTLAN_MILITARY_CODE_CHARACTERS',
    title: 'The military person code contains something other than A-Z and 0-9',
    ...invalidArgument,
  },
  militaryCodePrefix: {
    code: 'MOTLAN_MILITARY_CODE_PREFIX',
    title: 'The military person code does not start with QN',
    ...invalidArgument,
  },
  militaryCodeIssuer: {
    code: 'MOTLAN_MILITARY_CODE_ISSUER',
    title: "The military person code's issuing unit is not a known one",
    ...invalidArgument,
  },
  militaryCodeYear: {
    code: 'MOTLAN_MILITARY_CODE_YEAR',
    title: "The military person code's registration year is not a year 1945-2099",
    ...invalidArgument,
  },
  militaryCodeSerial: {
    code: 'MOTLAN_MILITARY_CODE_SERIAL',
    title: "The military person code's serial is not six digits 000001-999999",
    ...invalidArgument,
  },
  militaryCodeCheck: {
    code: 'MOTLAN_MILITARY_CODE_CHECK',
    title: "The military person code's check character does not match (ISO/IEC 7064 MOD 37-36)",
    ...invalidArgument,
  },
  dateInvalid: {
    code: 'MOTLAN_DATE_INVALID',
    title: 'The date is not a calendar date in the form YYYY-MM-DD',
    ...invalidArgument,
  },
  sexInvalid: {
    code: 'MOTLAN_SEX_INVALID',
    title: "The sex is neither 'male' nor 'female'",
    ...invalidArgument,
  },
  unknownFactType: {
    code: 'MOTLAN_UNKNOWN_FACT_TYPE',
    title: 'The fact type is not in the catalog',
    ...invalidArgument,
  },
  factValueInvalid: {
    code: 'MOTLAN_FACT_VALUE_INVALID',
    title: "The fact value does not match its type's schema",
    ...invalidArgument,
  },
  textControlCharacter: {
    code: 'MOTLAN_TEXT_CONTROL_CHARACTER',
    title: 'The text contains a control character',
    ...invalidArgument,
  },
  textInvisibleCharacter: {
    code: 'MOTLAN_TEXT_INVISIBLE_CHARACTER',
    title: 'The text contains an invisible format character',
    ...invalidArgument,
  },
  textNoncharacter: {
    code: 'MOTLAN_TEXT_NONCHARACTER',
    title: 'The text contains a Unicode noncharacter',
    ...invalidArgument,
  },
  textUnpairedSurrogate: {
    code: 'MOTLAN_TEXT_UNPAIRED_SURROGATE',
    title: 'The text contains an unpaired UTF-16 surrogate',
    ...invalidArgument,
  },
  idempotencyKeyInvalid: {
    code: 'MOTLAN_IDEMPOTENCY_KEY_INVALID',
    title: 'The idempotency key is not 1–128 visible ASCII characters',
    ...invalidArgument,
  },
  idempotencyKeyReused: {
    code: 'MOTLAN_IDEMPOTENCY_KEY_REUSED',
    title: 'The idempotency key was already used for a different request',
    httpStatus: 422,
    grpcCode: GrpcCode.FAILED_PRECONDITION,
    canRetry: false,
  },
  valueNotJson: {
    code: 'MOTLAN_VALUE_NOT_JSON',
    title: 'The value cannot be represented as canonical JSON',
    ...invalidArgument,
  },
});
