import { MotlanError } from '@motlan/errors';
import { Compile, type Validator } from 'typebox/compile';
import type { TLocalizedValidationError } from 'typebox/error';
import { DomainErrors } from '../errors.ts';
import { validateTextIn } from '../text/validate-text-in.ts';
import { factType, type FactTypeDefinition, type FactTypeName, type FactValue } from './catalog.ts';
import type { FactValueViolation } from './values.ts';

// Compiled on first use of each type: a handful of small validators, kept for the process.
const validators = new Map<string, Validator>();

/**
 * Checks a value against its type's schema and rules and returns it, typed, with every string
 * (property names included) in Unicode NFC — the form the store keeps and the content hash is
 * taken of; an already-normal value is returned as the same object. Every string of a fact value
 * is single-line text (validateText without line breaks): a control character (TAB and LF too),
 * an invisible format character, a noncharacter or an unpaired surrogate is refused with its
 * MOTLAN_TEXT_* code. Throws MOTLAN_UNKNOWN_FACT_TYPE for a type not in the catalog and
 * MOTLAN_FACT_VALUE_INVALID naming the failing path, with `field` set to that path under `field`
 * (e.g. `value.districtCode`). Messages name the rule, never the offending value, which may be
 * personal data.
 */
export function validateFactValue<T extends FactTypeName>(
  type: T,
  value: unknown,
  field?: string,
): FactValue<T>;
export function validateFactValue(type: string, value: unknown, field?: string): unknown;
export function validateFactValue(type: string, value: unknown, field = 'value'): unknown {
  const definition = factType(type, 'type');
  const normalized = validateTextIn(value, field);
  const violation = firstViolation(definition, normalized);
  if (violation !== undefined) {
    throw new MotlanError(
      DomainErrors.factValueInvalid,
      `Value of ${definition.type} is invalid at ${violation.path === '' ? '/' : violation.path}: ${violation.message}`,
      { field: fieldName(field, violation.path), meta: { factType: definition.type, path: violation.path } },
    );
  }
  return normalized;
}

function firstViolation(definition: FactTypeDefinition, value: unknown): FactValueViolation | undefined {
  const validator = validatorFor(definition);
  if (!validator.Check(value)) return describe(validator.Errors(value));
  return definition.check?.(value);
}

function validatorFor(definition: FactTypeDefinition): Validator {
  let validator = validators.get(definition.type);
  if (validator === undefined) {
    validator = Compile(definition.schema);
    validators.set(definition.type, validator);
  }
  return validator;
}

function describe(errors: TLocalizedValidationError[]): FactValueViolation {
  // additionalProperties:false also reports each extra property as "schema is false"; the
  // additionalProperties error itself says it better.
  const error = errors.find((e) => e.keyword !== 'boolean') ?? errors[0];
  if (error === undefined) return { path: '', message: 'does not match the schema' };
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return { path: `${error.instancePath}/${first(params.requiredProperties)}`, message: 'is required' };
    case 'additionalProperties':
      return {
        path: `${error.instancePath}/${first(params.additionalProperties)}`,
        message: 'is not a property of this type',
      };
    case 'enum':
      return {
        path: error.instancePath,
        message: `must be one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`,
      };
    case 'format':
      return {
        path: error.instancePath,
        message: params.format === 'date' ? 'must be a calendar date in the form YYYY-MM-DD' : error.message,
      };
    default:
      return { path: error.instancePath, message: error.message };
  }
}

function first(names: unknown): string {
  return Array.isArray(names) && names.length > 0 ? String(names[0]) : '';
}

/** `/a/0/b` under `value` → `value.a.0.b`. */
function fieldName(base: string, pointer: string): string {
  if (pointer === '') return base;
  const segments = pointer
    .split('/')
    .slice(1)
    .map((s) => s.replaceAll('~1', '/').replaceAll('~0', '~'));
  return [base, ...segments].join('.');
}
