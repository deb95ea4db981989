import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { SIGNATURE_MAX_SKEW_MS } from '../definitions.ts';

/**
 * The upstream's request signature:
 *
 *   X-Signature = lowercase hex HMAC-SHA256(secret,
 *                   X-Timestamp + "\n" + METHOD + "\n" + path-with-query + "\n" + sha256hex(raw body or ""))
 *
 * X-Timestamp is Unix epoch milliseconds and must be within 5 minutes of the server's clock.
 * The path is the request target exactly as sent (`/api/v1/citizens?after=...&limit=...`).
 */
export interface SignInput {
  keyId: string;
  secret: string;
  method: string;
  /** Path with query string, exactly as it goes on the request line. */
  path: string;
  /** The raw body as sent (empty or absent for GET). */
  body?: string;
  /** Epoch milliseconds; now when omitted. */
  timestamp?: number;
}

// A type alias (not an interface) so it spreads into any headers record.
export type SignedHeaders = {
  'X-Api-Key': string;
  'X-Timestamp': string;
  'X-Signature': string;
};

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

export function computeSignature(
  secret: string,
  timestamp: string,
  method: string,
  path: string,
  body: string,
): string {
  const canonical = `${timestamp}\n${method.toUpperCase()}\n${path}\n${sha256Hex(body)}`;
  return createHmac('sha256', secret).update(canonical, 'utf8').digest('hex');
}

/** The three authentication headers for a request. */
export function signRequest(input: SignInput): SignedHeaders {
  const timestamp = String(input.timestamp ?? Date.now());
  return {
    'X-Api-Key': input.keyId,
    'X-Timestamp': timestamp,
    'X-Signature': computeSignature(input.secret, timestamp, input.method, input.path, input.body ?? ''),
  };
}

export interface VerifyInput {
  keys: ReadonlyMap<string, string>;
  keyId: string | undefined;
  timestamp: string | undefined;
  signature: string | undefined;
  method: string;
  path: string;
  body: string;
  now: number;
}

/** Why a request's signature is refused, or undefined when it is good. */
export function signatureProblem(input: VerifyInput): string | undefined {
  if (!input.keyId || !input.timestamp || !input.signature) {
    return 'X-Api-Key, X-Timestamp and X-Signature are required';
  }
  const secret = input.keys.get(input.keyId);
  if (secret === undefined) return 'unknown API key';
  if (!/^\d{1,16}$/.test(input.timestamp)) return 'X-Timestamp must be Unix epoch milliseconds';
  if (Math.abs(input.now - Number(input.timestamp)) > SIGNATURE_MAX_SKEW_MS) {
    return 'X-Timestamp is more than 5 minutes away from the server clock';
  }
  const expected = Buffer.from(
    computeSignature(secret, input.timestamp, input.method, input.path, input.body),
    'utf8',
  );
  const given = Buffer.from(input.signature, 'utf8');
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    return 'signature does not match';
  return undefined;
}

/** NPDB_API_KEYS: "keyId:secret,keyId2:secret2" → keyId → secret; undefined if malformed. */
export function parseApiKeys(value: string): Map<string, string> | undefined {
  const keys = new Map<string, string>();
  for (const pair of value.split(',').map((part) => part.trim())) {
    if (pair === '') continue;
    const colon = pair.indexOf(':');
    if (colon <= 0 || colon === pair.length - 1) return undefined;
    keys.set(pair.slice(0, colon), pair.slice(colon + 1));
  }
  return keys.size === 0 ? undefined : keys;
}
