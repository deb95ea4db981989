import { defineErrors, GrpcCode } from '@motlan/errors';

/**
 * The simulator's own error codes (problem+json). The upstream-style answers of its personnel
 * API (`Loi.Ma` HO_SO_KHONG_TON_TAI, HE_THONG_TAM_NGUNG) and the token endpoint's OAuth2 errors
 * are in definitions.ts.
 */
export const SimulatorErrors = defineErrors({
  unauthenticated: {
    code: 'MPDB_SIM_UNAUTHENTICATED',
    title: 'The bearer token is missing, unknown or expired',
    httpStatus: 401,
    grpcCode: GrpcCode.UNAUTHENTICATED,
    canRetry: false,
  },
  notEmpty: {
    code: 'MPDB_SIM_SCHEMA_NOT_EMPTY',
    title: 'The personnel schema already holds records',
    httpStatus: 409,
    grpcCode: GrpcCode.FAILED_PRECONDITION,
    canRetry: false,
  },
  populationMissing: {
    code: 'MPDB_SIM_POPULATION_MISSING',
    title: "The population simulator's schema holds no citizens to seed from",
    httpStatus: 503,
    grpcCode: GrpcCode.FAILED_PRECONDITION,
    canRetry: true,
  },
  invalidFaults: {
    code: 'MPDB_SIM_INVALID_FAULTS',
    title: 'The fault settings are not consistent',
    httpStatus: 400,
    grpcCode: GrpcCode.INVALID_ARGUMENT,
    canRetry: false,
  },
  invalidClients: {
    code: 'MPDB_SIM_INVALID_CLIENTS',
    title: 'MPDB_CLIENTS is not a list of clientId:clientSecret pairs',
    httpStatus: 500,
    grpcCode: GrpcCode.INTERNAL,
    canRetry: false,
  },
  recordNotFound: {
    code: 'MPDB_SIM_RECORD_NOT_FOUND',
    title: 'No well-formed record the record quirk applies to',
    httpStatus: 404,
    grpcCode: GrpcCode.NOT_FOUND,
    canRetry: false,
  },
  notificationUnusable: {
    code: 'MPDB_SIM_NOTIFICATION_UNUSABLE',
    title: 'A fact notification without an id or a cursor: it cannot be applied once nor resumed after',
    httpStatus: 502,
    grpcCode: GrpcCode.DATA_LOSS,
    canRetry: true,
  },
});
