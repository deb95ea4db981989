import { defineErrors, GrpcCode } from '@motlan/errors';

/**
 * The simulator's own error codes (problem+json). The upstream-style answers of the citizen API
 * (MaLoi KHONG_TIM_THAY, THONG_TIN_KHONG_KHOP, LOI_HE_THONG) are in definitions.ts.
 */
export const SimulatorErrors = defineErrors({
  unauthenticated: {
    code: 'NPDB_SIM_UNAUTHENTICATED',
    title: 'The request signature is missing, wrong or expired',
    httpStatus: 401,
    grpcCode: GrpcCode.UNAUTHENTICATED,
    canRetry: false,
  },
  notEmpty: {
    code: 'NPDB_SIM_SCHEMA_NOT_EMPTY',
    title: 'The population schema already holds citizens',
    httpStatus: 409,
    grpcCode: GrpcCode.FAILED_PRECONDITION,
    canRetry: false,
  },
  invalidFaults: {
    code: 'NPDB_SIM_INVALID_FAULTS',
    title: 'The fault settings are not consistent',
    httpStatus: 400,
    grpcCode: GrpcCode.INVALID_ARGUMENT,
    canRetry: false,
  },
  invalidApiKeys: {
    code: 'NPDB_SIM_INVALID_API_KEYS',
    title: 'NPDB_API_KEYS is not a list of keyId:secret pairs',
    httpStatus: 500,
    grpcCode: GrpcCode.INTERNAL,
    canRetry: false,
  },
  citizenNotFound: {
    code: 'NPDB_SIM_CITIZEN_NOT_FOUND',
    title: 'The simulator holds no citizen with this personal ID',
    httpStatus: 404,
    grpcCode: GrpcCode.NOT_FOUND,
    canRetry: false,
  },
  quirkOptionInvalid: {
    code: 'NPDB_SIM_QUIRK_OPTION_INVALID',
    title: 'The record quirk does not take this option, or not this value',
    httpStatus: 400,
    grpcCode: GrpcCode.INVALID_ARGUMENT,
    canRetry: false,
  },
  changeNotApplicable: {
    code: 'NPDB_SIM_CHANGE_NOT_APPLICABLE',
    title: 'This change cannot be made to this citizen as the record stands',
    httpStatus: 409,
    grpcCode: GrpcCode.FAILED_PRECONDITION,
    canRetry: false,
  },
});
