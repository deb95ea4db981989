import { httpCallContext, registerFactsRoute, toRestFact, type AdapterServing } from '@motlan/adapter-kit';
import { problemResponses, ProblemRef, Type, type HttpApp } from '@motlan/http';
import { checkClaims, claimedFactTypes } from '../domain/check-claims.ts';
import { checkMemberKey } from '../domain/member-key.ts';
import { verifyClaims } from '../domain/verify-claims.ts';
import type { MemberLookup } from '../member-lookup.ts';
import type { MpdbRecord } from '../domain/mpdb-record.ts';

const Outcome = Type.String({
  enum: ['MATCH_OUTCOME_MATCH', 'MATCH_OUTCOME_MISMATCH', 'MATCH_OUTCOME_NOT_CLAIMED'],
});
const PersonalId = Type.String({ description: '12-digit personal ID', examples: ['001099012345'] });
const MilitaryCode = Type.String({
  description: '15-character military person code (packages/domain/README.md)',
  examples: ['QNK120240001236'],
});
const denied = { 401: ProblemRef, 403: ProblemRef, 503: ProblemRef, ...problemResponses };

/** REST twins of VerifyServiceMember and GetServiceMember (by personal ID, by military person code). */
export function registerServiceMemberRoutes(
  app: HttpApp,
  serving: AdapterServing<MpdbRecord>,
  lookup: MemberLookup,
): void {
  app.post(
    '/v1/service-members/verify',
    {
      schema: {
        tags: ['military'],
        summary:
          'Check claimed attributes against the military personnel database without revealing them; ' +
          'name the person by exactly one of personalId and militaryCode',
        body: Type.Object({
          personalId: Type.Optional(PersonalId),
          militaryCode: Type.Optional(MilitaryCode),
          claims: Type.Object({
            fullName: Type.Optional(Type.String({ examples: ['Nguyễn Văn An'] })),
            dateOfBirth: Type.Optional(Type.String({ examples: ['1999-05-17'] })),
            militaryCode: Type.Optional(MilitaryCode),
            personalId: Type.Optional(PersonalId),
          }),
          purpose: Type.String({ description: 'Procedure code', examples: ['1.004227'] }),
        }),
        response: {
          200: Type.Object({
            verified: Type.Boolean(),
            serviceMemberFound: Type.Boolean(),
            attributes: Type.Array(
              Type.Object({
                attribute: Type.String(),
                outcome: Outcome,
                tolerated: Type.Array(Type.String(), {
                  description:
                    'What was forgiven to reach a match: case, spacing, diacritics, tone_placement, punctuation, lookalike (in that order), or partial_date; empty for an exact match',
                }),
              }),
            ),
            freshness: Type.Ref('Freshness'),
          }),
          ...denied,
        },
      },
    },
    async (request) => {
      const context = httpCallContext(request, serving.deadlineCapMs);
      const key = checkMemberKey(request.body);
      const claims = checkClaims(request.body.claims, 'body.claims');
      const subject = await lookup.admit(serving, context, {
        key,
        purpose: request.body.purpose,
        factTypes: claimedFactTypes(claims),
      });
      const { record, freshness } = await serving.factSource.record(subject, context);
      return { ...verifyClaims(record, claims), serviceMemberFound: true, freshness };
    },
  );

  // GetServiceMember by personal ID is the kit's facts route under this path.
  registerFactsRoute(app, serving, '/v1/service-members/:personalId', ['military']);

  app.get(
    '/v1/service-members/by-code/:militaryCode',
    {
      schema: {
        tags: ['military'],
        summary: 'The requested facts about a person named by military person code, with provenance',
        params: Type.Object({ militaryCode: MilitaryCode }),
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
          ...denied,
        },
      },
    },
    async (request) => {
      const context = httpCallContext(request, serving.deadlineCapMs);
      const types = request.query.types.flatMap((type) => type.split(',')).filter(Boolean);
      const key = checkMemberKey({ militaryCode: request.params.militaryCode });
      const subject = await lookup.admit(serving, context, {
        key,
        purpose: request.query.purpose,
        factTypes: types,
      });
      const answer = await serving.factSource.facts(subject, types, context);
      return { ...answer, facts: answer.facts.map(toRestFact) };
    },
  );
}
