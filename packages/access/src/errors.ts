import { defineErrors, GrpcCode } from '@motlan/errors';

export const AccessErrors = defineErrors({
  purposeNotAllowed: {
    code: 'MOTLAN_PURPOSE_NOT_ALLOWED',
    title: 'This client may not read these facts for this purpose',
    httpStatus: 403,
    grpcCode: GrpcCode.PERMISSION_DENIED,
    canRetry: false,
  },
  noClientCertificate: {
    code: 'MOTLAN_CLIENT_CERTIFICATE_REQUIRED',
    title: 'A valid client certificate is required',
    httpStatus: 401,
    grpcCode: GrpcCode.UNAUTHENTICATED,
    canRetry: false,
  },
  auditAnchorsUnreadable: {
    code: 'MOTLAN_AUDIT_ANCHORS_UNREADABLE',
    title: 'The audit anchors could not be read from Kafka',
    httpStatus: 503,
    grpcCode: GrpcCode.UNAVAILABLE,
    canRetry: true,
  },
  policyInvalid: {
    code: 'MOTLAN_POLICY_INVALID',
    title: 'The access policy file is not valid',
    httpStatus: 500,
    grpcCode: GrpcCode.INTERNAL,
    canRetry: false,
  },
});
