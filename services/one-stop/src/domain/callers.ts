import { validatePersonalId } from '@motlan/domain';
import { CommonErrors, MotlanError } from '@motlan/errors';
import { OneStopErrors } from '../errors.ts';
import type { OfficerGrants } from './officer-grants.ts';

/**
 * Whom a citizen portal acts for. Resolved in one place from the request (`Callers.applicant`):
 * today from the portal's client certificate and the applicant's personal ID it names
 * (X-Applicant-Id); later from a verified citizen token (e-ID), when `assertedBy` says so and the
 * rest of the service does not change.
 */
export interface ApplicantContext {
  role: 'applicant';
  /** The client system acting, by certificate name (e.g. `citizen-portal`): the audit's client. */
  client: string;
  /** The applicant's 12-digit personal ID; only that applicant's dossiers may be read or acted on. */
  personalId: string;
  /** Who vouches that the applicant is at the other end: today the portal itself. */
  assertedBy: 'client';
}

/** A handling unit's system, as ONE_STOP_OFFICER_CLIENTS names it, and who of its staff acts. */
export interface OfficerContext {
  role: 'officer';
  client: string;
  /** `<certificate name>` or `<certificate name>/<X-Officer-Id>`: recorded in the history. */
  actor: string;
  mayActFor: (unitCode: string) => boolean;
}

/** Who may read a dossier: the applicant through a portal, or an officer of its handling unit. */
export type DossierCaller = ApplicantContext | OfficerContext;

/**
 * The one-stop's callers by role, from the client certificate's name: the citizen portals
 * (ONE_STOP_PORTAL_CLIENTS) act for applicants; the handling units' systems
 * (ONE_STOP_OFFICER_CLIENTS) act for their units. Any other client of our CA has no dossier route.
 */
export class Callers {
  private readonly portals: ReadonlySet<string>;

  constructor(
    readonly officers: OfficerGrants,
    portals: readonly string[],
  ) {
    this.portals = new Set(portals);
  }

  isPortal(client: string): boolean {
    return this.portals.has(client);
  }

  /** 403 MOTLAN_PORTAL_NOT_ALLOWED unless `client` is a citizen portal. */
  checkPortal(client: string): void {
    if (!this.isPortal(client)) {
      throw new MotlanError(
        OneStopErrors.portalNotAllowed,
        `Client ${client} is not a citizen portal (ONE_STOP_PORTAL_CLIENTS)`,
        { meta: { client } },
      );
    }
  }

  /** 403 MOTLAN_DOSSIER_CALLER_NOT_ALLOWED unless `client` is a portal or a handling unit's system. */
  checkReader(client: string): void {
    if (!this.isPortal(client) && !this.officers.isOfficer(client)) {
      throw new MotlanError(
        OneStopErrors.callerNotAllowed,
        `Client ${client} is neither a citizen portal (ONE_STOP_PORTAL_CLIENTS) nor a handling unit's system (ONE_STOP_OFFICER_CLIENTS)`,
        { meta: { client } },
      );
    }
  }

  /**
   * The applicant a portal acts for: `applicantId` as the portal named it (`field` names where,
   * for the 400 when it is absent or not a valid personal ID).
   */
  applicant(client: string, applicantId: string | undefined, field: string): ApplicantContext {
    this.checkPortal(client);
    if (applicantId === undefined || applicantId === '') {
      throw new MotlanError(
        CommonErrors.validation,
        `A citizen portal names the applicant it acts for in ${field}`,
        { field },
      );
    }
    validatePersonalId(applicantId, {}, field);
    return { role: 'applicant', client, personalId: applicantId, assertedBy: 'client' };
  }

  /** A handling unit's system; 403 MOTLAN_OFFICER_NOT_ALLOWED for any other client. */
  officer(client: string, officerId: string | undefined): OfficerContext {
    if (!this.officers.isOfficer(client)) {
      throw new MotlanError(
        OneStopErrors.officerNotAllowed,
        `Client ${client} is not one of the handling units' systems (ONE_STOP_OFFICER_CLIENTS)`,
        { meta: { client } },
      );
    }
    return {
      role: 'officer',
      client,
      actor: officerId ? `${client}/${officerId}` : client,
      mayActFor: (unitCode) => this.officers.mayActFor(client, unitCode),
    };
  }

  /** A dossier's reader: a portal (then `applicantId` is required) or an officer. */
  reader(
    client: string,
    ids: { applicantId: string | undefined; officerId: string | undefined },
    applicantField: string,
  ): DossierCaller {
    this.checkReader(client);
    return this.isPortal(client)
      ? this.applicant(client, ids.applicantId, applicantField)
      : this.officer(client, ids.officerId);
  }
}

/**
 * The applicant a request body names must be the one the portal acts for: 403
 * MOTLAN_NOT_THE_APPLICANT otherwise (a portal never files for someone it does not act for). A
 * personal ID that is not valid is answered first, as the 400 naming `applicant.personalId` it is.
 */
export function checkSameApplicant(
  context: ApplicantContext,
  applicant: { personalId: string; dateOfBirth: string },
): void {
  validatePersonalId(applicant.personalId, { dateOfBirth: applicant.dateOfBirth }, 'applicant.personalId');
  if (context.personalId !== applicant.personalId) {
    throw new MotlanError(
      OneStopErrors.notTheApplicant,
      'The portal acts for another applicant than the one applicant.personalId names',
      { field: 'applicant.personalId' },
    );
  }
}
