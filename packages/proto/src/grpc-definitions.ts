import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { listProtoFiles, PROTO_DIR } from './proto-files.ts';

/**
 * proto-loader options shared by every server and client: plain JS values (no Long objects),
 * enums as their names, defaults present. The Kafka codecs convert with the same choices.
 */
export const PROTO_LOADER_OPTIONS: protoLoader.Options = {
  keepCase: false,
  longs: String,
  enums: String,
  defaults: true,
  oneofs: true,
  includeDirs: [PROTO_DIR],
};

let cachedDefinition: protoLoader.PackageDefinition | undefined;

/** All protos as one package definition (parsed once; immutable). Reflection serves it too. */
export function packageDefinition(): protoLoader.PackageDefinition {
  cachedDefinition ??= protoLoader.loadSync(listProtoFiles(), PROTO_LOADER_OPTIONS);
  return cachedDefinition;
}

export function grpcObject(): grpc.GrpcObject {
  return grpc.loadPackageDefinition(packageDefinition());
}

/** A service definition by its full name, e.g. `motlan.population.v1.PopulationService`. */
export function serviceDefinition(fullName: string): grpc.ServiceDefinition {
  const definition = packageDefinition()[fullName];
  if (!definition || !isServiceDefinition(definition)) {
    throw new TypeError(`No gRPC service named ${fullName} in protos/`);
  }
  return definition as grpc.ServiceDefinition;
}

/** The client constructor for a service, by its full name. */
export function serviceClientConstructor(fullName: string): grpc.ServiceClientConstructor {
  let node: unknown = grpcObject();
  for (const part of fullName.split('.')) node = (node as Record<string, unknown>)[part];
  if (typeof node !== 'function') throw new TypeError(`No gRPC service named ${fullName} in protos/`);
  return node as grpc.ServiceClientConstructor;
}

function isServiceDefinition(value: object): boolean {
  return !('format' in value) && Object.values(value).every((method) => 'path' in (method as object));
}
