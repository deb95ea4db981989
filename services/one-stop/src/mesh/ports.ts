import type { KnownFact, SuppliedFact } from '../domain/prefill.ts';

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

/** The fact registry, as the one-stop shop uses it. */
export interface FactStore {
  /** Current facts of these types, read for the procedure (`purpose`). */
  getFacts(
    personalId: string,
    types: readonly string[],
    purpose: string,
    requestId: string,
  ): Promise<KnownFact[]>;
  /** Declares facts the applicant supplied in a dossier; resolves with their fact ids. */
  declare(
    personalId: string,
    dossierId: string,
    facts: readonly SuppliedFact[],
    purpose: string,
    requestId: string,
  ): Promise<string[]>;
}
