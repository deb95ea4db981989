import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ProblemRef } from '@motlan/http';
import { Type } from 'typebox';
import type { FaultInjector } from './faults.ts';

export interface FaultRoutesOptions {
  faults: FaultInjector;
  /** Which calls the faults apply to, for the docs: e.g. `/api` or `/api and /oauth/token`. */
  calls: string;
  /** OpenAPI tags of the routes; `simulator admin` by default. */
  tags?: string[];
}

/** The longest latency an update may ask for, ms. */
export const MAX_LATENCY_MS = 120_000;

function schemas(calls: string) {
  const FaultState = Type.Object(
    {
      latencyMs: Type.Object({ min: Type.Integer(), max: Type.Integer() }),
      errorRate: Type.Number(),
      outage: Type.Boolean(),
    },
    { description: `Faults applied to every ${calls} call` },
  );
  const FaultUpdate = Type.Object(
    {
      latencyMs: Type.Optional(
        Type.Object(
          {
            min: Type.Optional(Type.Integer({ minimum: 0, maximum: MAX_LATENCY_MS })),
            max: Type.Optional(Type.Integer({ minimum: 0, maximum: MAX_LATENCY_MS })),
          },
          { additionalProperties: false },
        ),
      ),
      errorRate: Type.Optional(
        Type.Number({ minimum: 0, maximum: 1, description: `Share of ${calls} calls answering 503` }),
      ),
      outage: Type.Optional(Type.Boolean({ description: `Every ${calls} call answers 503 at once` })),
    },
    { additionalProperties: false, description: 'Partial update: omitted fields keep their value' },
  );
  return { FaultState, FaultUpdate };
}

/**
 * The fault knobs as admin routes (the simulator's own, not the upstream's API, no auth):
 * GET /admin/faults (the state), PUT /admin/faults (a partial update; 400 problem+json with the
 * injector's own code when min > max or a field is out of range), POST /admin/reset-faults.
 */
export const faultRoutes: FastifyPluginAsyncTypebox<FaultRoutesOptions> = async (app, options) => {
  const tags = options.tags ?? ['simulator admin'];
  const { FaultState, FaultUpdate } = schemas(options.calls);

  app.get(
    '/admin/faults',
    { schema: { summary: 'Current fault settings', tags, response: { 200: FaultState } } },
    async () => options.faults.current,
  );

  app.put(
    '/admin/faults',
    {
      schema: {
        summary: 'Change fault settings (partial update); returns the new state',
        tags,
        body: FaultUpdate,
        response: { 200: FaultState, 400: ProblemRef },
      },
    },
    async (request) => options.faults.update(request.body),
  );

  app.post(
    '/admin/reset-faults',
    { schema: { summary: 'Back to no faults; returns the new state', tags, response: { 200: FaultState } } },
    async () => options.faults.reset(),
  );
};
