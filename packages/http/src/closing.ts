import type { FastifyInstance } from 'fastify';
import { CommonErrors, MotlanError, PROBLEM_CONTENT_TYPE, toProblem } from '@motlan/errors';

/** Seconds a client refused during a shutdown is told to wait (Retry-After) before it sends again. */
export const SHUTDOWN_RETRY_AFTER_S = 1;

/**
 * Requests that arrive while the app closes — on a connection kept alive from before, since no new
 * connection is accepted — answered 503 problem+json (MOTLAN_SHUTTING_DOWN) with Retry-After and
 * `Connection: close`, before anything else runs (authentication, body parsing): the client sends
 * again, on a new connection, to an instance that is not stopping. Replaces Fastify's own
 * `503 {"error":"Service Unavailable"}` (its `return503OnClosing`, which the app turns off).
 * Requests accepted before the close are finished as usual.
 */
export function registerClosingAnswer(app: FastifyInstance): void {
  let closing = false;
  // preClose runs as the close begins, before the server stops accepting.
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onRequest', async (request, reply) => {
    if (!closing) return;
    const error = new MotlanError(
      CommonErrors.shuttingDown,
      'This instance is shutting down and takes no new requests',
    );
    return (
      reply
        .status(503)
        .header('retry-after', String(SHUTDOWN_RETRY_AFTER_S))
        .header('connection', 'close')
        .type(PROBLEM_CONTENT_TYPE)
        // The route's template only: a path as sent may carry a personal ID.
        .send(toProblem(error, request.routeOptions.url))
    );
  });
}
