import protobuf from 'protobufjs';
import { join } from 'node:path';
import { listProtoFiles, PROTO_DIR } from './proto-files.ts';

/** Binary protobuf encoding of one message type, as used for Kafka payloads. */
export interface MessageCodec<T> {
  readonly fullName: string;
  encode(value: T): Buffer;
  /** Throws a TypeError when the bytes are not this message. */
  decode(bytes: Uint8Array): T;
}

const CONVERSION: protobuf.IConversionOptions = {
  longs: String,
  enums: String,
  defaults: true,
  oneofs: true,
};

let cachedRoot: protobuf.Root | undefined;

function root(): protobuf.Root {
  if (!cachedRoot) {
    const loaded = new protobuf.Root();
    loaded.resolvePath = (_origin, target) => (target.startsWith('/') ? target : join(PROTO_DIR, target));
    loaded.loadSync(listProtoFiles(), { keepCase: false });
    loaded.resolveAll();
    cachedRoot = loaded;
  }
  return cachedRoot;
}

export function messageCodec<T extends object>(fullName: string): MessageCodec<T> {
  const type = root().lookupType(fullName);
  return {
    fullName,
    encode(value: T): Buffer {
      // fromObject accepts enum names (as proto-loader hands them out); verify checks the result.
      const message = type.fromObject(value);
      const problem = type.verify(message);
      if (problem) throw new TypeError(`Not a valid ${fullName}: ${problem}`);
      return Buffer.from(type.encode(message).finish());
    },
    decode(bytes: Uint8Array): T {
      return type.toObject(type.decode(bytes), CONVERSION) as T;
    },
  };
}

/** Whether a message type of this full name exists in protos/. */
export function hasMessageType(fullName: string): boolean {
  try {
    root().lookupType(fullName);
    return true;
  } catch {
    return false;
  }
}
