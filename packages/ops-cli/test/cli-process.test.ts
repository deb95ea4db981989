import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../..', import.meta.url));

/** `pnpm motlan <argv>` as an operator types it, from the workspace root. */
function pnpmMotlan(...argv: string[]) {
  const run = spawnSync('pnpm', ['-s', 'motlan', ...argv], { cwd: root, encoding: 'utf8', timeout: 60_000 });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('pnpm motlan (the root script)', () => {
  it('runs the CLI: --help exits 0, bad usage exits 2 with the reason on stderr', () => {
    const help = pnpmMotlan('--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: motlan');
    expect(help.stdout).toMatch(/dlq\s/);

    const bad = pnpmMotlan('tail', 'citizen.facts.v1', '--limit', 'many');
    expect(bad.code).toBe(2);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toContain("option '--limit <n>' argument 'many' is invalid");
  });
});
