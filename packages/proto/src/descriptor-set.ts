import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as protoLoader from '@grpc/proto-loader';
import protobuf from 'protobufjs';
import { PROTO_LOADER_OPTIONS } from './grpc-definitions.ts';

/** File name of the compiled set inside `src/generated/` (written by `pnpm proto:gen`). */
export const DESCRIPTOR_SET_FILE = 'descriptor-set.binpb';

/**
 * Every proto under protos/ compiled by `buf build` into one FileDescriptorSet: the real files
 * under their import paths, with their imports (google/protobuf/any.proto included), comments,
 * fully-qualified type names and the proto's own snake_case field names. Checked in and
 * drift-checked by `pnpm proto:check`.
 */
export const DESCRIPTOR_SET_PATH = fileURLToPath(
  new URL(`./generated/${DESCRIPTOR_SET_FILE}`, import.meta.url),
);

/**
 * The files of a FileDescriptorSet (`repeated FileDescriptorProto file = 1`), each as the exact
 * bytes the compiler wrote, dependencies before their dependants. Throws a protobufjs decoding
 * error when the bytes are not a FileDescriptorSet.
 */
export function fileDescriptorProtos(set: Uint8Array = readFileSync(DESCRIPTOR_SET_PATH)): Buffer[] {
  const files: Buffer[] = [];
  const reader = protobuf.Reader.create(set);
  while (reader.pos < reader.len) {
    const tag = reader.uint32();
    if (tag >>> 3 === 1 && (tag & 7) === 2) files.push(Buffer.from(reader.bytes()));
    else reader.skipType(tag & 7);
  }
  return files;
}

let cachedReflection: protoLoader.PackageDefinition | undefined;

/**
 * The descriptor set as a package definition for `@grpc/reflection`, which reads only each
 * entry's `fileDescriptorProtos`. proto-loader re-derives those from protobufjs's parsed tree,
 * which loses the import list (`dependency`), comments and map-entry names — grpcurl then cannot
 * resolve `motlan.adapter.v1.Freshness` or `motlan.common.v1.Fact` — so every entry carries the
 * compiler's own bytes instead. For reflection only: servers and clients keep
 * {@link packageDefinition} (camelCase JS objects). Parsed once; immutable.
 */
export function reflectionDefinition(): protoLoader.PackageDefinition {
  if (cachedReflection) return cachedReflection;
  const set = readFileSync(DESCRIPTOR_SET_PATH);
  const definition = protoLoader.loadFileDescriptorSetFromBuffer(set, PROTO_LOADER_OPTIONS);
  const files = fileDescriptorProtos(set);
  for (const entry of Object.values(definition)) {
    if ('fileDescriptorProtos' in entry) entry.fileDescriptorProtos = files;
  }
  cachedReflection = definition;
  return definition;
}
