import { problemResponses, ProblemRef, Type, type HttpApp } from '@motlan/http';
import { checkIdempotencyKey, IDEMPOTENCY_KEY_HEADER } from '@motlan/domain';
import { RestFactSchema, toRestFact } from '@motlan/proto';
import type { FactRegistry } from '../fact-registry.ts';
import { restCaller } from './caller.ts';

const PersonalIdParam = Type.Object({ personalId: Type.String({ description: '12-digit personal ID' }) });
const denied = { 401: ProblemRef, 403: ProblemRef, ...problemResponses };

/** The FactRegistry operations over REST: the same names, checks and audit as over gRPC. */
export function registerFactRoutes(app: HttpApp, registry: FactRegistry): void {
  app.addSchema(RestFactSchema);

  app.get(
    '/v1/citizens/:personalId/facts',
    {
      schema: {
        tags: ['facts'],
        summary: 'Current facts of the requested types; types with no fact are listed as missing',
        params: PersonalIdParam,
        querystring: Type.Object({
          types: Type.Array(Type.String(), {
            minItems: 1,
            description: 'Fact types (repeat or comma-separate)',
          }),
          purpose: Type.String({ description: 'Procedure code' }),
        }),
        response: {
          200: Type.Object({
            facts: Type.Array(
              Type.Intersect([Type.Ref('Fact'), Type.Object({ conflicted: Type.Boolean() })]),
            ),
            missing: Type.Array(Type.String()),
          }),
          ...denied,
        },
      },
    },
    async (request) => {
      const answer = await registry.getFacts(restCaller(request), {
        personalId: request.params.personalId,
        factTypes: request.query.types.flatMap((type) => type.split(',')).filter(Boolean),
        purpose: request.query.purpose,
      });
      return {
        facts: answer.facts.map((entry) => ({ ...toRestFact(entry.fact), conflicted: entry.conflicted })),
        missing: answer.missing,
      };
    },
  );

  app.post(
    '/v1/citizens/:personalId/declarations',
    {
      schema: {
        tags: ['facts'],
        summary: 'Declare facts from a dossier (self-declared); readable once applied from citizen.facts.v1',
        description:
          'Only for a personal ID the national population database has vouched for (422 ' +
          'MOTLAN_SUBJECT_UNKNOWN otherwise). With an Idempotency-Key, a repeat of the same ' +
          'declaration answers the same fact ids and declares nothing twice; the key with another ' +
          'declaration is refused (422 MOTLAN_IDEMPOTENCY_KEY_REUSED).',
        params: PersonalIdParam,
        headers: Type.Object({
          [IDEMPOTENCY_KEY_HEADER]: Type.Optional(
            Type.String({ description: '1–128 visible ASCII characters, e.g. a UUID, one per declaration' }),
          ),
        }),
        body: Type.Object({
          dossierId: Type.String(),
          facts: Type.Array(Type.Object({ type: Type.String(), value: Type.Unknown() }), { minItems: 1 }),
        }),
        response: {
          202: Type.Object({ factIds: Type.Array(Type.String()) }),
          422: ProblemRef,
          ...denied,
        },
      },
    },
    async (request, reply) => {
      const factIds = await registry.declare(
        restCaller(request),
        {
          personalId: request.params.personalId,
          dossierId: request.body.dossierId,
          facts: request.body.facts,
        },
        checkIdempotencyKey(request.headers[IDEMPOTENCY_KEY_HEADER], `headers.${IDEMPOTENCY_KEY_HEADER}`),
      );
      return reply.status(202).send({ factIds });
    },
  );

  app.get(
    '/v1/citizens/:personalId/facts/:factType/history',
    {
      schema: {
        tags: ['facts'],
        summary: 'Every version of one fact type, with provenance',
        params: Type.Object({ personalId: Type.String(), factType: Type.String() }),
        querystring: Type.Object({ purpose: Type.String() }),
        response: {
          200: Type.Object({
            versions: Type.Array(
              Type.Object({ fact: Type.Ref('Fact'), current: Type.Boolean(), recordedAt: Type.String() }),
            ),
          }),
          ...denied,
        },
      },
    },
    async (request) => {
      const versions = await registry.history(restCaller(request), {
        personalId: request.params.personalId,
        factType: request.params.factType,
        purpose: request.query.purpose,
      });
      return { versions: versions.map((version) => ({ ...version, fact: toRestFact(version.fact) })) };
    },
  );

  app.get(
    '/v1/citizens/:personalId/disclosures',
    {
      schema: {
        tags: ['facts'],
        summary: "Who read which of this citizen's facts, when, and for which procedure",
        params: PersonalIdParam,
        querystring: Type.Object({
          since: Type.Optional(Type.String({ format: 'date-time' })),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
        }),
        response: {
          200: Type.Object({
            disclosures: Type.Array(
              Type.Object({
                auditId: Type.String(),
                discloser: Type.String({ description: 'The service that disclosed (or refused)' }),
                client: Type.String(),
                purpose: Type.String(),
                factTypes: Type.Array(Type.String()),
                outcome: Type.String(),
                occurredAt: Type.String(),
                requestId: Type.String(),
              }),
            ),
          }),
          ...denied,
        },
      },
    },
    async (request) => ({
      disclosures: await registry.listDisclosures(restCaller(request), {
        personalId: request.params.personalId,
        ...(request.query.since ? { since: request.query.since } : {}),
        ...(request.query.limit ? { limit: request.query.limit } : {}),
      }),
    }),
  );
}
