import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ProblemRef } from '@motlan/http';
import { Type } from 'typebox';
import type { ChangesStore } from '../store/changes-store.ts';
import { apiHeaders, ChangeRef, UpstreamErrorRef } from './schemas.ts';

const MAX_CURSOR = 9_223_372_036_854_775_807n;

export interface ChangesRoutesOptions {
  changes: ChangesStore;
}

export const ChangeFeedPage = Type.Object({
  BienDong: Type.Array(ChangeRef),
  ViTriCuoi: Type.String({
    description: 'The last cursor returned, or the given one when there is nothing new',
  }),
});

/** The change feed (nguồn biến động): every change after a cursor, in order. */
export const changesRoutes: FastifyPluginAsyncTypebox<ChangesRoutesOptions> = async (app, options) => {
  app.get(
    '/api/v1/bien-dong',
    {
      schema: {
        summary: 'Nguồn biến động: các biến động có vị trí lớn hơn vị trí đã cho',
        tags: ['bien-dong'],
        headers: Type.Object(apiHeaders),
        querystring: Type.Object({
          sau: Type.String({ pattern: '^\\d{1,19}$', default: '0', description: 'Last cursor already seen' }),
          soLuong: Type.Integer({ minimum: 1, maximum: 5000, default: 500 }),
        }),
        response: { 200: ChangeFeedPage, 400: ProblemRef, 401: ProblemRef, 503: UpstreamErrorRef },
      },
    },
    async (request) => {
      // Past the largest bigint nothing can follow; clamp rather than let PostgreSQL refuse the cast.
      const given = (
        BigInt(request.query.sau) > MAX_CURSOR ? MAX_CURSOR : BigInt(request.query.sau)
      ).toString();
      const changes = await options.changes.after(given, request.query.soLuong);
      return {
        BienDong: changes,
        ViTriCuoi: changes.length > 0 ? changes[changes.length - 1]!.ViTri : given,
      };
    },
  );
};
