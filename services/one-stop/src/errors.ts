import { defineErrors, GrpcCode } from '@motlan/errors';

/** The one-stop service's error codes; stable, never reused. */
export const OneStopErrors = defineErrors({
  unknownProcedure: {
    code: 'MOTLAN_UNKNOWN_PROCEDURE',
    title: 'No procedure with this code in the catalog',
    httpStatus: 404,
    grpcCode: GrpcCode.NOT_FOUND,
    canRetry: false,
  },
  dossierNotFound: {
    code: 'MOTLAN_DOSSIER_NOT_FOUND',
    title: 'No dossier with this id or code',
    httpStatus: 404,
    grpcCode: GrpcCode.NOT_FOUND,
    canRetry: false,
  },
  applicantNotVerified: {
    code: 'MOTLAN_APPLICANT_NOT_VERIFIED',
    title: 'The applicant does not match the national population database',
    httpStatus: 422,
    grpcCode: GrpcCode.FAILED_PRECONDITION,
    canRetry: false,
  },
  factHeldWithAuthority: {
    code: 'MOTLAN_FACT_HELD_WITH_AUTHORITY',
    title: 'This fact is already known from an authoritative source and cannot be supplied',
    httpStatus: 409,
    grpcCode: GrpcCode.FAILED_PRECONDITION,
    canRetry: false,
  },
  factNotRequired: {
    code: 'MOTLAN_FACT_NOT_REQUIRED',
    title: 'The procedure does not ask for this fact',
    httpStatus: 400,
    grpcCode: GrpcCode.INVALID_ARGUMENT,
    canRetry: false,
  },
  factsMissing: {
    code: 'MOTLAN_DOSSIER_FACTS_MISSING',
    title: 'Required facts are neither known nor supplied',
    httpStatus: 422,
    grpcCode: GrpcCode.FAILED_PRECONDITION,
    canRetry: false,
  },
  documentsMissing: {
    code: 'MOTLAN_DOSSIER_DOCUMENTS_MISSING',
    title: 'Required documents are missing',
    httpStatus: 422,
    grpcCode: GrpcCode.FAILED_PRECONDITION,
    canRetry: false,
  },
  transitionNotAllowed: {
    code: 'MOTLAN_DOSSIER_TRANSITION_NOT_ALLOWED',
    title: 'This action is not allowed in the dossier’s current state',
    httpStatus: 409,
    grpcCode: GrpcCode.FAILED_PRECONDITION,
    canRetry: false,
  },
  alreadyRated: {
    code: 'MOTLAN_DOSSIER_ALREADY_RATED',
    title: 'This dossier has already been rated',
    httpStatus: 409,
    grpcCode: GrpcCode.ALREADY_EXISTS,
    canRetry: false,
  },
  officerNotAllowed: {
    code: 'MOTLAN_OFFICER_NOT_ALLOWED',
    title: 'This client may not act on dossiers for a handling unit',
    httpStatus: 403,
    grpcCode: GrpcCode.PERMISSION_DENIED,
    canRetry: false,
  },
  concurrentChange: {
    code: 'MOTLAN_DOSSIER_CHANGED',
    title: 'The dossier changed since it was read; read it again',
    httpStatus: 409,
    grpcCode: GrpcCode.ABORTED,
    canRetry: true,
  },
  idempotencyKeyReused: {
    code: 'MOTLAN_IDEMPOTENCY_KEY_REUSED',
    title: 'This Idempotency-Key was used with another request',
    httpStatus: 422,
    grpcCode: GrpcCode.FAILED_PRECONDITION,
    canRetry: false,
  },
});
