import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ProblemRef } from '@motlan/http';
import { Type } from 'typebox';
import type { ChangesStore } from '../store/changes-store.ts';
import { ChangeEntryRef, optionalOfficerHeader, signedHeaders, UpstreamErrorRef } from './schemas.ts';

const MAX_CURSOR = 9_223_372_036_854_775_807n;

export interface ChangesRoutesOptions {
  changes: ChangesStore;
}

export const ChangeFeedPage = Type.Object({
  changes: Type.Array(ChangeEntryRef),
  nextCursor: Type.String({
    description: 'The last cursor returned, or the given one when there is nothing new',
  }),
});

/** The change feed: every change after a cursor, in order. */
export const changesRoutes: FastifyPluginAsyncTypebox<ChangesRoutesOptions> = async (app, options) => {
  app.get(
    '/api/v1/changes',
    {
      schema: {
        summary: 'Nguồn thay đổi: các thay đổi có cursor lớn hơn cursor đã cho',
        tags: ['changes'],
        headers: Type.Object({ ...signedHeaders, ...optionalOfficerHeader }),
        querystring: Type.Object({
          cursor: Type.String({
            pattern: '^\\d{1,19}$',
            default: '0',
            description: 'Last cursor already seen',
          }),
          limit: Type.Integer({ minimum: 1, maximum: 5000, default: 500 }),
        }),
        response: { 200: ChangeFeedPage, 400: ProblemRef, 401: ProblemRef, 503: UpstreamErrorRef },
      },
    },
    async (request) => {
      // Past the largest bigint nothing can follow; clamp rather than let PostgreSQL refuse the cast.
      const given = (
        BigInt(request.query.cursor) > MAX_CURSOR ? MAX_CURSOR : BigInt(request.query.cursor)
      ).toString();
      const changes = await options.changes.after(given, request.query.limit);
      return { changes, nextCursor: changes.length > 0 ? changes[changes.length - 1]!.Cursor : given };
    },
  );
};
