import { Type } from 'typebox';

/**
 * The header a client sends to make a creating call safe to retry, in the manner of the IETF
 * draft "The Idempotency-Key HTTP Header Field" (draft-ietf-httpapi-idempotency-key-header):
 * the same key with the same request answers what the first call answered and creates nothing
 * again. Node lowercases incoming header names; this is the name as read from `request.headers`.
 */
export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key';

/** The `headers` schema of a route that takes an Idempotency-Key (optional; 1–255 visible ASCII). */
export const IdempotencyKeyHeaders = Type.Object({
  [IDEMPOTENCY_KEY_HEADER]: Type.Optional(
    Type.String({
      pattern: '^[\\x21-\\x7E]{1,255}$',
      description:
        'A key the client makes unique per intended request (a UUID is a good key). Repeating the call with the ' +
        'same key and the same body answers what the first call answered and creates nothing again; the same key ' +
        'with another body is refused with 422 MOTLAN_IDEMPOTENCY_KEY_REUSED. Keys are scoped to the calling client.',
    }),
  ),
});
