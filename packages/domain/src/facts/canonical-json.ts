import { MotlanError } from '@motlan/errors';
import { DomainErrors } from '../errors.ts';

/**
 * JSON with object keys sorted (by UTF-16 code units, as RFC 8785 does) and no whitespace, so
 * equal values always give equal text and equal content hashes. Follows JSON.stringify otherwise
 * (toJSON honoured, undefined properties left out, undefined array items as null) but refuses
 * what JSON.stringify would silently distort: NaN, Infinity, bigint, Map, Set and cycles.
 */
export function canonicalJson(value: unknown): string {
  const text = serialize(value, '', new Set());
  if (text === undefined) throw notJson('', `${typeof value} has no JSON form`);
  return text;
}

function serialize(input: unknown, path: string, ancestors: Set<object>): string | undefined {
  let value = input;
  if (
    value !== null &&
    typeof value === 'object' &&
    typeof (value as { toJSON?: unknown }).toJSON === 'function'
  ) {
    value = (value as { toJSON: () => unknown }).toJSON();
  }
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw notJson(path, `${value} is not a JSON number`);
      return JSON.stringify(value);
    case 'bigint':
      throw notJson(path, 'bigint has no JSON form');
    case 'undefined':
    case 'function':
    case 'symbol':
      return undefined;
  }
  if (value === null) return 'null';
  const object = value as object;
  if (object instanceof Map || object instanceof Set) throw notJson(path, 'Map and Set have no JSON form');
  if (ancestors.has(object)) throw notJson(path, 'the value contains a cycle');
  ancestors.add(object);
  try {
    if (Array.isArray(object)) {
      return `[${object.map((item, i) => serialize(item, `${path}/${i}`, ancestors) ?? 'null').join(',')}]`;
    }
    const members: string[] = [];
    for (const key of Object.keys(object).sort()) {
      const text = serialize((object as Record<string, unknown>)[key], `${path}/${key}`, ancestors);
      if (text !== undefined) members.push(`${JSON.stringify(key)}:${text}`);
    }
    return `{${members.join(',')}}`;
  } finally {
    ancestors.delete(object);
  }
}

function notJson(path: string, reason: string): MotlanError {
  return new MotlanError(
    DomainErrors.valueNotJson,
    `Value at ${path === '' ? '/' : path} cannot be canonical JSON: ${reason}`,
    {
      meta: { path },
    },
  );
}
