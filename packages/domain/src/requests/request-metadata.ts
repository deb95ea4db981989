/**
 * Every request metadata name Motlan reads or sends, in one place: the same name is the HTTP
 * header and the gRPC metadata key (lower case, as gRPC requires and as Node delivers HTTP
 * headers). It lives here, the lowest package, because @motlan/http, @motlan/grpc, @motlan/access
 * and the services all name them; the Kafka header names are in @motlan/kafka's definitions.ts.
 */
export const RequestMetadata = {
  /** The caller's request id, passed along every hop and recorded in the audit trail. */
  requestId: 'x-request-id',
  /** Retry safety for a creating call (IETF draft-ietf-httpapi-idempotency-key-header). */
  idempotencyKey: 'idempotency-key',
  /** The person acting through a client system, as that system names them (@motlan/access). */
  officerId: 'x-officer-id',
  /** The applicant a citizen portal acts for, by personal ID (@motlan/access). */
  applicantId: 'x-applicant-id',
  /** GovStack's `INSTANCE/CLASS/MEMBER/SUBSYSTEM` naming the calling information system. */
  mediatorClient: 'information-mediator-client',
  /** Motlan's GovStack extension: the procedure code the data is read for. */
  purpose: 'x-purpose',
  /** Motlan's GovStack extension: the fact types to read, comma-separated. */
  factTypes: 'x-fact-types',
} as const;
