import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { build } from '../build.ts';
import { REPO_ROOT } from '../workspace-packages.ts';

const roots: string[] = [];
afterEach(() => roots.splice(0).forEach((root) => rmSync(root, { recursive: true, force: true })));

/** A repository of one workspace package, laid out as this one, with the same compiler settings. */
function fixture(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'motlan-build-'));
  roots.push(root);
  const all = {
    'pnpm-workspace.yaml': 'packages:\n  - packages/*\n  - tests\n',
    'tsconfig.base.json': readFileSync(join(REPO_ROOT, 'tsconfig.base.json'), 'utf8'),
    'packages/a/package.json': '{ "name": "@x/a", "type": "module" }',
    'tests/package.json': '{ "name": "@x/tests" }',
    ...files,
  };
  for (const [path, text] of Object.entries(all)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

const read = (root: string, path: string) => readFileSync(join(root, path), 'utf8');

describe('build', () => {
  it("compiles src/ into dist/ at the same depth, rewriting ./x.ts imports, and copies src/'s other files", () => {
    const root = fixture({
      'packages/a/src/index.ts':
        "export { twice } from './lib/twice.ts';\nexport type { N } from './lib/twice.ts';\n",
      'packages/a/src/lib/twice.ts': 'export type N = number;\nexport const twice = (n: N): N => n * 2;\n',
      'packages/a/src/generated/set.binpb': 'binary',
    });
    const result = build(root);
    expect(result).toMatchObject({ packages: 1, compiled: 2, copied: 1, removed: 0 });
    expect(read(root, 'packages/a/dist/index.js')).toContain('export { twice } from "./lib/twice.js";');
    expect(read(root, 'packages/a/dist/index.js')).not.toContain('N }');
    expect(read(root, 'packages/a/dist/lib/twice.js')).toContain('const twice = (n) => n * 2;');
    expect(JSON.parse(read(root, 'packages/a/dist/lib/twice.js.map'))).toMatchObject({
      sources: ['../../src/lib/twice.ts'],
    });
    expect(read(root, 'packages/a/dist/generated/set.binpb')).toBe('binary');
    expect(existsSync(join(root, 'tests/dist'))).toBe(false);
  });

  it('compiles again only what changed, and removes the output of a deleted source', async () => {
    const root = fixture({
      'packages/a/src/index.ts': 'export const a = 1;\n',
      'packages/a/src/b.ts': 'export const b = 2;\n',
    });
    build(root);
    expect(build(root)).toMatchObject({ compiled: 0, copied: 0, removed: 0 });

    const later = new Date(Date.now() + 5_000);
    writeFileSync(join(root, 'packages/a/src/index.ts'), 'export const a = 3;\n');
    utimesSync(join(root, 'packages/a/src/index.ts'), later, later);
    rmSync(join(root, 'packages/a/src/b.ts'));
    expect(build(root)).toMatchObject({ compiled: 1, removed: 2 });
    expect(read(root, 'packages/a/dist/index.js')).toContain('const a = 3;');
    expect(existsSync(join(root, 'packages/a/dist/b.js'))).toBe(false);
  });

  it('fails on a syntax error, naming the file', () => {
    const root = fixture({ 'packages/a/src/index.ts': 'export const = ;\n' });
    expect(() => build(root)).toThrow(/packages\/a\/src\/index\.ts: /);
  });
});
