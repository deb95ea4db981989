import { Type } from 'typebox';
import { IDEMPOTENCY_KEY_HEADER } from '@motlan/domain';

/**
 * The header a client sends to make a creating call safe to retry, in the manner of the IETF
 * draft "The Idempotency-Key HTTP Header Field" (draft-ietf-httpapi-idempotency-key-header):
 * the same key with the same request answers what the first call answered and creates nothing
 * again. Its one wire name and its rule (checkIdempotencyKey) are @motlan/domain's.
 */
export { IDEMPOTENCY_KEY_HEADER };

/** The `headers` schema of a route that takes an Idempotency-Key (optional; 1–128 visible ASCII). */
export const IdempotencyKeyHeaders = Type.Object({
  [IDEMPOTENCY_KEY_HEADER]: Type.Optional(
    Type.String({
      pattern: '^[\\x21-\\x7E]{1,128}$',
      description:
        'A key the client makes unique per intended request (a UUID is a good key). Repeating the call with the ' +
        'same key and the same body answers what the first call answered and creates nothing again; the same key ' +
        'with another body is refused with 422 MOTLAN_IDEMPOTENCY_KEY_REUSED. Keys are scoped to the calling client.',
    }),
  ),
});
