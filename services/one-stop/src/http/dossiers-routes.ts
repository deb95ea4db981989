import {
  IDEMPOTENCY_KEY_HEADER,
  IdempotencyKeyHeaders,
  ProblemRef,
  problemResponses,
  Type,
  type FastifyRequest,
  type HttpApp,
} from '@motlan/http';
import {
  APPLICANT_ACTIONS,
  OFFICER_ACTIONS,
  type ApplicantAction,
  type OfficerAction,
} from '../domain/lifecycle.ts';
import { checkSameApplicant, type Callers } from '../domain/callers.ts';
import type { FactDisclosure } from '../fact-disclosure.ts';
import type { DossierView, OneStop } from '../one-stop.ts';
import {
  applicantCaller,
  ApplicantHeaders,
  clientOf,
  dossierReader,
  officerCaller,
  OfficerHeaders,
  ReaderHeaders,
} from './caller.ts';
import { requestIdOf } from './request-id.ts';
import {
  ACTION_BODIES,
  ApplicantSchema,
  DossierFactSchema,
  DossierSchema,
  PrefillSchema,
  SuppliedFactSchema,
} from './schemas.ts';

const errors = {
  401: ProblemRef,
  403: ProblemRef,
  409: ProblemRef,
  422: ProblemRef,
  503: ProblemRef,
  ...problemResponses,
};
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
const PORTAL =
  'Called by a citizen portal (ONE_STOP_PORTAL_CLIENTS) with its client certificate from the Motlan CA, for the ' +
  'applicant it names in X-Applicant-Id: without a certificate 401 MOTLAN_CLIENT_CERTIFICATE_REQUIRED, another ' +
  'client 403 MOTLAN_PORTAL_NOT_ALLOWED, a dossier of another applicant (or none) 403 MOTLAN_NOT_THE_APPLICANT; ' +
  'each changes nothing. ';
const VALUES =
  "Fact values are shown only for the types the access policy grants the caller for the procedure's code " +
  "(each such answer is a disclosure, audited and listed in the citizen's disclosures); the others are withheld.";
const LIFECYCLE =
  'received → in_processing → supplement_requested → in_processing → resolved | rejected; withdraw from any open state. ' +
  'Anything else is refused with MOTLAN_DOSSIER_TRANSITION_NOT_ALLOWED and changes nothing.';

/**
 * The applicant's routes (intake, reading, supplement, withdraw, rating), which a citizen portal
 * calls for the applicant it names, and the handling units' officer actions; every one needs a
 * client certificate, checked before the body is looked at. Dossier views and prefill answers
 * go through `disclosure`: fact values only where the policy grants them, each showing audited.
 */
export function registerDossierRoutes(
  app: HttpApp,
  oneStop: OneStop,
  callers: Callers,
  disclosure: FactDisclosure,
): void {
  app.addSchema(DossierFactSchema);
  app.addSchema(DossierSchema);

  // Checked before the body is parsed or validated: an unauthenticated caller gets 401, another
  // client 403, never a validation answer. Handlers resolve the caller again (cached per connection).
  const portalOnly = async (request: FastifyRequest) => callers.checkPortal(clientOf(request));
  const readerOnly = async (request: FastifyRequest) => callers.checkReader(clientOf(request));
  const officerOnly = async (request: FastifyRequest) => void officerCaller(request, callers);

  /** The view as this caller may see it: values of granted fact types only, audited. */
  const shown = async (view: DossierView, client: string, requestId: string) => ({
    ...view,
    facts: await disclosure.present(view.facts, {
      client,
      subject: view.applicantPersonalId,
      purpose: view.procedureCode,
      requestId,
    }),
  });

  app.post(
    '/v1/dossiers/prefill',
    {
      schema: {
        tags: ['dossiers'],
        summary: 'What the mesh already knows for this procedure (with provenance) and what is still missing',
        description:
          'Verifies the applicant against the national population database, reads every fact the procedure needs ' +
          "from the fact registry for the procedure's purpose, and answers what is prefilled and what to ask for. Changes nothing. " +
          PORTAL +
          VALUES,
        headers: ApplicantHeaders,
        body: Type.Object(
          { procedureCode: Type.String(), applicant: ApplicantSchema },
          { additionalProperties: false },
        ),
        response: { 200: PrefillSchema, ...errors },
      },
      onRequest: portalOnly,
    },
    async (request) => {
      const applicant = applicantCaller(request, callers);
      checkSameApplicant(applicant, request.body.applicant);
      const requestId = requestIdOf(request);
      const answer = await oneStop.prefill(request.body, requestId);
      return {
        procedureCode: answer.procedure.code,
        procedureName: answer.procedure.name,
        prefilled: await disclosure.present(answer.prefilled, {
          client: applicant.client,
          subject: applicant.personalId,
          purpose: answer.procedure.code,
          requestId,
        }),
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
          'Keys are scoped to the calling client and the applicant it acts for. Only a 201 is remembered: after an ' +
          'error, a retry runs the request again. ' +
          PORTAL +
          VALUES,
        headers: Type.Object({ ...ApplicantHeaders.properties, ...IdempotencyKeyHeaders.properties }),
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
      onRequest: portalOnly,
    },
    async (request, reply) => {
      const applicant = applicantCaller(request, callers);
      checkSameApplicant(applicant, request.body.applicant);
      const requestId = requestIdOf(request);
      const key = request.headers[IDEMPOTENCY_KEY_HEADER];
      const idempotency =
        typeof key === 'string' ? { scope: `${applicant.client}/${applicant.personalId}`, key } : undefined;
      const dossier = await oneStop.submit(request.body, requestId, idempotency);
      // A replayed answer is shown like a fresh one: withheld where not granted, and audited.
      return reply.status(201).send(await shown(dossier, applicant.client, requestId));
    },
  );

  app.get(
    '/v1/dossiers/:dossierId',
    {
      schema: {
        tags: ['dossiers'],
        summary: 'A dossier: status, clock, facts with provenance, history, allowed actions',
        description:
          "Read by a citizen portal for the dossier's applicant (X-Applicant-Id; another applicant's dossier, or none, " +
          "is 403 MOTLAN_NOT_THE_APPLICANT), or by a handling unit's system for its units' dossiers (ONE_STOP_OFFICER_CLIENTS; " +
          'another unit 403 MOTLAN_OFFICER_NOT_ALLOWED). Without a client certificate 401 MOTLAN_CLIENT_CERTIFICATE_REQUIRED; ' +
          'any other client 403 MOTLAN_DOSSIER_CALLER_NOT_ALLOWED. ' +
          VALUES,
        params: DossierParam,
        headers: ReaderHeaders,
        response: { 200: Type.Ref('Dossier'), ...errors },
      },
      onRequest: readerOnly,
    },
    async (request) => {
      const caller = dossierReader(request, callers);
      const requestId = requestIdOf(request);
      return shown(await oneStop.get(request.params.dossierId, caller), caller.client, requestId);
    },
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
            LIFECYCLE +
            ' ' +
            VALUES,
          params: DossierParam,
          headers: OfficerHeaders,
          body: ACTION_BODIES[action],
          response: { 200: Type.Ref('Dossier'), ...errors },
        },
        onRequest: officerOnly,
        config: { multilineText: ['reason'] },
      },
      async (request) => {
        const officer = officerCaller(request, callers);
        const requestId = requestIdOf(request);
        const dossier = await oneStop.act(
          request.params.dossierId,
          action,
          { ...request.body, actor: officer.actor, mayActFor: officer.mayActFor },
          requestId,
        );
        return shown(dossier, officer.client, requestId);
      },
    );
  }

  for (const action of APPLICANT_ACTIONS) {
    app.post(
      `/v1/dossiers/:dossierId/${action}`,
      {
        schema: {
          tags: ['dossiers'],
          summary: APPLICANT_SUMMARIES[action],
          description: `${PORTAL}The history records \`applicant\`. ${LIFECYCLE} ${VALUES}`,
          params: DossierParam,
          headers: ApplicantHeaders,
          body: ACTION_BODIES[action],
          response: { 200: Type.Ref('Dossier'), ...errors },
        },
        onRequest: portalOnly,
        config: { multilineText: ['reason'] },
      },
      async (request) => {
        const applicant = applicantCaller(request, callers);
        const requestId = requestIdOf(request);
        const dossier = await oneStop.act(
          request.params.dossierId,
          action,
          { ...(request.body ?? {}), applicant },
          requestId,
        );
        return shown(dossier, applicant.client, requestId);
      },
    );
  }

  app.post(
    '/v1/dossiers/:dossierId/rating',
    {
      schema: {
        tags: ['dossiers'],
        summary: "The applicant's satisfaction with a resolved dossier (1–5), once",
        description: PORTAL + VALUES,
        params: DossierParam,
        headers: ApplicantHeaders,
        body: Type.Object(
          {
            score: Type.Integer({ minimum: 1, maximum: 5 }),
            comment: Type.Optional(Type.String({ maxLength: 2000 })),
          },
          { additionalProperties: false },
        ),
        response: { 201: Type.Ref('Dossier'), ...errors },
      },
      onRequest: portalOnly,
      config: { multilineText: ['comment'] },
    },
    async (request, reply) => {
      const applicant = applicantCaller(request, callers);
      const requestId = requestIdOf(request);
      const dossier = await oneStop.rate(request.params.dossierId, request.body, requestId, applicant);
      return reply.status(201).send(await shown(dossier, applicant.client, requestId));
    },
  );
}
