/**
 * The scaffold's promise, checked whole: in a copy of this repository (its tracked and untracked
 * files, the shared development PKI linked in, its packages installed from the store), `pnpm
 * create-adapter` writes an adapter that builds, typechecks, passes its own tests and the full
 * conformance suite against the real Kafka and PostgreSQL, and starts from its service-list
 * entries as `pnpm start` starts it, with no edit. The copy keeps the
 * generated services out of the real service list, which other tests running meanwhile read.
 */
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SharedFiles } from '../scaffold.ts';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const CERTS = 'infra/certs/.certs';
const NAME = 'scaffold-probe';
const ADAPTER = `${NAME}-adapter`;

// The test runner's own variables would make the copy's vitest think it runs inside this one.
const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('VITEST')));

let copy: string;

function run(command: string, args: readonly string[], timeout = 240_000): SpawnSyncReturns<string> {
  return spawnSync(command, args, { cwd: copy, env, encoding: 'utf8', timeout, maxBuffer: 64 * 1024 * 1024 });
}

/** Fails with the command's output, so a failing step says why. */
function expectSuccess(result: SpawnSyncReturns<string>, what: string): void {
  expect(result.status, `${what} failed:\n${result.stdout}\n${result.stderr}`).toBe(0);
}

/** Every file the scaffold writes or edits, with its content: what a refused second run must not move. */
function scaffoldedState(): string {
  const listing = run('bash', [
    '-c',
    `find services/${ADAPTER} infra/simulators/${NAME}-db -type f | sort`,
  ]).stdout;
  return (
    listing +
    Object.values(SharedFiles)
      .map((file) => readFileSync(join(copy, file), 'utf8'))
      .join('\n')
  );
}

beforeAll(() => {
  copy = mkdtempSync(join(tmpdir(), 'motlan-scaffold-'));
  // The development PKI is shared (a symlink in worktrees): link it rather than copy it.
  if (!existsSync(join(ROOT, CERTS))) spawnSync('bash', ['infra/certs/generate.sh'], { cwd: ROOT });
  const certs = realpathSync(join(ROOT, CERTS));
  const copied = spawnSync(
    'bash',
    [
      '-c',
      `git ls-files -z --cached --others --exclude-standard | grep -zv '^${CERTS}$' | ` +
        `while IFS= read -r -d '' f; do [ -e "$f" ] && printf '%s\\0' "$f"; done | tar --null -T - -cf - | tar -xf - -C "${copy}"`,
    ],
    { cwd: ROOT, encoding: 'utf8' },
  );
  expect(copied.status, copied.stderr).toBe(0);
  symlinkSync(certs, join(copy, CERTS));
  // Every package is in the store already: linking them takes seconds; Kafka's jars are not needed.
  expectSuccess(
    run('pnpm', ['install', '--offline', '--frozen-lockfile', '--ignore-scripts', '--reporter', 'silent']),
    'pnpm install',
  );
}, 300_000);

afterAll(() => {
  if (copy) rmSync(copy, { recursive: true, force: true });
});

describe('pnpm create-adapter, in a copy of the repository', () => {
  it('writes an adapter that builds, typechecks, passes its tests and the full conformance suite, and starts as pnpm start runs it, unedited', () => {
    const created = run('pnpm', ['--silent', 'create-adapter', NAME]);
    expectSuccess(created, 'create-adapter');
    expect(created.stdout).toContain(`wrote services/${ADAPTER}`);
    expect(existsSync(join(copy, CERTS, `${ADAPTER}.pem`))).toBe(true);
    expect(readFileSync(join(copy, 'docs/errors.md'), 'utf8')).toContain(
      'SCAFFOLDPROBEDB_SIM_INVALID_FAULTS',
    );

    const written = scaffoldedState();
    const again = run('pnpm', ['--silent', 'create-adapter', NAME]);
    expect(again.status).toBe(2);
    expect(again.stderr).toContain(`"${NAME}" is taken`);
    expect(scaffoldedState()).toBe(written);

    expectSuccess(run('pnpm', ['--silent', 'build']), 'pnpm build');
    expectSuccess(run('pnpm', ['exec', 'tsc', '-p', 'tsconfig.json', '--noEmit']), 'pnpm typecheck');
    expectSuccess(
      run('pnpm', [
        'exec',
        'vitest',
        'run',
        `services/${ADAPTER}`,
        `infra/simulators/${NAME}-db`,
        // The shared lists and catalogues it joined, checked with it in them.
        'packages/mesh/test/mesh-env.test.ts',
        'packages/kafka/test/topic-access.test.ts',
        'infra/build/test/workspace-packages.test.ts',
        'tests/error-catalogue.test.ts',
      ]),
      'the generated tests and those of the lists it joined',
    );

    const first = run('pnpm', ['adapter:conformance', ADAPTER, '--update-golden', '--update-contract']);
    expectSuccess(first, 'the first conformance run');
    for (const file of ['golden-facts.json', 'released-contract.json']) {
      expect(existsSync(join(copy, 'services', ADAPTER, 'conformance', file))).toBe(true);
    }
    const golden = JSON.parse(
      readFileSync(join(copy, 'services', ADAPTER, 'conformance/golden-facts.json'), 'utf8'),
    ) as {
      subjects: Record<string, unknown>;
    };
    expect(Object.keys(golden.subjects)).toHaveLength(5);

    const certified = run('pnpm', ['adapter:conformance', ADAPTER]);
    expectSuccess(certified, 'the conformance run');
    expect(certified.stdout).toMatch(/\d+ checks passed: scaffold-probe-adapter conforms/);
    expect(certified.stdout).not.toContain('✗');

    // As pnpm start runs it: from its service-list entries, then its initial-sync job; then a read.
    const started = run('pnpm', [
      'exec',
      'tsx',
      '--conditions=@motlan/source',
      'infra/scaffold/test/start-generated.ts',
      NAME,
    ]);
    expectSuccess(started, 'starting it from the service list');
    const summary = JSON.parse(started.stdout.trim().split('\n').pop()!) as {
      syncExitCode: number;
      facts: { facts: { type: string; provenance: { sourceSystem: string; assurance: string } }[] };
    };
    expect(summary.syncExitCode).toBe(0);
    expect(summary.facts.facts).toEqual([
      expect.objectContaining({
        type: 'identity.full_name',
        provenance: expect.objectContaining({ sourceSystem: `${NAME}-db`, assurance: 'ASSURANCE_VERIFIED' }),
      }),
    ]);
  }, 900_000);
});
