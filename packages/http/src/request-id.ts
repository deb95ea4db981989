import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { RequestMetadata } from '@motlan/domain';

/** What a caller's request id may look like to be kept: a UUID, a W3C trace id, a ULID and the like. */
const SAFE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * Fastify's `genReqId`: the caller's `x-request-id` when it is a plain token, else a fresh UUID —
 * so `request.id` is THE request id of a REST call, the one logged, audited and passed on to the
 * mesh. A header with anything else (spaces, control characters, a personal name) is not kept.
 */
export function requestIdFor(raw: IncomingMessage): string {
  const header = raw.headers[RequestMetadata.requestId];
  return typeof header === 'string' && SAFE_REQUEST_ID.test(header) ? header : randomUUID();
}
