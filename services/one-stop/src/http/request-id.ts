import { randomUUID } from 'node:crypto';
import type { FastifyRequest } from '@motlan/http';

/** The caller's x-request-id, passed on to the mesh, or a fresh one. */
export function requestIdOf(request: FastifyRequest): string {
  const header = request.headers['x-request-id'];
  return typeof header === 'string' && header.length <= 128 ? header : randomUUID();
}
