import {
  IDEMPOTENCY_KEY_HEADER,
  IdempotencyKeyHeaders,
  ProblemRef,
  problemResponses,
  Type,
  type HttpApp,
} from '@motlan/http';
import {
  APPLICANT_ACTIONS,
  OFFICER_ACTIONS,
  type ApplicantAction,
  type OfficerAction,
} from '../domain/lifecycle.ts';
import type { OneStop } from '../one-stop.ts';
import type { OfficerGrants } from '../domain/officer-grants.ts';
import { idempotencyScope, officerCaller, OfficerHeaders } from './caller.ts';
import { requestIdOf } from './request-id.ts';
import {
  ACTION_BODIES,
  ApplicantSchema,
  DossierFactSchema,
  DossierSchema,
  PrefillSchema,
  SuppliedFactSchema,
} from './schemas.ts';

const errors = { 409: ProblemRef, 422: ProblemRef, 503: ProblemRef, ...problemResponses };
const officerErrors = { 401: ProblemRef, 403: ProblemRef, ...errors };
const DossierParam = Type.Object({ dossierId: Type.String({ description: 'Dossier id or code' }) });

const OFFICER_SUMMARIES: Record<OfficerAction, string> = {
  'start-processing': 'The handling unit starts processing a received dossier',
  'request-supplement':
    'The handling unit asks the applicant for more (a reason is required); the clock stops',
  resolve: 'The handling unit resolves the dossier; its result becomes an authoritative fact',
  reject: 'The handling unit refuses the dossier (a reason is required)',
};
const APPLICANT_SUMMARIES: Record<ApplicantAction, string> = {
  supplement: 'The applicant hands in what was asked for (facts, documents); the clock runs again',
  withdraw: 'The applicant withdraws an open dossier',
};
const LIFECYCLE =
  'received → in_processing → supplement_requested → in_processing → resolved | rejected; withdraw from any open state. ' +
  'Anything else is refused with MOTLAN_DOSSIER_TRANSITION_NOT_ALLOWED and changes nothing.';

/**
 * Portal-facing intake and the applicant's own actions (open), and the handling units' officer
 * actions, which need a client certificate of one of `officers` (the actor recorded is that
 * certificate, never the body).
 */
export function registerDossierRoutes(app: HttpApp, oneStop: OneStop, officers: OfficerGrants): void {
  app.addSchema(DossierFactSchema);
  app.addSchema(DossierSchema);

  app.post(
    '/v1/dossiers/prefill',
    {
      schema: {
        tags: ['dossiers'],
        summary: 'What the mesh already knows for this procedure (with provenance) and what is still missing',
        description:
          'Verifies the applicant against the national population database, reads every fact the procedure needs ' +
          "from the fact registry for the procedure's purpose, and answers what is prefilled and what to ask for. Changes nothing.",
        body: Type.Object(
          { procedureCode: Type.String(), applicant: ApplicantSchema },
          { additionalProperties: false },
        ),
        response: { 200: PrefillSchema, ...errors },
      },
    },
    async (request) => {
      const answer = await oneStop.prefill(request.body, requestIdOf(request));
      return {
        procedureCode: answer.procedure.code,
        procedureName: answer.procedure.name,
        prefilled: answer.prefilled,
        missing: answer.missingDescribed,
        documentsNeeded: answer.documentsNeeded,
        documentsReplaced: answer.documentsReplaced,
      };
    },
  );

  app.post(
    '/v1/dossiers',
    {
      schema: {
        tags: ['dossiers'],
        summary:
          'Submit a dossier: supply only the missing facts; gets a code, a received time and a due time',
        description:
          'Facts the mesh holds with authority are prefilled and cannot be supplied (MOTLAN_FACT_HELD_WITH_AUTHORITY). ' +
          'Supplied facts become self-declared facts on citizen.facts.v1, written with the dossier in one transaction ' +
          "(the service's outbox): both exist or neither does; the registry applies them, so the next procedure reuses them. " +
          'Safe to retry with an Idempotency-Key: the same key and body answer the first answer (201, the same dossier) ' +
          'and create nothing again; the same key with another body is refused (422 MOTLAN_IDEMPOTENCY_KEY_REUSED). ' +
          'Keys are scoped to the calling client (its certificate name; callers without one share one scope, so use ' +
          'unguessable keys such as UUIDs). Only a 201 is remembered: after an error, a retry runs the request again.',
        headers: IdempotencyKeyHeaders,
        body: Type.Object(
          {
            procedureCode: Type.String(),
            applicant: ApplicantSchema,
            facts: Type.Optional(Type.Array(SuppliedFactSchema, { maxItems: 50 })),
            documents: Type.Optional(
              Type.Array(Type.String(), { maxItems: 50, description: 'Codes of documents handed in' }),
            ),
            unitCode: Type.Optional(
              Type.String({
                pattern: '^[A-Za-z0-9._-]{1,64}$',
                description: 'Handling unit, if not the default',
              }),
            ),
          },
          { additionalProperties: false },
        ),
        response: { 201: Type.Ref('Dossier'), ...errors },
      },
    },
    async (request, reply) => {
      const key = request.headers[IDEMPOTENCY_KEY_HEADER];
      const idempotency = typeof key === 'string' ? { scope: idempotencyScope(request), key } : undefined;
      return reply.status(201).send(await oneStop.submit(request.body, requestIdOf(request), idempotency));
    },
  );

  app.get(
    '/v1/dossiers/:dossierId',
    {
      schema: {
        tags: ['dossiers'],
        summary: 'A dossier: status, clock, facts with provenance, history, allowed actions',
        params: DossierParam,
        response: { 200: Type.Ref('Dossier'), ...errors },
      },
    },
    async (request) => oneStop.get(request.params.dossierId),
  );

  for (const action of OFFICER_ACTIONS) {
    app.post(
      `/v1/dossiers/:dossierId/${action}`,
      {
        schema: {
          tags: ['handling unit (client certificate)'],
          summary: OFFICER_SUMMARIES[action],
          description:
            "Needs a client certificate from the Motlan CA of a handling unit's system (ONE_STOP_OFFICER_CLIENTS): " +
            'without one 401 MOTLAN_CLIENT_CERTIFICATE_REQUIRED, another client 403 MOTLAN_OFFICER_NOT_ALLOWED; ' +
            'either changes nothing. The history records the certificate name, then `/` and X-Officer-Id if sent. ' +
            LIFECYCLE,
          params: DossierParam,
          headers: OfficerHeaders,
          body: ACTION_BODIES[action],
          response: { 200: Type.Ref('Dossier'), ...officerErrors },
        },
        // Checked before the body is parsed or validated: an unauthenticated caller gets 401,
        // never a validation answer. The handler asks again for the actor (cached per connection).
        onRequest: async (request) => {
          officerCaller(request, officers);
        },
      },
      async (request) =>
        oneStop.act(
          request.params.dossierId,
          action,
          { ...request.body, ...officerCaller(request, officers) },
          requestIdOf(request),
        ),
    );
  }

  for (const action of APPLICANT_ACTIONS) {
    app.post(
      `/v1/dossiers/:dossierId/${action}`,
      {
        schema: {
          tags: ['dossiers'],
          summary: APPLICANT_SUMMARIES[action],
          description: `Open to the citizen portal, like intake; the history records \`applicant\`. ${LIFECYCLE}`,
          params: DossierParam,
          body: ACTION_BODIES[action],
          response: { 200: Type.Ref('Dossier'), ...errors },
        },
      },
      async (request) =>
        oneStop.act(request.params.dossierId, action, request.body ?? {}, requestIdOf(request)),
    );
  }

  app.post(
    '/v1/dossiers/:dossierId/rating',
    {
      schema: {
        tags: ['dossiers'],
        summary: "The applicant's satisfaction with a resolved dossier (1–5), once",
        params: DossierParam,
        body: Type.Object(
          {
            score: Type.Integer({ minimum: 1, maximum: 5 }),
            comment: Type.Optional(Type.String({ maxLength: 2000 })),
          },
          { additionalProperties: false },
        ),
        response: { 201: Type.Ref('Dossier'), ...errors },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await oneStop.rate(request.params.dossierId, request.body, requestIdOf(request))),
  );
}
