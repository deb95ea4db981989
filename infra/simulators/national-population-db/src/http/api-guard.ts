import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { MotlanError } from '@motlan/errors';
import type { Registry } from 'prom-client';
import { signatureProblem } from '../auth/signature.ts';
import { Headers, MaLoi, MoTaLoi } from '../definitions.ts';
import { SimulatorErrors } from '../errors.ts';
import type { FaultInjector } from '../faults.ts';
import { faultGate } from '@motlan/simulator-kit';

export interface ApiGuardOptions {
  apiKeys: ReadonlyMap<string, string>;
  faults: FaultInjector;
  registry: Registry;
  now: () => number;
}

const requestIds = new WeakMap<FastifyRequest, string>();
const rawBodies = new WeakMap<FastifyRequest, string>();

/** The caller's X-Request-Id (or the one made up for it): the answer's MaYeuCau. */
export function requestIdOf(request: FastifyRequest): string {
  return requestIds.get(request) ?? '';
}

function headerValue(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/**
 * What every /api route goes through, in order: request id (echoed in X-Request-Id), injected
 * faults (outage, latency, errors), then the signature check over the raw body. Registered in
 * the /api scope only, so /admin, /docs, /health and /metrics are never faulted or signed.
 */
export function registerApiGuard(api: FastifyInstance, options: ApiGuardOptions): void {
  const gate = faultGate({
    faults: options.faults,
    registry: options.registry,
    metricPrefix: 'npdb',
    calls: '/api',
  });

  // Keep the body's exact bytes: the signature covers them, not a re-serialisation.
  const parseJson = api.getDefaultJsonParser('error', 'error');
  api.removeContentTypeParser('application/json');
  api.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    rawBodies.set(request, body as string);
    void parseJson(request, body as string, done);
  });

  api.addHook('onRequest', async (request, reply) => {
    const requestId = headerValue(request, Headers.requestId) ?? randomUUID();
    requestIds.set(request, requestId);
    void reply.header(Headers.requestId, requestId);

    return gate(reply, { MaYeuCau: requestId, MaLoi: MaLoi.systemError, MoTaLoi: MoTaLoi.systemError });
  });

  api.addHook('preValidation', async (request) => {
    const problem = signatureProblem({
      keys: options.apiKeys,
      keyId: headerValue(request, Headers.apiKey),
      timestamp: headerValue(request, Headers.timestamp),
      signature: headerValue(request, Headers.signature),
      method: request.method,
      path: request.url,
      body: rawBodies.get(request) ?? '',
      now: options.now(),
    });
    if (problem !== undefined) {
      throw new MotlanError(SimulatorErrors.unauthenticated, `Request not authenticated: ${problem}`, {
        field: 'headers',
      });
    }
  });
}
