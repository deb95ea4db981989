import { mayOperate, type Policy } from '@motlan/access';
import { MotlanError } from '@motlan/errors';
import { problemResponses, ProblemRef, Type, type HttpApp } from '@motlan/http';
import { AdapterErrors } from '../errors.ts';
import { httpCallContext } from '../request-context.ts';
import type { QuarantineStore } from '../store/quarantine-store.ts';
import type { QuarantineRetryOutcome } from '../sync/quarantine-retry.ts';

export interface QuarantineServing {
  store: QuarantineStore<unknown>;
  policy: Policy;
  retry(): Promise<QuarantineRetryOutcome>;
}

const QuarantinedRecordSchema = Type.Object(
  {
    id: Type.String(),
    feed: Type.String({ description: '`<source>:changes` or `<source>:bulk-sync`' }),
    subject: Type.String({ description: 'The personal ID the record is about' }),
    version: Type.String({ description: "The record's version upstream" }),
    position: Type.String({ description: 'The change-feed cursor it was read at; empty from the bulk sync' }),
    reasonCode: Type.String({ description: 'A stable error code, e.g. MOTLAN_FACT_VALUE_INVALID' }),
    reason: Type.String({ description: 'What was wrong (names the rule and field, never the value)' }),
    field: Type.Optional(Type.String()),
    attempts: Type.Integer(),
    quarantinedAt: Type.String({ format: 'date-time' }),
    lastTriedAt: Type.String({ format: 'date-time' }),
    resolvedAt: Type.Optional(Type.String({ format: 'date-time' })),
    resolution: Type.Optional(Type.String()),
  },
  { $id: 'QuarantinedRecord' },
);

/**
 * Operators' view of the records this adapter could not map: what, why, since when, and a retry
 * after a fix. Only clients the policy marks `mayOperate`; the record itself stays in the
 * adapter's schema (it is personal data) and is not returned.
 */
export function registerQuarantineRoutes(app: HttpApp, serving: QuarantineServing): void {
  app.addSchema(QuarantinedRecordSchema);
  const tags = ['operations'];
  const operatorOnly = (request: Parameters<typeof httpCallContext>[0]) => {
    const { client } = httpCallContext(request, 0);
    if (!mayOperate(serving.policy, client)) {
      throw new MotlanError(
        AdapterErrors.operatorRequired,
        `${client} may not see or retry quarantined records`,
      );
    }
  };

  app.get(
    '/v1/quarantine',
    {
      schema: {
        tags,
        summary:
          'Upstream records that could not be mapped to facts, with the reason (open ones unless asked)',
        querystring: Type.Object({
          includeResolved: Type.Boolean({ default: false }),
          limit: Type.Integer({ minimum: 1, maximum: 1000, default: 100 }),
        }),
        response: {
          200: Type.Object({
            open: Type.Integer({ description: 'Open entries in all' }),
            records: Type.Array(Type.Ref('QuarantinedRecord')),
          }),
          401: ProblemRef,
          403: ProblemRef,
          ...problemResponses,
        },
      },
    },
    async (request) => {
      operatorOnly(request);
      const records = await serving.store.list(request.query);
      return {
        open: await serving.store.countOpen(),
        records: records.map(({ record: _record, ...entry }) => entry),
      };
    },
  );

  app.post(
    '/v1/quarantine/retry',
    {
      schema: {
        tags,
        summary:
          'Try the open quarantined records again (re-read upstream, else the kept record), publish what maps',
        response: {
          200: Type.Object({ tried: Type.Integer(), resolved: Type.Integer(), stillFailing: Type.Integer() }),
          401: ProblemRef,
          403: ProblemRef,
          ...problemResponses,
        },
      },
    },
    async (request) => {
      operatorOnly(request);
      return serving.retry();
    },
  );
}
