import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ProblemRef } from '@motlan/http';
import { Type } from 'typebox';
import { MotlanError } from '@motlan/errors';
import type { ChangeGenerator } from '../change-generator.ts';
import { RECORD_QUIRKS } from '../domain/record-quirks.ts';
import { SimulatorErrors } from '../errors.ts';
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

  app.post(
    '/admin/record-quirks',
    {
      schema: {
        summary:
          'Break one record as the real system now and then serves it (a malformed health grade or rank)',
        description:
          'Changes one well-formed record (the one of `personalId`, or one drawn at random) and appends it to the ' +
          'change feed, which entry is returned. Quirks: malformed-health-grade (PhanLoaiSucKhoe 7, written as a ' +
          'PHAN_LOAI_SUC_KHOE entry), malformed-rank (CapBac spelt outside the list, a THANG_CAP_BAC entry; records ' +
          'with a rank only). The record is then malformed: the change generator leaves it alone. 404 ' +
          'MPDB_SIM_RECORD_NOT_FOUND when no well-formed record of that personal ID (with a rank, for malformed-rank) exists.',
        tags,
        body: Type.Object(
          {
            quirk: Type.Enum([...RECORD_QUIRKS]),
            personalId: Type.Optional(Type.String({ pattern: '^\\d{12}$' })),
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ BienDong: ChangeRef }), 400: ProblemRef, 404: ProblemRef },
      },
    },
    async (request) => {
      const change = await options.changes.quirk(request.body.quirk, request.body.personalId);
      if (change === undefined) {
        throw new MotlanError(SimulatorErrors.recordNotFound, 'No well-formed record this quirk applies to', {
          field: request.body.personalId === undefined ? 'body.quirk' : 'body.personalId',
        });
      }
      return { BienDong: change };
    },
  );
};
