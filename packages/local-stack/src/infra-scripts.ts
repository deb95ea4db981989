import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { CommonErrors, MotlanError } from '@motlan/errors';

const run = promisify(execFile);
export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/**
 * Runs one of the project's infra scripts (e.g. `kafka/start.sh`), which are idempotent; `env`
 * adds to this process's environment (e.g. another KAFKA_PORT and KAFKA_DATA_DIR for a second
 * broker), `args` are its arguments (`kafka/cluster.sh kill 2`).
 */
export async function runInfraScript(
  script: string,
  env: Record<string, string> = {},
  args: readonly string[] = [],
): Promise<string> {
  try {
    const { stdout } = await run('bash', [`${REPO_ROOT}infra/${script}`, ...args], {
      cwd: REPO_ROOT,
      env: { ...process.env, ...env },
      maxBuffer: 16 * 1024 * 1024,
      timeout: 15 * 60_000,
    });
    return stdout.trim();
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr ?? '';
    throw new MotlanError(
      CommonErrors.unavailable,
      `infra/${[script, ...args].join(' ')} failed: ${stderr.trim() || String(error)}`,
      {
        cause: error,
      },
    );
  }
}
