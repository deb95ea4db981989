import { MotlanError } from '@motlan/errors';
import { DomainErrors } from '../errors.ts';
import { RequestMetadata } from './request-metadata.ts';

/**
 * The wire name of an idempotency key: the HTTP header `Idempotency-Key` (IETF
 * draft-ietf-httpapi-idempotency-key-header) and, lower-case as gRPC requires, the gRPC metadata
 * key of the same name. A client that lost an answer repeats its request with the same key and
 * gets the first request's outcome instead of a second change.
 */
export const IDEMPOTENCY_KEY_HEADER = RequestMetadata.idempotencyKey;

const KEY = /^[\x21-\x7e]{1,128}$/;

/**
 * The key as given, or undefined when none was sent (an empty value counts as none, as gRPC
 * metadata cannot tell them apart). Throws MOTLAN_IDEMPOTENCY_KEY_INVALID unless it is 1–128
 * visible ASCII characters (a UUID is the usual choice).
 */
export function checkIdempotencyKey(
  value: unknown,
  field: string = IDEMPOTENCY_KEY_HEADER,
): string | undefined {
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string' || !KEY.test(value)) {
    throw new MotlanError(
      DomainErrors.idempotencyKeyInvalid,
      `${field} must be 1–128 visible ASCII characters (a UUID, for example)`,
      { field },
    );
  }
  return value;
}
