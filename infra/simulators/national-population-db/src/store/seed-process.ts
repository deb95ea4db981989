import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { CommonErrors, MotlanError } from '@motlan/errors';

// The seed CLI beside this module as it runs: `src/seed.ts` under tsx, `dist/seed.js` when built.
const SEED_CLI = fileURLToPath(
  new URL(import.meta.url.endsWith('.ts') ? '../seed.ts' : '../seed.js', import.meta.url),
);

export interface SeedProcessSettings {
  url: string;
  schema: string;
  people: number;
  seed: number;
}

/**
 * Seeds by running the seed CLI (`seed.ts --if-empty` from source, `seed.js` from `dist/`) as a
 * child process with the same Node flags as this one (so tsx and its source condition apply).
 * Generating a population makes a lot of short-lived garbage and loads the administrative-unit
 * files; in a child process all of that is returned to the system when it exits, and the
 * long-running simulator keeps a small resident set.
 * The child's progress display goes to this process's stderr.
 */
export function seedInChildProcess(settings: SeedProcessSettings): Promise<void> {
  const args = [
    ...process.execArgv,
    SEED_CLI,
    '--if-empty',
    '--people',
    String(settings.people),
    '--seed',
    String(settings.seed),
    '--schema',
    settings.schema,
  ];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      env: { ...process.env, DATABASE_URL: settings.url },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      if (code === 0) return resolve();
      reject(new MotlanError(CommonErrors.internal, `seeding failed (exit code ${code ?? signal})`));
    });
  });
}
