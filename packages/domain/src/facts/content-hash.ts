import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json.ts';

/** sha256 of the value's canonical JSON (UTF-8), lower-case hex: equal values, equal hashes. */
export function contentHash(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value), 'utf8').digest('hex');
}
