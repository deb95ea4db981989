import { problemResponses, ProblemRef, Type, type HttpApp } from '@motlan/http';
import { toRestFact } from '@motlan/proto';
import { COMPARED_FACT_TYPES } from '../domain/discrepancy.ts';
import type { Discrepancies } from '../discrepancies.ts';
import { restCaller } from './caller.ts';

const denied = { 401: ProblemRef, 403: ProblemRef, ...problemResponses };

const DiscrepancySchema = Type.Object(
  {
    id: Type.String({ format: 'uuid', description: 'Stable from opened to resolved' }),
    cursor: Type.String({ description: 'Pass as `after` to list what follows' }),
    personalId: Type.String(),
    factType: Type.String(),
    state: Type.Union([Type.Literal('open'), Type.Literal('resolved')]),
    sourceSystems: Type.Array(Type.String(), { description: 'The sources compared, sorted' }),
    values: Type.Array(Type.Ref('Fact'), {
      description:
        'The latest fact of each source (assurance verified or above), in the order of sourceSystems',
    }),
    openedAt: Type.String({ format: 'date-time' }),
    updatedAt: Type.String({ format: 'date-time' }),
    resolvedAt: Type.Optional(Type.String({ format: 'date-time' })),
  },
  { $id: 'Discrepancy' },
);

/**
 * Discrepancies between sources over REST (mutual TLS): the data owners' list of those their
 * source is part of (each entry audited, purpose `discrepancy-report`), and the counts report.
 * The fact registry must have registered RestFactSchema (registerFactRoutes) before.
 */
export function registerDiscrepancyRoutes(app: HttpApp, discrepancies: Discrepancies): void {
  app.addSchema(DiscrepancySchema);

  app.get(
    '/v1/discrepancies',
    {
      schema: {
        tags: ['discrepancies'],
        summary:
          "Discrepancies the caller's own source system is part of (an operator: all), with every source's value",
        description:
          'For a data owner, whose client identity is its source system name (e.g. ' +
          '`military-personnel-db`, `national-population-db`): those its source is part of; for an ' +
          "operator (policy `mayOperate`, e.g. the operators' console): all; any other client gets 403 " +
          'MOTLAN_DISCREPANCIES_NOT_ALLOWED. Every listed discrepancy is audited as a disclosure of ' +
          "that citizen's fact type (purpose `discrepancy-report`). Oldest first; `next` is set when " +
          'there may be more.',
        querystring: Type.Object({
          state: Type.Optional(Type.Union([Type.Literal('open'), Type.Literal('resolved')])),
          factType: Type.Optional(
            Type.Union(
              COMPARED_FACT_TYPES.map((type) => Type.Literal(type)),
              {
                description: 'One of the compared fact types',
              },
            ),
          ),
          after: Type.Optional(
            Type.String({ pattern: '^[0-9]{1,18}$', description: 'A `cursor` or `next`' }),
          ),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100 })),
        }),
        response: {
          200: Type.Object({
            discrepancies: Type.Array(Type.Ref('Discrepancy')),
            next: Type.Optional(Type.String()),
          }),
          ...denied,
        },
      },
    },
    async (request) => {
      const answer = await discrepancies.list(restCaller(request), request.query);
      return {
        discrepancies: answer.discrepancies.map((entry) => ({
          ...entry,
          values: entry.values.map(toRestFact),
        })),
        ...(answer.next ? { next: answer.next } : {}),
      };
    },
  );

  app.get(
    '/v1/reports/discrepancies',
    {
      schema: {
        tags: ['discrepancies', 'reports'],
        summary:
          'Open and resolved discrepancies per set of sources compared and fact type (no personal data)',
        description:
          'For the data owners (source systems) and operators (policy `mayOperate`); others get 403 ' +
          'MOTLAN_DISCREPANCIES_NOT_ALLOWED.',
        response: {
          200: Type.Object({
            generatedAt: Type.String({ format: 'date-time' }),
            counts: Type.Array(
              Type.Object({
                sourceSystems: Type.Array(Type.String(), {
                  description: 'The sources compared (a pair, as a rule)',
                }),
                factType: Type.String(),
                open: Type.Integer(),
                resolved: Type.Integer(),
              }),
            ),
          }),
          ...denied,
        },
      },
    },
    async (request) => ({
      generatedAt: new Date().toISOString(),
      counts: await discrepancies.report(restCaller(request)),
    }),
  );
}
