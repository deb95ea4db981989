/**
 * Generates TypeScript types for protos/ with proto-loader-gen-types into
 * packages/proto/src/generated. `--check` generates into a temporary folder and fails when the
 * committed types have drifted from the protos.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { listProtoFiles, PROTO_DIR } from '../src/proto-files.ts';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
const committed = join(packageDir, 'src/generated');
const check = process.argv.includes('--check');
const outDir = check ? mkdtempSync(join(tmpdir(), 'motlan-proto-')) : committed;

if (!check) rmSync(committed, { recursive: true, force: true });
execFileSync(
  join(packageDir, 'node_modules/.bin/proto-loader-gen-types'),
  [
    '--grpcLib=@grpc/grpc-js',
    '--longs=String',
    '--enums=String',
    '--defaults',
    '--oneofs',
    '--importFileExtension=.ts',
    `--outDir=${outDir}`,
    // Positional files before -I: the include option is an array and would swallow them.
    ...listProtoFiles(),
    '-I',
    PROTO_DIR,
  ],
  { cwd: PROTO_DIR, stdio: 'inherit' },
);

normalise(outDir);

if (check) {
  const drift = compareTrees(outDir, committed);
  rmSync(outDir, { recursive: true, force: true });
  if (drift.length > 0) {
    console.error(`Generated proto types are out of date (${drift.join(', ')}). Run: pnpm proto:gen`);
    process.exit(1);
  }
  console.log('proto types are up to date');
}

function files(dir: string): string[] {
  const out: string[] = [];
  const walk = (folder: string): void => {
    for (const name of readdirSync(folder)) {
      const path = join(folder, name);
      if (statSync(path).isDirectory()) walk(path);
      else out.push(relative(dir, path));
    }
  };
  walk(dir);
  return out.sort();
}

function compareTrees(fresh: string, current: string): string[] {
  const a = files(fresh);
  const b = files(current);
  const names = new Set([...a, ...b]);
  return [...names].filter((name) => {
    try {
      return readFileSync(join(fresh, name), 'utf8') !== readFileSync(join(current, name), 'utf8');
    } catch {
      return true;
    }
  });
}

/**
 * The generator writes one aggregate file per proto *basename* at the top (they collide across
 * packages, and nothing uses them: per-message and per-service types live in the package tree)
 * and stamps absolute paths: drop the former, make the latter relative so clones agree.
 */
function normalise(dir: string): void {
  for (const name of readdirSync(dir)) {
    if (name.endsWith('.ts')) rmSync(join(dir, name));
  }
  for (const name of files(dir)) {
    const path = join(dir, name);
    const text = readFileSync(path, 'utf8');
    writeFileSync(path, text.replaceAll(PROTO_DIR, 'protos/'));
  }
}
