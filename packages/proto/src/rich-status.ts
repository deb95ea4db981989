import { messageCodec } from './message-codec.ts';

/**
 * The gRPC rich error model: a google.rpc.Status carrying our ErrorDetail, sent in the
 * `grpc-status-details-bin` trailer so grpcurl, buf curl and our clients all see the stable code.
 */
export const STATUS_DETAILS_KEY = 'grpc-status-details-bin';
const ERROR_DETAIL = 'motlan.common.v1.ErrorDetail';
const TYPE_URL = `type.googleapis.com/${ERROR_DETAIL}`;

export interface ErrorDetailValue {
  code: string;
  field: string;
  canRetry: boolean;
}

/** protobufjs's built-in google.protobuf.Any keeps its proto field name, `type_url`. */
interface StatusValue {
  code: number;
  message: string;
  details: { type_url: string; value: Uint8Array }[];
}

export function encodeRichStatus(code: number, message: string, detail: ErrorDetailValue): Buffer {
  const value = messageCodec<ErrorDetailValue>(ERROR_DETAIL).encode(detail);
  return messageCodec<StatusValue>('google.rpc.Status').encode({
    code,
    message,
    details: [{ type_url: TYPE_URL, value }],
  });
}

export function decodeRichStatus(bytes: Uint8Array): ErrorDetailValue | undefined {
  const status = messageCodec<StatusValue>('google.rpc.Status').decode(bytes);
  const any = status.details.find((detail) => detail.type_url === TYPE_URL);
  return any ? messageCodec<ErrorDetailValue>(ERROR_DETAIL).decode(any.value) : undefined;
}
