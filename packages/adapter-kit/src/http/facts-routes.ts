import { problemResponses, ProblemRef, Type, type HttpApp } from '@motlan/http';
import type { AdapterServing } from '../disclosure-gate.ts';
import { httpCallContext } from '../request-context.ts';
import { FactSchema, FreshnessSchema, toRestFact } from './fact-schema.ts';

/** REST twin of motlan.adapter.v1.SourceAdapter/GetFacts. */
export function registerFactsRoutes<R>(app: HttpApp, serving: AdapterServing<R>): void {
  app.addSchema(FactSchema);
  app.addSchema(FreshnessSchema);
  registerFactsRoute(app, serving, '/v1/subjects/:personalId/facts', ['facts']);
}

/**
 * The facts route at a path of the adapter's choosing (e.g. PopulationService's GetCitizen twin):
 * the same schema, gate and answer wherever it is mounted.
 */
export function registerFactsRoute<R>(
  app: HttpApp,
  serving: AdapterServing<R>,
  path: string,
  tags: string[],
): void {
  app.get(
    path,
    {
      schema: {
        tags,
        summary:
          'The requested facts about a citizen from this source, with provenance; only what was requested',
        params: Type.Object({ personalId: Type.String({ description: '12-digit personal ID' }) }),
        querystring: Type.Object({
          types: Type.Array(Type.String(), {
            minItems: 1,
            description: 'Fact types (repeat or comma-separate)',
          }),
          purpose: Type.String({ description: 'Procedure code the facts are needed for' }),
        }),
        response: {
          200: Type.Object({
            facts: Type.Array(Type.Ref('Fact')),
            missing: Type.Array(Type.String()),
            freshness: Type.Ref('Freshness'),
          }),
          401: ProblemRef,
          403: ProblemRef,
          503: ProblemRef,
          ...problemResponses,
        },
      },
    },
    async (request) => {
      const context = httpCallContext(request, serving.deadlineCapMs);
      const types = request.query.types.flatMap((type) => type.split(',')).filter(Boolean);
      const subject = await serving.gate.admit(context, {
        ...request.query,
        ...request.params,
        factTypes: types,
      });
      const answer = await serving.factSource.facts(subject, types, context);
      return { ...answer, facts: answer.facts.map(toRestFact) };
    },
  );
}
