import * as grpc from '@grpc/grpc-js';
import { CommonErrors, GrpcCode, isMotlanError, MotlanError, type ErrorDefinition } from '@motlan/errors';
import { decodeRichStatus, encodeRichStatus, STATUS_DETAILS_KEY } from '@motlan/proto';

/** Also sent as plain metadata so a client without the rich model can still branch on it. */
export const ERROR_CODE_KEY = 'motlan-error-code';

/** A thrown error as a gRPC status: code, message and the stable code in the details. */
export function toServiceError(error: unknown): Partial<grpc.StatusObject> {
  const motlan = isMotlanError(error)
    ? error
    : new MotlanError(CommonErrors.internal, 'An unexpected error occurred', { cause: error });
  const metadata = new grpc.Metadata();
  metadata.set(ERROR_CODE_KEY, motlan.code);
  metadata.set(
    STATUS_DETAILS_KEY,
    encodeRichStatus(motlan.grpcCode, motlan.message, {
      code: motlan.code,
      field: motlan.field ?? '',
      canRetry: motlan.canRetry,
    }),
  );
  return { code: motlan.grpcCode as number as grpc.status, details: motlan.message, metadata };
}

const BY_GRPC_CODE: Partial<Record<number, ErrorDefinition>> = {
  [GrpcCode.INVALID_ARGUMENT]: CommonErrors.validation,
  [GrpcCode.NOT_FOUND]: CommonErrors.notFound,
  [GrpcCode.PERMISSION_DENIED]: CommonErrors.permissionDenied,
  [GrpcCode.UNAUTHENTICATED]: CommonErrors.unauthenticated,
  [GrpcCode.FAILED_PRECONDITION]: CommonErrors.conflict,
  [GrpcCode.DEADLINE_EXCEEDED]: CommonErrors.deadlineExceeded,
  [GrpcCode.UNAVAILABLE]: CommonErrors.unavailable,
};

/** A client-side gRPC failure back as the MotlanError the server raised (or the closest kind). */
export function fromServiceError(error: grpc.ServiceError): MotlanError {
  const details = error.metadata?.get(STATUS_DETAILS_KEY)[0];
  const detail = details instanceof Buffer ? safeDecode(details) : undefined;
  const base = BY_GRPC_CODE[error.code] ?? CommonErrors.internal;
  const definition: ErrorDefinition = detail
    ? { ...base, code: detail.code, grpcCode: error.code as GrpcCode, canRetry: detail.canRetry }
    : base;
  return new MotlanError(definition, error.details || error.message, {
    field: detail?.field || undefined,
    cause: error,
  });
}

function safeDecode(bytes: Buffer) {
  try {
    return decodeRichStatus(bytes);
  } catch {
    return undefined;
  }
}
