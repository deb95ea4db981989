import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MotlanError } from '@motlan/errors';
import { namesFor, nextPorts, planAdapter, SharedFiles } from '../scaffold.ts';

const ROOT = join(import.meta.dirname, '..', '..', '..');

/** The tree's state as git sees it (tracked changes and untracked files): a refusal must not move it. */
const treeState = () =>
  execFileSync('git', ['status', '--porcelain', '--untracked-files=all'], { cwd: ROOT, encoding: 'utf8' }) +
  execFileSync('git', ['diff'], { cwd: ROOT, encoding: 'utf8' });

function refusal(run: () => unknown): MotlanError {
  try {
    run();
  } catch (error) {
    if (error instanceof MotlanError) return error;
    throw error;
  }
  throw new Error('not refused');
}

function createAdapter(...args: string[]) {
  return spawnSync('pnpm', ['--silent', 'create-adapter', ...args], { cwd: ROOT, encoding: 'utf8' });
}

describe('create-adapter names', () => {
  it('spells one name every way the templates need', () => {
    expect(namesFor('land-registry')).toEqual({
      name: 'land-registry',
      Name: 'LandRegistry',
      camel: 'landRegistry',
      PFX: 'LAND_REGISTRY',
      snake: 'land_registry',
      title: 'Land registry',
      CODE: 'LANDREGISTRYDB',
    });
  });

  it.each([
    ['Land-Registry', 'is not a name'],
    ['land_registry', 'is not a name'],
    ['1land', 'is not a name'],
    ['land--registry', 'is not a name'],
    ['-land', 'is not a name'],
    ['', 'is not a name'],
    ['land-registry-adapter', 'ends in -adapter or -db'],
    ['land-db', 'ends in -adapter or -db'],
    ['a'.repeat(41), 'longer than 40'],
  ])('refuses %j with a validation error naming the field', (name, reason) => {
    const error = refusal(() => namesFor(name));
    expect(error.code).toBe('MOTLAN_VALIDATION_FAILED');
    expect(error.field).toBe('name');
    expect(error.message).toContain(reason);
  });
});

describe('planning an adapter (nothing written)', () => {
  it('refuses a taken name and says where it is taken', () => {
    const population = refusal(() => planAdapter(ROOT, 'population'));
    expect(population.message).toContain('"population" is taken: services/population-adapter exists');
    const military = refusal(() => planAdapter(ROOT, 'military-personnel'));
    expect(military.message).toContain('infra/simulators/military-personnel-db exists');
    expect(military.message).toContain(
      `${SharedFiles.kafkaGrants} already grants military-personnel-adapter`,
    );
  });

  it('plans the adapter, its simulator and one entry in each shared list, every template key filled', () => {
    const plan = planAdapter(ROOT, 'land-registry');
    const paths = plan.files.map((file) => file.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'services/land-registry-adapter/package.json',
        'services/land-registry-adapter/conformance.ts',
        'services/land-registry-adapter/README.md',
        'services/land-registry-adapter/src/main.ts',
        'services/land-registry-adapter/src/land-registry-adapter.ts',
        'services/land-registry-adapter/src/domain/map-record.ts',
        'services/land-registry-adapter/src/upstream/client.ts',
        'services/land-registry-adapter/test/map-record.test.ts',
        'infra/simulators/land-registry-db/package.json',
        'infra/simulators/land-registry-db/src/main.ts',
        'infra/simulators/land-registry-db/migrations/1700000000000_records.sql',
      ]),
    );
    for (const file of [...plan.files, ...plan.edits]) {
      expect(file.path).not.toMatch(/__\w+__|\.tmpl$/);
      expect(file.content, file.path).not.toMatch(
        /__(name|Name|camel|PFX|snake|title|simPort|httpPort|grpcPort)__/,
      );
    }
    const edits = Object.fromEntries(plan.edits.map((edit) => [edit.path, edit.content]));
    const simulatorErrors = plan.files.find(
      (file) => file.path === 'infra/simulators/land-registry-db/src/errors.ts',
    );
    expect(simulatorErrors!.content).toContain("code: 'LANDREGISTRYDB_SIM_INVALID_FAULTS'");
    expect(edits[SharedFiles.services]).toContain("name: 'land-registry-adapter'");
    expect(edits[SharedFiles.services]).toMatch(
      / {2}landRegistryDb,\n {2}landRegistryAdapter,\n {2}\/\/ create-adapter/,
    );
    expect(edits[SharedFiles.kafkaGrants]).toContain("'land-registry-adapter': {");
    expect(edits[SharedFiles.certificates]).toContain('adapters+=(land-registry-adapter)\n# create-adapter');
    expect(JSON.parse(edits[SharedFiles.accessPolicy]!).clients['land-registry-adapter']).toMatchObject({
      purposes: {},
    });
  });

  it("refuses a name whose simulator error-code prefix another simulator's codes have", () => {
    const root = mkdtempSync(join(tmpdir(), 'scaffold-codes-'));
    try {
      for (const file of Object.values(SharedFiles)) cpSync(join(ROOT, file), join(root, file));
      mkdirSync(join(root, 'infra/simulators/landregistry-db/src'), { recursive: true });
      writeFileSync(
        join(root, 'infra/simulators/landregistry-db/src/errors.ts'),
        "code: 'LANDREGISTRYDB_SIM_X'",
      );
      expect(refusal(() => planAdapter(root, 'land-registry')).message).toContain(
        "another simulator's error codes start with LANDREGISTRYDB_SIM_",
      );
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('gives the new pair development ports no service has', () => {
    const services = `devPorts: { http: 7037 }, devPorts: { http: 7038 }, devPorts: { http: 7100, grpc: 7101 },
      devPorts: { http: 7400, grpc: 7401 }, devPorts: { http: 7200, grpc: 7201 }`;
    expect(nextPorts(services)).toEqual({ simPort: 7039, httpPort: 7500, grpcPort: 7501 });
  });
});

describe('pnpm create-adapter', () => {
  it('--help prints the usage and exits 0', () => {
    const result = createAdapter('--help');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('Usage: pnpm create-adapter <name>');
  });

  it.each([
    [['Bad_Name'], 'is not a name for an adapter'],
    [['population'], '"population" is taken'],
    [[], 'give exactly one name'],
    [['a', 'b'], 'give exactly one name'],
    [['--frobnicate', 'x'], 'Unknown option'],
  ])('refuses %j with exit code 2 and changes nothing', (args, message) => {
    const before = treeState();
    const result = createAdapter(...args);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(message);
    expect(treeState()).toBe(before);
  });
});
