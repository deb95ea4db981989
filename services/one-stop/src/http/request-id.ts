import type { FastifyRequest } from '@motlan/http';

/**
 * The request id passed on to the mesh and audited: the one @motlan/http kept from the caller's
 * `x-request-id` (when a plain token) or made fresh, and logged on the request line.
 */
export function requestIdOf(request: FastifyRequest): string {
  return request.id;
}
