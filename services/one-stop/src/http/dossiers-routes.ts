import { ProblemRef, problemResponses, Type, type HttpApp } from '@motlan/http';
import type { OneStop } from '../one-stop.ts';
import { requestIdOf } from './request-id.ts';
import {
  ActionBodySchema,
  ActionParams,
  ApplicantSchema,
  DossierFactSchema,
  DossierSchema,
  PrefillSchema,
  SuppliedFactSchema,
} from './schemas.ts';

const errors = { 409: ProblemRef, 422: ProblemRef, 503: ProblemRef, ...problemResponses };
const DossierParam = Type.Object({ dossierId: Type.String({ description: 'Dossier id or code' }) });

/** Portal-facing intake and the handling units' lifecycle actions. */
export function registerDossierRoutes(app: HttpApp, oneStop: OneStop): void {
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
          'Supplied facts are declared through the fact registry, so the next procedure reuses them.',
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
    async (request, reply) =>
      reply.status(201).send(await oneStop.submit(request.body, requestIdOf(request))),
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

  app.post(
    '/v1/dossiers/:dossierId/:action',
    {
      schema: {
        tags: ['dossiers'],
        summary:
          'A lifecycle action: start-processing, request-supplement, supplement, resolve, reject, withdraw',
        description:
          'received → in_processing → supplement_requested → in_processing → resolved | rejected; withdraw from any open state. ' +
          'Anything else is refused with MOTLAN_DOSSIER_TRANSITION_NOT_ALLOWED and changes nothing.',
        params: ActionParams,
        body: ActionBodySchema,
        response: { 200: Type.Ref('Dossier'), ...errors },
      },
    },
    async (request) =>
      oneStop.act(request.params.dossierId, request.params.action, request.body ?? {}, requestIdOf(request)),
  );

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
