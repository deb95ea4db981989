import { GrpcCode, type ErrorDefinition } from '@motlan/errors';

/** A simulator's own code for a refused fault update, as the tests' stand-in simulator has it. */
export const INVALID_FAULTS: ErrorDefinition = {
  code: 'TEST_SIM_INVALID_FAULTS',
  title: 'The fault settings are inconsistent',
  httpStatus: 400,
  grpcCode: GrpcCode.INVALID_ARGUMENT,
  canRetry: false,
};
