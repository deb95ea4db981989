import { CENSOR, maskPersonalIds, PERSONAL_FIELDS } from '@motlan/logger';

const PERSONAL = new Set<string>(PERSONAL_FIELDS);

/**
 * A decoded record with personal values hidden, by @motlan/logger's rules (redaction.ts): fields
 * it names personal (personal IDs, names, dates of birth, addresses, fact values...) replaced by
 * `[REDACTED]` at any depth, and personal IDs and military codes inside any other text masked.
 */
export function maskPersonal(value: unknown): unknown {
  if (typeof value === 'string') return maskPersonalIds(value);
  if (Array.isArray(value)) return value.map(maskPersonal);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, inner]) => [key, PERSONAL.has(key) ? CENSOR : maskPersonal(inner)]),
    );
  }
  return value;
}
