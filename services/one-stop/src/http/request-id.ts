import { randomUUID } from 'node:crypto';
import { RequestMetadata } from '@motlan/domain';
import type { FastifyRequest } from '@motlan/http';

/** The caller's x-request-id, passed on to the mesh, or a fresh one. */
export function requestIdOf(request: FastifyRequest): string {
  const header = request.headers[RequestMetadata.requestId];
  return typeof header === 'string' && header.length <= 128 ? header : randomUUID();
}
