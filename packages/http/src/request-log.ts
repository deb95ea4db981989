import type { FastifyInstance, FastifyRequest } from 'fastify';
import { RequestMetadata } from '@motlan/domain';

declare module 'fastify' {
  interface FastifyRequest {
    /** The authenticated caller's identity (its certificate's CN), set by the door; absent on public routes. */
    callerIdentity?: string;
  }
}

/** A procedure code as a purpose is written; anything else is not logged (it could be a typed-in value). */
const PURPOSE = /^[A-Za-z0-9._-]{1,64}$/;

/**
 * One line per request, written when the response is sent (Fastify's own two lines are off):
 * method, the route's TEMPLATE (never the path as sent — a path may carry a personal ID), status,
 * duration in ms, the calling client, the purpose named (header `x-purpose` or `?purpose=`) and
 * the request id. No query string, body or header value beyond these, so no personal value.
 */
export function registerRequestLog(app: FastifyInstance): void {
  app.decorateRequest('callerIdentity', undefined);
  app.addHook('onResponse', async (request, reply) => {
    request.log.info(
      {
        method: request.method,
        route: request.routeOptions.url ?? 'unmatched',
        status: reply.statusCode,
        durationMs: Math.round(reply.elapsedTime * 10) / 10,
        client: request.callerIdentity,
        purpose: purposeOf(request),
        // The request id is the line's `requestId`, bound by Fastify's child logger (request-id.ts).
      },
      'request',
    );
  });
}

function purposeOf(request: FastifyRequest): string | undefined {
  const header = request.headers[RequestMetadata.purpose];
  const query = (request.query as Record<string, unknown> | undefined)?.['purpose'];
  const purpose = typeof header === 'string' ? header : typeof query === 'string' ? query : undefined;
  return purpose !== undefined && PURPOSE.test(purpose) ? purpose : undefined;
}
