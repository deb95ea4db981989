import { describe, expect, it } from 'vitest';
import { builtPackages, conditionalExport, exportProblems, workspaceGlobs } from '../workspace-packages.ts';

describe('the workspace packages pnpm build compiles', () => {
  it('are every workspace package with a src/ folder: libraries, services and simulators', () => {
    const names = builtPackages().map((pkg) => pkg.name);
    expect(names).toEqual(
      expect.arrayContaining([
        '@motlan/errors',
        '@motlan/kafka',
        '@motlan/testkit',
        '@motlan/fact-registry',
        '@motlan/one-stop',
        '@motlan/population-adapter',
        '@motlan/sim-national-population-db',
      ]),
    );
    expect(names).not.toContain('@motlan/tests');
    expect(names).not.toContain('@motlan/bench');
  });

  // A package whose exports lack the source condition resolves to dist/ under tsx and vitest too:
  // the tests would run yesterday's build, or nothing at all on a clean clone.
  it('each export the sources under @motlan/source and their build otherwise', () => {
    expect(builtPackages().flatMap(exportProblems)).toEqual([]);
  });
});

describe('exportProblems', () => {
  const pkg = (exports: unknown) => ({ name: '@motlan/x', dir: '/nowhere', exports });

  it('names an export that points at the sources alone (how a package was written before the build)', () => {
    expect(exportProblems(pkg({ '.': './src/index.ts' }))).toEqual([
      '@motlan/x: exports["."] must be {"@motlan/source":"./src/index.ts","default":"./dist/index.js"}',
    ]);
  });

  it('names a default that is not the build of the source', () => {
    const wrong = { '.': { '@motlan/source': './src/index.ts', default: './dist/main.js' } };
    expect(exportProblems(pkg(wrong))).toHaveLength(1);
  });

  it('accepts no exports at all (a service nobody imports)', () => {
    expect(exportProblems(pkg(undefined))).toEqual([]);
  });
});

describe('conditionalExport', () => {
  it('maps src/ to dist/ at the same depth and .ts to .js', () => {
    expect(conditionalExport('./src/a/event-types.ts')).toEqual({
      '@motlan/source': './src/a/event-types.ts',
      default: './dist/a/event-types.js',
    });
  });
});

describe('workspaceGlobs', () => {
  it('reads the packages list of pnpm-workspace.yaml and nothing after it', () => {
    const yaml =
      "packages:\n  - packages/*\n  - 'services/*'\n  - tests\n\nonlyBuiltDependencies:\n  - esbuild\n";
    expect(workspaceGlobs(yaml)).toEqual(['packages/*', 'services/*', 'tests']);
  });
});
