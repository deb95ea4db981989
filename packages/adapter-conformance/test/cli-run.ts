import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const REPO_ROOT = join(import.meta.dirname, '..', '..', '..');

/** Runs `pnpm adapter:conformance` (its entry, as the root script does) to its end. */
export function runCli(args: string[]): Promise<{ code: number; output: string; junit: () => string }> {
  const junitFile = join(mkdtempSync(join(tmpdir(), 'conformance-')), 'junit.xml');
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'packages/adapter-conformance/src/cli.ts', ...args, '--junit', junitFile],
      { cwd: REPO_ROOT, env: { ...process.env, INIT_CWD: REPO_ROOT }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('exit', (code) =>
      resolve({ code: code ?? 1, output, junit: () => readFileSync(junitFile, 'utf8') }),
    );
  });
}

export const FIXTURES = 'packages/adapter-conformance/test/fixtures';
