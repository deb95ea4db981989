import { defineErrors, GrpcCode } from '@motlan/errors';

export const RegistryErrors = defineErrors({
  declarationNotAllowed: {
    code: 'MOTLAN_DECLARATION_NOT_ALLOWED',
    title: 'This client may not declare facts',
    httpStatus: 403,
    grpcCode: GrpcCode.PERMISSION_DENIED,
    canRetry: false,
  },
  discrepanciesNotAllowed: {
    code: 'MOTLAN_DISCREPANCIES_NOT_ALLOWED',
    title: 'Only a data owner (a source system) or an operator may list discrepancies and their reports',
    httpStatus: 403,
    grpcCode: GrpcCode.PERMISSION_DENIED,
    canRetry: false,
  },
  disclosureListNotAllowed: {
    code: 'MOTLAN_DISCLOSURE_LIST_NOT_ALLOWED',
    title: "This client may not list a citizen's disclosures",
    httpStatus: 403,
    grpcCode: GrpcCode.PERMISSION_DENIED,
    canRetry: false,
  },
  mediatorClientMismatch: {
    code: 'MOTLAN_MEDIATOR_CLIENT_MISMATCH',
    title: 'The Information-Mediator-Client header names another client than the certificate',
    httpStatus: 403,
    grpcCode: GrpcCode.PERMISSION_DENIED,
    canRetry: false,
  },
  subjectUnknown: {
    code: 'MOTLAN_SUBJECT_UNKNOWN',
    title: 'The population database has not vouched for this personal ID',
    httpStatus: 422,
    grpcCode: GrpcCode.NOT_FOUND,
    canRetry: false,
  },
  subscriptionNotAllowed: {
    code: 'MOTLAN_SUBSCRIPTION_NOT_ALLOWED',
    title: 'The access policy names no citizens this client may subscribe for',
    httpStatus: 403,
    grpcCode: GrpcCode.PERMISSION_DENIED,
    canRetry: false,
  },
  subscriptionNotFound: {
    code: 'MOTLAN_SUBSCRIPTION_NOT_FOUND',
    title: 'This client holds no such subscription',
    httpStatus: 404,
    grpcCode: GrpcCode.NOT_FOUND,
    canRetry: false,
  },
  subscriptionDeliveryUnavailable: {
    code: 'MOTLAN_SUBSCRIPTION_DELIVERY_UNAVAILABLE',
    title: 'No Kafka topic is provisioned for this client; subscribe with delivery grpc-stream',
    httpStatus: 422,
    grpcCode: GrpcCode.FAILED_PRECONDITION,
    canRetry: false,
  },
});
