import { defineErrors, GrpcCode } from '@motlan/errors';

/** The service runtime's own errors: a shutdown that overran its budget or failed, a start after a stop, a schema behind its migrations. */
export const RuntimeErrors = defineErrors({
  drainTimeout: {
    code: 'MOTLAN_RUNTIME_DRAIN_TIMEOUT',
    title: 'A shutdown step did not finish within the drain budget',
    httpStatus: 503,
    grpcCode: GrpcCode.UNAVAILABLE,
    canRetry: false,
  },
  stopFailed: {
    code: 'MOTLAN_RUNTIME_STOP_FAILED',
    title: 'The service did not shut down cleanly',
    httpStatus: 500,
    grpcCode: GrpcCode.INTERNAL,
    canRetry: false,
  },
  schemaBehind: {
    code: 'MOTLAN_RUNTIME_SCHEMA_BEHIND',
    title: 'The service schema lacks migrations and DATABASE_MIGRATIONS=verify forbids applying them',
    httpStatus: 503,
    grpcCode: GrpcCode.FAILED_PRECONDITION,
    canRetry: false,
  },
  stopped: {
    code: 'MOTLAN_RUNTIME_STOPPED',
    title: 'The service has stopped and does not start again',
    httpStatus: 503,
    grpcCode: GrpcCode.FAILED_PRECONDITION,
    canRetry: false,
  },
});
