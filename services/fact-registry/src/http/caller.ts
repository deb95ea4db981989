import type { FastifyRequest } from '@motlan/http';
import { httpClientIdentity } from '@motlan/access';
import type { Caller } from '../fact-registry.ts';

/**
 * The REST caller: the CN of its verified client certificate (the server requires mTLS), and the
 * request id @motlan/http kept from `x-request-id` or made fresh.
 */
export function restCaller(request: FastifyRequest): Caller {
  return { client: httpClientIdentity(request.raw.socket), requestId: request.id };
}
