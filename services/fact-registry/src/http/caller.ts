import { randomUUID } from 'node:crypto';
import type { FastifyRequest } from '@motlan/http';
import { httpClientIdentity } from '@motlan/access';
import { RequestMetadata } from '@motlan/domain';
import type { Caller } from '../fact-registry.ts';

/** The REST caller: the CN of its verified client certificate (the server requires mTLS). */
export function restCaller(request: FastifyRequest): Caller {
  const requestId = request.headers[RequestMetadata.requestId];
  return {
    client: httpClientIdentity(request.raw.socket),
    requestId: typeof requestId === 'string' ? requestId : randomUUID(),
  };
}
