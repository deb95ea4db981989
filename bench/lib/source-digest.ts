/**
 * Which code a result measured: a digest of the sources of the service under test and the
 * packages it runs on, plus the newest modification time among them. The code under test changes
 * between runs; two results are comparable only when their digests match.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { REPO_ROOT } from '@motlan/mesh';

export interface SourceDigest {
  /** sha256 (first 12 hex digits) over every file's path and content, in path order. */
  digest: string;
  files: number;
  /** The most recently modified file and when. */
  newest: { file: string; modifiedAt: string };
  roots: string[];
}

function filesUnder(dir: string): string[] {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries.flatMap((entry) => {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) return [];
    const path = join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(path) : [path];
  });
}

/** `roots`: folders relative to the repository root, e.g. `services/fact-registry/src`. */
export function sourceDigest(roots: string[]): SourceDigest {
  const files = roots.flatMap((root) => filesUnder(join(REPO_ROOT, root))).sort();
  const hash = createHash('sha256');
  let newest = { file: '', mtimeMs: 0 };
  for (const file of files) {
    const name = relative(REPO_ROOT, file);
    hash.update(name).update('\0').update(readFileSync(file)).update('\0');
    const { mtimeMs } = statSync(file);
    if (mtimeMs > newest.mtimeMs) newest = { file: name, mtimeMs };
  }
  return {
    digest: hash.digest('hex').slice(0, 12),
    files: files.length,
    newest: { file: newest.file, modifiedAt: new Date(newest.mtimeMs).toISOString() },
    roots,
  };
}

/** The fact registry and every workspace package it runs on. */
export const FACT_REGISTRY_SOURCES = [
  'services/fact-registry/src',
  'services/fact-registry/migrations',
  'packages/access/src',
  'packages/access/migrations',
  'packages/db/src',
  'packages/db/migrations',
  'packages/domain/src',
  'packages/grpc/src',
  'packages/http/src',
  'packages/kafka/src',
  'packages/proto/src',
  'packages/config/src',
  'packages/telemetry/src',
];

/** The whole mesh a dossier goes through: one-stop shop, population adapter (and its kit), fact registry. */
export const MESH_SOURCES = [
  ...FACT_REGISTRY_SOURCES,
  'services/one-stop/src',
  'services/one-stop/migrations',
  'services/one-stop/data',
  'services/population-adapter/src',
  'packages/adapter-kit/src',
];
