import { defineErrors, GrpcCode } from '@motlan/errors';

/** Errors of starting and running the mesh's processes. Codes are never reused. */
export const MeshErrors = defineErrors({
  serviceNotReady: {
    code: 'MOTLAN_SERVICE_NOT_READY',
    title: 'A started service did not become ready in time',
    httpStatus: 503,
    grpcCode: GrpcCode.UNAVAILABLE,
    canRetry: true,
  },
  serviceExited: {
    code: 'MOTLAN_SERVICE_EXITED',
    title: 'A started service exited before it was ready',
    httpStatus: 503,
    grpcCode: GrpcCode.UNAVAILABLE,
    canRetry: true,
  },
  serviceSpawnFailed: {
    code: 'MOTLAN_SERVICE_SPAWN_FAILED',
    title: 'A service process could not be started',
    httpStatus: 500,
    grpcCode: GrpcCode.INTERNAL,
    canRetry: false,
  },
  unknownService: {
    code: 'MOTLAN_UNKNOWN_SERVICE',
    title: 'No service of the mesh has this name',
    httpStatus: 400,
    grpcCode: GrpcCode.INVALID_ARGUMENT,
    canRetry: false,
  },
  startOrderCycle: {
    code: 'MOTLAN_SERVICE_ORDER_CYCLE',
    title: 'The services depend on each other in a cycle',
    httpStatus: 500,
    grpcCode: GrpcCode.INTERNAL,
    canRetry: false,
  },
});
