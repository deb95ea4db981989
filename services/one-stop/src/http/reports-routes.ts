import { CommonErrors, MotlanError } from '@motlan/errors';
import { ProblemRef, problemResponses, Type, type HttpApp } from '@motlan/http';
import { reportCsv } from '../domain/report.ts';
import type { OneStop } from '../one-stop.ts';
import { reportReader } from './caller.ts';

const Counts = {
  procedureCode: Type.String(),
  procedureName: Type.String(),
  unitCode: Type.String(),
  received: Type.Integer(),
  resolved: Type.Integer({ description: 'Finished with a result (resolved or rejected) in the period' }),
  rejected: Type.Integer(),
  resolvedOnTime: Type.Integer(),
  resolvedLate: Type.Integer(),
  withdrawn: Type.Integer(),
  inProgressWithinLimit: Type.Integer(),
  inProgressPastLimit: Type.Integer(),
  onTimeRate: Type.Union([Type.Number(), Type.Null()]),
  requiredFacts: Type.Integer(),
  prefilledFacts: Type.Integer(),
  onceOnlyRate: Type.Union([Type.Number(), Type.Null()], {
    description: 'Share of required facts prefilled, not typed',
  }),
  ratings: Type.Integer(),
  ratingSum: Type.Integer(),
  ratingDistribution: Type.Array(Type.Integer(), { description: 'Ratings of 1, 2, 3, 4, 5' }),
  averageRating: Type.Union([Type.Number(), Type.Null()]),
};
const Line = Type.Object(Counts);

function instant(text: string, field: string): Date {
  const value = /^\d{4}-\d{2}-\d{2}$/.test(text) ? new Date(`${text}T00:00:00+07:00`) : new Date(text);
  if (Number.isNaN(value.getTime())) {
    throw new MotlanError(
      CommonErrors.validation,
      `${field} must be a date (YYYY-MM-DD, Vietnam time) or an RFC 3339 time`,
      { field },
    );
  }
  return value;
}

/** The Ministry's figures, produced by the system: per procedure and unit, for any period. */
export function registerReportRoutes(app: HttpApp, oneStop: OneStop): void {
  app.get(
    '/v1/reports/dossiers',
    {
      schema: {
        tags: ['reports'],
        summary:
          'Received, resolved on time and late, in progress, on-time rate, once-only rate, satisfaction',
        description:
          'For [from, to): dates are whole days in Vietnam time. format=csv answers text/csv (one line per procedure and unit, then the total). ' +
          'Needs a client certificate from the Motlan CA (any client: the figures name no citizen); without one 401 MOTLAN_CLIENT_CERTIFICATE_REQUIRED.',
        querystring: Type.Object({
          from: Type.String({ examples: ['2025-07-01'] }),
          to: Type.String({ examples: ['2025-10-01'] }),
          procedure: Type.Optional(Type.String()),
          unit: Type.Optional(Type.String()),
          format: Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('csv')], { default: 'json' })),
        }),
        response: {
          200: Type.Object({
            from: Type.String(),
            to: Type.String(),
            asOf: Type.String(),
            lines: Type.Array(Line),
            total: Line,
          }),
          401: ProblemRef,
          ...problemResponses,
        },
      },
      onRequest: async (request) => {
        reportReader(request);
      },
    },
    async (request, reply) => {
      const report = await oneStop.report({
        from: instant(request.query.from, 'from'),
        to: instant(request.query.to, 'to'),
        procedureCode: request.query.procedure,
        unitCode: request.query.unit,
      });
      if (request.query.format === 'csv') {
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', 'attachment; filename="dossier-report.csv"')
          .serializer((payload: unknown) => String(payload))
          .send(reportCsv(report));
      }
      return report;
    },
  );
}
