import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ProblemRef } from '@motlan/http';
import { Type } from 'typebox';
import type { ChangeGenerator } from '../change-generator.ts';
import type { FaultInjector } from '../faults.ts';
import { ChangeRef } from './schemas.ts';

export interface AdminRoutesOptions {
  faults: FaultInjector;
  changes: ChangeGenerator;
}

const MAX_LATENCY_MS = 120_000;

const FaultState = Type.Object(
  {
    latencyMs: Type.Object({ min: Type.Integer(), max: Type.Integer() }),
    errorRate: Type.Number(),
    outage: Type.Boolean(),
  },
  { description: 'Faults applied to every /api and /oauth/token call' },
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
      Type.Number({ minimum: 0, maximum: 1, description: 'Share of calls answering 503' }),
    ),
    outage: Type.Optional(Type.Boolean({ description: 'Every call answers 503 at once' })),
  },
  { additionalProperties: false, description: 'Partial update: omitted fields keep their value' },
);

/**
 * The simulator's own controls (not part of the upstream's API, no token): fault knobs, and
 * changes on demand so tests can make the feed move deterministically.
 */
export const adminRoutes: FastifyPluginAsyncTypebox<AdminRoutesOptions> = async (app, options) => {
  const tags = ['simulator admin'];

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

  app.post(
    '/admin/changes',
    {
      schema: {
        summary: 'Generate n change-feed entries now and return them',
        description: 'Exactly `count` entries unless no record is eligible for any event.',
        tags,
        body: Type.Object(
          { count: Type.Integer({ minimum: 1, maximum: 1000 }) },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ BienDong: Type.Array(ChangeRef) }), 400: ProblemRef },
      },
    },
    async (request) => ({ BienDong: await options.changes.generate(request.body.count) }),
  );
};
