import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ProblemRef } from '@motlan/http';
import { Type } from 'typebox';
import type { ChangeGenerator } from '../change-generator.ts';
import type { FaultInjector } from '../faults.ts';
import { faultRoutes } from '@motlan/simulator-kit';
import { ChangeRef } from './schemas.ts';

export interface AdminRoutesOptions {
  faults: FaultInjector;
  changes: ChangeGenerator;
}

/**
 * The simulator's own controls (not part of the upstream's API, no token): fault knobs, and
 * changes on demand so tests can make the feed move deterministically.
 */
export const adminRoutes: FastifyPluginAsyncTypebox<AdminRoutesOptions> = async (app, options) => {
  const tags = ['simulator admin'];

  await app.register(faultRoutes, { faults: options.faults, calls: '/api and /oauth/token', tags });

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
