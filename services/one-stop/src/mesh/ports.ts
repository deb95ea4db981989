import type { KnownFact } from '../domain/prefill.ts';

export interface VerifyRequest {
  personalId: string;
  fullName: string;
  dateOfBirth: string;
  /** The procedure code. */
  purpose: string;
  requestId: string;
}

export interface VerifyAnswer {
  verified: boolean;
  citizenFound: boolean;
  /** Claimed attributes that did not match ("full_name", "date_of_birth"). */
  mismatched: string[];
  vitalStatus: string;
}

/** The population adapter, as the one-stop shop uses it. */
export interface ApplicantVerifier {
  verify(request: VerifyRequest): Promise<VerifyAnswer>;
}

/**
 * The fact registry, as the one-stop shop uses it: for reading. What applicants type in reaches it
 * through citizen.facts.v1 (the outbox), never by a call that could outlive the dossier.
 */
export interface FactStore {
  /** Current facts of these types, read for the procedure (`purpose`). */
  getFacts(
    personalId: string,
    types: readonly string[],
    purpose: string,
    requestId: string,
  ): Promise<KnownFact[]>;
}
