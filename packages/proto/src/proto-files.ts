import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join, relative } from 'node:path';

/** The one schema source for gRPC services and Kafka payloads. */
export const PROTO_DIR = fileURLToPath(new URL('../../../protos/', import.meta.url));

/** Every .proto under protos/, relative to PROTO_DIR, in a stable order. */
export function listProtoFiles(dir: string = PROTO_DIR): string[] {
  const files: string[] = [];
  const walk = (folder: string): void => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.proto')) files.push(relative(dir, path));
    }
  };
  walk(dir);
  return files.sort();
}
