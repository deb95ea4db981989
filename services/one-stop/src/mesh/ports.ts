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

  /**
   * One version of a fact of this type from its history (GetHistory, read for `purpose`), by id:
   * e.g. the value a notified change superseded. Undefined when the history has no such version.
   */
  factVersion(
    personalId: string,
    type: string,
    factId: string,
    purpose: string,
    requestId: string,
  ): Promise<KnownFact | undefined>;
}

/** A subscription at the fact registry, as one-stop reads it. */
export interface SubscriptionInfo {
  id: string;
  purpose: string;
  factTypes: string[];
  /** `DELIVERY_KAFKA` or `DELIVERY_GRPC_STREAM`. */
  delivery: string;
  /** The Kafka topic its notifications go to (prefixed), for Kafka delivery. */
  topic: string;
}

/** The fact registry's FactSubscriptions, as one-stop uses it (its own subscriptions only). */
export interface Subscriptions {
  list(): Promise<SubscriptionInfo[]>;
  /** Subscribes one-stop; notifications go to its own Kafka topic. */
  createKafka(purpose: string, factTypes: readonly string[]): Promise<SubscriptionInfo>;
}
