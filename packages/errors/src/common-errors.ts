import { defineErrors, GrpcCode } from './motlan-error.ts';

/**
 * Errors every service can raise. Service-specific codes live in each service's `errors.ts`;
 * codes are never reused for a different meaning.
 */
export const CommonErrors = defineErrors({
  validation: {
    code: 'MOTLAN_VALIDATION_FAILED',
    title: 'The request is not valid',
    httpStatus: 400,
    grpcCode: GrpcCode.INVALID_ARGUMENT,
    canRetry: false,
  },
  notFound: {
    code: 'MOTLAN_NOT_FOUND',
    title: 'Not found',
    httpStatus: 404,
    grpcCode: GrpcCode.NOT_FOUND,
    canRetry: false,
  },
  permissionDenied: {
    code: 'MOTLAN_PERMISSION_DENIED',
    title: 'Not allowed for this client and purpose',
    httpStatus: 403,
    grpcCode: GrpcCode.PERMISSION_DENIED,
    canRetry: false,
  },
  unauthenticated: {
    code: 'MOTLAN_UNAUTHENTICATED',
    title: 'The caller could not be identified',
    httpStatus: 401,
    grpcCode: GrpcCode.UNAUTHENTICATED,
    canRetry: false,
  },
  conflict: {
    code: 'MOTLAN_CONFLICT',
    title: 'The request conflicts with the current state',
    httpStatus: 409,
    grpcCode: GrpcCode.FAILED_PRECONDITION,
    canRetry: false,
  },
  unavailable: {
    code: 'MOTLAN_UNAVAILABLE',
    title: 'A dependency is unavailable',
    httpStatus: 503,
    grpcCode: GrpcCode.UNAVAILABLE,
    canRetry: true,
  },
  deadlineExceeded: {
    code: 'MOTLAN_DEADLINE_EXCEEDED',
    title: 'The deadline passed before an answer came',
    httpStatus: 504,
    grpcCode: GrpcCode.DEADLINE_EXCEEDED,
    canRetry: true,
  },
  internal: {
    code: 'MOTLAN_INTERNAL',
    title: 'Internal error',
    httpStatus: 500,
    grpcCode: GrpcCode.INTERNAL,
    canRetry: false,
  },
  config: {
    code: 'MOTLAN_CONFIG_INVALID',
    title: 'The configuration is not valid',
    httpStatus: 500,
    grpcCode: GrpcCode.INTERNAL,
    canRetry: false,
  },
  undecodable: {
    code: 'MOTLAN_MESSAGE_UNDECODABLE',
    title: 'The message could not be decoded',
    httpStatus: 400,
    grpcCode: GrpcCode.INVALID_ARGUMENT,
    canRetry: false,
  },
  methodNotAllowed: {
    code: 'MOTLAN_METHOD_NOT_ALLOWED',
    title: 'The resource does not take this method',
    httpStatus: 405,
    grpcCode: GrpcCode.UNIMPLEMENTED,
    canRetry: false,
  },
  uriTooLong: {
    code: 'MOTLAN_URI_TOO_LONG',
    title: 'A path segment is longer than any resource name',
    httpStatus: 414,
    grpcCode: GrpcCode.INVALID_ARGUMENT,
    canRetry: false,
  },
  headersTooLarge: {
    code: 'MOTLAN_HEADERS_TOO_LARGE',
    title: 'The request headers are larger than the server reads',
    httpStatus: 431,
    grpcCode: GrpcCode.INVALID_ARGUMENT,
    canRetry: false,
  },
  malformedRequest: {
    code: 'MOTLAN_MALFORMED_REQUEST',
    title: 'The request is not valid HTTP',
    httpStatus: 400,
    grpcCode: GrpcCode.INVALID_ARGUMENT,
    canRetry: false,
  },
  requestTimeout: {
    code: 'MOTLAN_REQUEST_TIMEOUT',
    title: 'The request did not arrive in time',
    httpStatus: 408,
    grpcCode: GrpcCode.DEADLINE_EXCEEDED,
    canRetry: true,
  },
  shuttingDown: {
    code: 'MOTLAN_SHUTTING_DOWN',
    title: 'The service is shutting down; send the request again, it reaches another instance',
    httpStatus: 503,
    grpcCode: GrpcCode.UNAVAILABLE,
    canRetry: true,
  },
  notReady: {
    code: 'MOTLAN_NOT_READY',
    title: 'A dependency of the service is not ready',
    httpStatus: 503,
    grpcCode: GrpcCode.UNAVAILABLE,
    canRetry: true,
  },
});
