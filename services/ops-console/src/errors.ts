import { defineErrors, GrpcCode } from '@motlan/errors';

/** Why the operators' console refused a request. */
export const ConsoleErrors = defineErrors({
  signInRequired: {
    code: 'MOTLAN_CONSOLE_SIGN_IN_REQUIRED',
    title: 'Sign in first: an operator session cookie, or an operator certificate of our CA',
    httpStatus: 401,
    grpcCode: GrpcCode.UNAUTHENTICATED,
    canRetry: false,
  },
  tokenRefused: {
    code: 'MOTLAN_CONSOLE_TOKEN_REFUSED',
    title: 'The operator token is not one of OPS_CONSOLE_OPERATOR_TOKENS',
    httpStatus: 401,
    grpcCode: GrpcCode.UNAUTHENTICATED,
    canRetry: false,
  },
  certificateRefused: {
    code: 'MOTLAN_CONSOLE_CERTIFICATE_REFUSED',
    title: 'The client certificate is not an operator certificate of our CA',
    httpStatus: 401,
    grpcCode: GrpcCode.UNAUTHENTICATED,
    canRetry: false,
  },
  crossOrigin: {
    code: 'MOTLAN_CONSOLE_CROSS_ORIGIN',
    title: "A state-changing request must carry the console's own Origin (CSRF)",
    httpStatus: 403,
    grpcCode: GrpcCode.PERMISSION_DENIED,
    canRetry: false,
  },
  upstreamFailed: {
    code: 'MOTLAN_CONSOLE_UPSTREAM_FAILED',
    title: 'A service the console reads from did not answer as expected',
    httpStatus: 502,
    grpcCode: GrpcCode.UNAVAILABLE,
    canRetry: true,
  },
});
