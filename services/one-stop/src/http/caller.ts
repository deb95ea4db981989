import { APPLICANT_ID_HEADER, httpClientIdentity, OFFICER_ID_HEADER } from '@motlan/access';
import { Type, type FastifyRequest } from '@motlan/http';
import type { ApplicantContext, Callers, DossierCaller, OfficerContext } from '../domain/callers.ts';

const OfficerIdHeader = Type.String({
  pattern: '^[A-Za-z0-9._@-]{1,64}$',
  description:
    "The person acting, as the client system's own staff identifier (e.g. officer-17); recorded as <certificate name>/<this>",
});

const ApplicantIdHeader = Type.String({
  pattern: '^[0-9]{12}$',
  description:
    "A citizen portal's call: the personal ID of the applicant it acts for. Only that applicant's dossiers can be " +
    'read or acted on, and a body naming an applicant must name this one (else 403 MOTLAN_NOT_THE_APPLICANT).',
  examples: ['001099012345'],
});

/**
 * The X-Officer-Id a handling unit's system may send to name which of its users acted: its own
 * staff identifier (no `/`, so the recorded actor splits back unambiguously; not a name).
 */
export const OfficerHeaders = Type.Object({ [OFFICER_ID_HEADER]: Type.Optional(OfficerIdHeader) });

/** The applicant's routes: the portal names whom it acts for. */
export const ApplicantHeaders = Type.Object({ [APPLICANT_ID_HEADER]: ApplicantIdHeader });

/** Reading a dossier: a portal names its applicant, an officer's system may name its user. */
export const ReaderHeaders = Type.Object({
  [APPLICANT_ID_HEADER]: Type.Optional(ApplicantIdHeader),
  [OFFICER_ID_HEADER]: Type.Optional(OfficerIdHeader),
});

const header = (request: FastifyRequest, name: string): string | undefined => {
  const value = request.headers[name];
  return typeof value === 'string' ? value : undefined;
};

/** The verified client certificate's name; 401 MOTLAN_CLIENT_CERTIFICATE_REQUIRED without one. */
export function clientOf(request: FastifyRequest): string {
  return httpClientIdentity(request.raw.socket);
}

/**
 * The applicant a request acts for — the one place it is resolved: a citizen portal's client
 * certificate (401 without one, 403 MOTLAN_PORTAL_NOT_ALLOWED for another client) and the
 * X-Applicant-Id it sends (400 naming the header when absent or not a valid personal ID). A
 * verified citizen token (e-ID) will be read here too, and the routes will not change.
 */
export function applicantCaller(request: FastifyRequest, callers: Callers): ApplicantContext {
  return callers.applicant(
    clientOf(request),
    header(request, APPLICANT_ID_HEADER),
    `headers.${APPLICANT_ID_HEADER}`,
  );
}

/**
 * The officer taking an action: the name (CN) of the verified client certificate — 401 without
 * one, 403 when that client is not one of the handling units' systems — then `/` and the
 * X-Officer-Id its system sent, if any (e.g. `commune-officer/officer-17`); and the units that
 * client may act for.
 */
export function officerCaller(request: FastifyRequest, callers: Callers): OfficerContext {
  return callers.officer(clientOf(request), header(request, OFFICER_ID_HEADER));
}

/** Who reads a dossier: a portal for its applicant, or a handling unit's system; 401 / 403 else. */
export function dossierReader(request: FastifyRequest, callers: Callers): DossierCaller {
  return callers.reader(
    clientOf(request),
    { applicantId: header(request, APPLICANT_ID_HEADER), officerId: header(request, OFFICER_ID_HEADER) },
    `headers.${APPLICANT_ID_HEADER}`,
  );
}

/** Reports: any client of our CA (the figures name no citizen); 401 without a certificate. */
export function reportReader(request: FastifyRequest): string {
  return clientOf(request);
}
