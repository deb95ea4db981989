import {
  checkPersonalId,
  checkPurpose,
  httpCallContext,
  toRestFact,
  type FactSource,
} from '@motlan/adapter-kit';
import { MotlanError } from '@motlan/errors';
import { problemResponses, ProblemRef, Type, type HttpApp } from '@motlan/http';
import { checkClaims } from '../domain/check-claims.ts';
import { verifyClaims } from '../domain/verify-claims.ts';
import { PopulationErrors } from '../errors.ts';
import type { NpdbRecord } from '../upstream/npdb-record.ts';

const Outcome = Type.String({
  enum: ['MATCH_OUTCOME_MATCH', 'MATCH_OUTCOME_MISMATCH', 'MATCH_OUTCOME_NOT_CLAIMED'],
});

/** REST twins of VerifyCitizen and GetCitizen. */
export function registerCitizenRoutes(
  app: HttpApp,
  factSource: FactSource<NpdbRecord>,
  deadlineCapMs: number,
): void {
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
                tolerated: Type.Array(Type.String()),
              }),
            ),
            freshness: Type.Ref('Freshness'),
          }),
          503: ProblemRef,
          ...problemResponses,
        },
      },
    },
    async (request) => {
      const personalId = checkPersonalId(request.body.personalId);
      checkPurpose(request.body.purpose);
      const claims = checkClaims(request.body.claims, personalId);
      if (!claims.fullName && !claims.dateOfBirth && !claims.sex) {
        throw new MotlanError(
          PopulationErrors.claimsMissing,
          'claims must include fullName, dateOfBirth or sex',
          {
            field: 'body.claims',
          },
        );
      }
      const { record, freshness } = await factSource.record(
        personalId,
        httpCallContext(request.headers, deadlineCapMs),
      );
      return { ...verifyClaims(record, claims), citizenFound: true, freshness };
    },
  );

  app.get(
    '/v1/citizens/:personalId',
    {
      schema: {
        tags: ['population'],
        summary: 'The requested facts about a citizen, with provenance; only what was requested',
        params: Type.Object({ personalId: Type.String() }),
        querystring: Type.Object({
          types: Type.Array(Type.String(), { minItems: 1 }),
          purpose: Type.String(),
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
      const personalId = checkPersonalId(request.params.personalId);
      checkPurpose(request.query.purpose);
      const types = request.query.types.flatMap((type) => type.split(',')).filter(Boolean);
      const answer = await factSource.facts(
        personalId,
        types,
        httpCallContext(request.headers, deadlineCapMs),
      );
      return { ...answer, facts: answer.facts.map(toRestFact) };
    },
  );
}
