import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { MotlanError } from '@motlan/errors';
import { Counter, type Registry } from 'prom-client';
import { bearerToken, type TokenIssuer } from '../auth/tokens.ts';
import { Headers, MaLoi, MoTaLoi, OAuth } from '../definitions.ts';
import { SimulatorErrors } from '../errors.ts';
import type { FaultInjector } from '../faults.ts';
import { faultGate } from '@motlan/simulator-kit';

const correlationIds = new WeakMap<FastifyRequest, string>();

/** The caller's X-Correlation-Id (or the one made up for it): the answer's MaGiaoDich. */
export function correlationIdOf(request: FastifyRequest): string {
  return correlationIds.get(request) ?? '';
}

function headerValue(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

export interface FaultGuardOptions {
  faults: FaultInjector;
  registry: Registry;
}

/**
 * What every call to the upstream goes through first (/oauth/token and /api): a correlation id
 * (echoed in X-Correlation-Id), then injected faults (outage, latency, errors). Registered in
 * that scope only, so /admin, /docs, /health and /metrics are never faulted.
 */
export function registerFaultGuard(scope: FastifyInstance, options: FaultGuardOptions): void {
  const gate = faultGate({
    faults: options.faults,
    registry: options.registry,
    metricPrefix: 'mpdb',
    calls: 'upstream',
  });
  scope.addHook('onRequest', async (request, reply) => {
    const correlationId = headerValue(request, Headers.correlationId) ?? randomUUID();
    correlationIds.set(request, correlationId);
    void reply.header(Headers.correlationId, correlationId);

    return gate(reply, {
      MaGiaoDich: correlationId,
      Loi: { Ma: MaLoi.unavailable, MoTa: MoTaLoi.unavailable },
    });
  });
}

export interface BearerGuardOptions {
  tokens: TokenIssuer;
  registry: Registry;
}

/**
 * Every /api route needs `Authorization: Bearer <token>` from the token endpoint. A missing,
 * unknown or expired token answers 401 problem+json with the RFC 6750 challenge in
 * WWW-Authenticate, before the request is validated.
 */
export function registerBearerGuard(api: FastifyInstance, options: BearerGuardOptions): void {
  const refused = new Counter({
    name: 'mpdb_sim_auth_refused_total',
    help: 'API calls refused for their bearer token, by reason',
    labelNames: ['reason'],
    registers: [options.registry],
  });
  api.addHook('onRequest', async (request, reply) => {
    const verdict = options.tokens.check(bearerToken(headerValue(request, Headers.authorization)));
    if ('clientId' in verdict) return;
    refused.inc({ reason: verdict.problem });
    const challenge =
      verdict.problem === 'missing'
        ? `Bearer realm="${OAuth.realm}"`
        : `Bearer realm="${OAuth.realm}", error="${OAuth.errors.invalidToken}", error_description="the access token is ${verdict.problem}"`;
    void reply.header(Headers.wwwAuthenticate, challenge);
    throw new MotlanError(
      SimulatorErrors.unauthenticated,
      verdict.problem === 'missing'
        ? `Request not authenticated: send Authorization: Bearer <token> (POST ${OAuth.tokenPath})`
        : `Request not authenticated: the access token is ${verdict.problem}`,
      { field: 'headers.authorization' },
    );
  });
}
