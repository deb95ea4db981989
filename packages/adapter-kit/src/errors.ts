import { defineErrors, GrpcCode } from '@motlan/errors';

export const AdapterErrors = defineErrors({
  citizenNotFound: {
    code: 'MOTLAN_SUBJECT_NOT_FOUND',
    title: 'The source has no record for this personal ID',
    httpStatus: 404,
    grpcCode: GrpcCode.NOT_FOUND,
    canRetry: false,
  },
  factTypeNotProvided: {
    code: 'MOTLAN_FACT_TYPE_NOT_PROVIDED',
    title: 'This source does not provide the requested fact type',
    httpStatus: 400,
    grpcCode: GrpcCode.INVALID_ARGUMENT,
    canRetry: false,
  },
  purposeMissing: {
    code: 'MOTLAN_PURPOSE_REQUIRED',
    title: 'A purpose (procedure code) is required',
    httpStatus: 400,
    grpcCode: GrpcCode.INVALID_ARGUMENT,
    canRetry: false,
  },
  upstreamUnavailable: {
    code: 'MOTLAN_UPSTREAM_UNAVAILABLE',
    title: 'The upstream system is unavailable and nothing is known about this subject',
    httpStatus: 503,
    grpcCode: GrpcCode.UNAVAILABLE,
    canRetry: true,
  },
  upstreamRejected: {
    code: 'MOTLAN_UPSTREAM_REJECTED',
    title: 'The upstream system rejected the request',
    httpStatus: 502,
    grpcCode: GrpcCode.INTERNAL,
    canRetry: false,
  },
  operatorRequired: {
    code: 'MOTLAN_OPERATOR_REQUIRED',
    title: 'Only an operator client (policy: mayOperate) may do this',
    httpStatus: 403,
    grpcCode: GrpcCode.PERMISSION_DENIED,
    canRetry: false,
  },
  recordUnmappable: {
    code: 'MOTLAN_UPSTREAM_RECORD_UNMAPPABLE',
    title: "The upstream's record for this subject cannot be mapped to facts; it is quarantined",
    httpStatus: 502,
    grpcCode: GrpcCode.INTERNAL,
    canRetry: false,
  },
});
