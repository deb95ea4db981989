import { problemResponses, ProblemRef, Type, type HttpApp } from '@motlan/http';
import type { FactSource } from '../fact-source.ts';
import { checkPersonalId, checkPurpose, httpCallContext } from '../request-context.ts';
import { FactSchema, FreshnessSchema, toRestFact } from './fact-schema.ts';

/** REST twin of motlan.adapter.v1.SourceAdapter/GetFacts. */
export function registerFactsRoutes<R>(app: HttpApp, factSource: FactSource<R>, deadlineCapMs: number): void {
  app.addSchema(FactSchema);
  app.addSchema(FreshnessSchema);
  app.get(
    '/v1/subjects/:personalId/facts',
    {
      schema: {
        tags: ['facts'],
        summary: 'The requested facts about a citizen from this source, with provenance',
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
          503: ProblemRef,
          ...problemResponses,
        },
      },
    },
    async (request) => {
      const subject = checkPersonalId(request.params.personalId);
      checkPurpose(request.query.purpose);
      const types = request.query.types.flatMap((type) => type.split(',')).filter(Boolean);
      const answer = await factSource.facts(subject, types, httpCallContext(request.headers, deadlineCapMs));
      return { ...answer, facts: answer.facts.map(toRestFact) };
    },
  );
}
