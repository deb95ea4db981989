import { validateText, type TextRules } from './validate-text.ts';

export interface TextInRules extends TextRules {
  /**
   * Properties, by name, whose strings (nested ones included) are free text a person writes over
   * several lines and so may hold TAB, LF and CR; every other string follows `lineBreaks`.
   */
  lineBreaksIn?: ReadonlySet<string>;
}

/**
 * Every string in a JSON-like value (objects, arrays, nested) through validateText, property
 * names too (always as single-line text). Returns the value with each string in NFC: the same
 * object when nothing changed, otherwise a copy of only what changed; the input is never mutated.
 * Numbers, booleans, null, byte arrays and class instances pass as they are. A refusal names the
 * path under `field` (`body.claims.fullName`, `facts.0.value.given`). Throws what validateText
 * throws.
 */
export function validateTextIn<T>(value: T, field: string, rules: TextInRules = {}): T {
  return walk(value, field, rules) as T;
}

function walk(value: unknown, field: string, rules: TextInRules): unknown {
  if (typeof value === 'string') return validateText(value, field, rules);
  if (Array.isArray(value)) return walkArray(value, field, rules);
  if (isRecord(value)) return walkRecord(value, field, rules);
  return value;
}

function walkArray(items: unknown[], field: string, rules: TextInRules): unknown[] {
  let copy: unknown[] | undefined;
  items.forEach((item, index) => {
    const next = walk(item, pathOf(field, String(index)), rules);
    if (next !== item) {
      copy ??= [...items];
      copy[index] = next;
    }
  });
  return copy ?? items;
}

function walkRecord(
  record: Record<string, unknown>,
  field: string,
  rules: TextInRules,
): Record<string, unknown> {
  let changed = false;
  const entries = Object.keys(record).map((key) => {
    const path = pathOf(field, key);
    const name = validateText(key, path);
    const item = record[key];
    const next = walk(item, path, rules.lineBreaksIn?.has(key) ? { ...rules, lineBreaks: true } : rules);
    if (name !== key || next !== item) changed = true;
    return [name, next] as const;
  });
  return changed ? Object.fromEntries(entries) : record;
}

/**
 * Plain data: an object literal, JSON.parse's output, a null-prototype dictionary (Fastify's query
 * strings) or a decoded proto message; not a Buffer, a Date or another class instance.
 */
function isRecord(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || ArrayBuffer.isView(value)) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return (
    prototype === null ||
    prototype === Object.prototype ||
    Object.getPrototypeOf(prototype as object) === null
  );
}

function pathOf(field: string, key: string): string {
  return field === '' ? key : `${field}.${key}`;
}
