import { AdapterErrors } from '@motlan/adapter-kit';
import { CommonErrors, defineErrors, GrpcCode } from '@motlan/errors';

/** Codes this service adds to the kit's; never reused. */
export const MilitaryErrors = defineErrors({
  memberKeyRequired: {
    code: 'MOTLAN_SERVICE_MEMBER_KEY_REQUIRED',
    title: 'Exactly one of personalId and militaryCode names the person',
    httpStatus: 400,
    grpcCode: GrpcCode.INVALID_ARGUMENT,
    canRetry: false,
  },
  claimsMissing: {
    code: 'MOTLAN_SERVICE_MEMBER_CLAIMS_REQUIRED',
    title: 'At least one claimed attribute is required to verify a service member',
    httpStatus: 400,
    grpcCode: GrpcCode.INVALID_ARGUMENT,
    canRetry: false,
  },
});

export { AdapterErrors, CommonErrors };
