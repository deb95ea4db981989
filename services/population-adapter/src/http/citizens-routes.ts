import { httpCallContext, registerFactsRoute, type AdapterServing } from '@motlan/adapter-kit';
import { problemResponses, ProblemRef, Type, type HttpApp } from '@motlan/http';
import { checkClaims, claimedFactTypes } from '../domain/check-claims.ts';
import { verifyClaims } from '../domain/verify-claims.ts';
import type { NpdbRecord } from '../domain/npdb-record.ts';

const Outcome = Type.String({
  enum: ['MATCH_OUTCOME_MATCH', 'MATCH_OUTCOME_MISMATCH', 'MATCH_OUTCOME_NOT_CLAIMED'],
});

/** REST twins of VerifyCitizen and GetCitizen. */
export function registerCitizenRoutes(app: HttpApp, serving: AdapterServing<NpdbRecord>): void {
  app.post(
    '/v1/citizens/verify',
    {
      schema: {
        tags: ['population'],
        summary: 'Check claimed attributes against the national population database without revealing them',
        body: Type.Object({
          personalId: Type.String({ description: '12-digit personal ID', examples: ['001099012345'] }),
          claims: Type.Object({
            fullName: Type.Optional(Type.String({ examples: ['Nguyễn Văn An'] })),
            dateOfBirth: Type.Optional(Type.String({ examples: ['1999-05-17'] })),
            sex: Type.Optional(Type.String({ enum: ['male', 'female'] })),
          }),
          purpose: Type.String({ description: 'Procedure code', examples: ['1.004227'] }),
        }),
        response: {
          200: Type.Object({
            verified: Type.Boolean(),
            citizenFound: Type.Boolean(),
            vitalStatus: Type.String(),
            attributes: Type.Array(
              Type.Object({
                attribute: Type.String(),
                outcome: Outcome,
                tolerated: Type.Array(Type.String(), {
                  description:
                    'What was forgiven to reach a match: case, spacing, diacritics, tone_placement, punctuation, lookalike (in that order); empty for an exact match',
                }),
              }),
            ),
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
      const claims = checkClaims(request.body.claims, request.body.personalId, 'body.claims');
      const subject = await serving.gate.admit(context, {
        ...request.body,
        factTypes: claimedFactTypes(claims),
      });
      const { record, freshness } = await serving.factSource.record(subject, context);
      return { ...verifyClaims(record, claims), citizenFound: true, freshness };
    },
  );

  // GetCitizen's REST twin is the kit's facts route under the population path.
  registerFactsRoute(app, serving, '/v1/citizens/:personalId', ['population']);
}
