import { createHash, createHmac } from 'node:crypto';
import { NpdbHeaders } from './npdb-headers.ts';

/**
 * The upstream's request signature: HMAC-SHA256 over timestamp, method, path with query, and the
 * body's sha256, keyed by the API secret. Documented by the upstream; implemented here on our side.
 */
export function signatureHeaders(input: {
  keyId: string;
  secret: string;
  method: string;
  pathWithQuery: string;
  body: string;
  timestamp?: number;
}): Record<string, string> {
  const timestamp = String(input.timestamp ?? Date.now());
  const bodyHash = createHash('sha256').update(input.body).digest('hex');
  const signature = createHmac('sha256', input.secret)
    .update(`${timestamp}\n${input.method.toUpperCase()}\n${input.pathWithQuery}\n${bodyHash}`)
    .digest('hex');
  return {
    [NpdbHeaders.apiKey]: input.keyId,
    [NpdbHeaders.timestamp]: timestamp,
    [NpdbHeaders.signature]: signature,
  };
}
