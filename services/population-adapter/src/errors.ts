import { AdapterErrors } from '@motlan/adapter-kit';
import { CommonErrors, defineErrors, GrpcCode } from '@motlan/errors';

/** Codes this service adds to the kit's; never reused. */
export const PopulationErrors = defineErrors({
  claimsMissing: {
    code: 'MOTLAN_CLAIMS_REQUIRED',
    title: 'At least one claimed attribute is required to verify',
    httpStatus: 400,
    grpcCode: GrpcCode.INVALID_ARGUMENT,
    canRetry: false,
  },
});

export { AdapterErrors, CommonErrors };
