import { httpClientIdentity, OFFICER_ID_HEADER } from '@motlan/access';
import { MotlanError } from '@motlan/errors';
import { Type, type FastifyRequest } from '@motlan/http';
import type { OfficerGrants } from '../domain/officer-grants.ts';
import { OneStopErrors } from '../errors.ts';

/**
 * The X-Officer-Id a handling unit's system may send to name which of its users acted: its own
 * staff identifier (no `/`, so the recorded actor splits back unambiguously; not a name).
 */
export const OfficerHeaders = Type.Object({
  [OFFICER_ID_HEADER]: Type.Optional(
    Type.String({
      pattern: '^[A-Za-z0-9._@-]{1,64}$',
      description:
        "The person acting, as the client system's own staff identifier (e.g. officer-17); recorded as <certificate name>/<this>",
    }),
  ),
});

/**
 * The officer taking an action: the name (CN) of the verified client certificate — 401 without
 * one, 403 when that client is not one of the handling units' systems — then `/` and the
 * X-Officer-Id its system sent, if any (e.g. `commune-officer/officer-17`); and the units that
 * client may act for.
 */
export function officerCaller(
  request: FastifyRequest,
  officers: OfficerGrants,
): { actor: string; mayActFor: (unitCode: string) => boolean } {
  const client = httpClientIdentity(request.raw.socket);
  if (!officers.isOfficer(client)) {
    throw new MotlanError(
      OneStopErrors.officerNotAllowed,
      `Client ${client} is not one of the handling units' systems (ONE_STOP_OFFICER_CLIENTS)`,
      { meta: { client } },
    );
  }
  const officer = request.headers[OFFICER_ID_HEADER];
  return {
    actor: typeof officer === 'string' && officer !== '' ? `${client}/${officer}` : client,
    mayActFor: (unitCode) => officers.mayActFor(client, unitCode),
  };
}

/**
 * Whose Idempotency-Keys these are: the name of a verified client certificate, else `anonymous`
 * (the portal's calls need none). Keys of different clients never meet.
 */
export function idempotencyScope(request: FastifyRequest): string {
  const socket = request.raw.socket as { authorized?: boolean };
  return socket.authorized === true ? httpClientIdentity(request.raw.socket) : 'anonymous';
}

/** Reports: any client of our CA (the figures name no citizen); 401 without a certificate. */
export function reportReader(request: FastifyRequest): string {
  return httpClientIdentity(request.raw.socket);
}
