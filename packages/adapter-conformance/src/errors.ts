import { defineErrors, GrpcCode } from '@motlan/errors';

/** Why a conformance run could not start (a failed check is a report, not an error). */
export const ConformanceErrors = defineErrors({
  adapterUnknown: {
    code: 'MOTLAN_CONFORMANCE_ADAPTER_UNKNOWN',
    title: 'No adapter folder with a conformance descriptor (conformance.ts) at the given name or path',
    httpStatus: 400,
    grpcCode: GrpcCode.INVALID_ARGUMENT,
    canRetry: false,
  },
  descriptorInvalid: {
    code: 'MOTLAN_CONFORMANCE_DESCRIPTOR_INVALID',
    title: "The adapter's conformance descriptor is missing a field or names something that does not exist",
    httpStatus: 400,
    grpcCode: GrpcCode.INVALID_ARGUMENT,
    canRetry: false,
  },
  simulatorRefused: {
    code: 'MOTLAN_CONFORMANCE_SIMULATOR_REFUSED',
    title:
      "A simulator's admin API refused what the suite or the descriptor asked of it (faults, changes, a bad record)",
    httpStatus: 502,
    grpcCode: GrpcCode.INTERNAL,
    canRetry: false,
  },
  fileInvalid: {
    code: 'MOTLAN_CONFORMANCE_FILE_INVALID',
    title: 'A golden facts file or a released contract snapshot is not valid JSON of the expected shape',
    httpStatus: 400,
    grpcCode: GrpcCode.INVALID_ARGUMENT,
    canRetry: false,
  },
});
