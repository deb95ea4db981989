import { defineConfig, type Plugin } from 'vitest/config';

// Workspace packages resolve to their TypeScript sources (the `@motlan/source` export condition,
// infra/build/workspace-packages.ts); plain `node` resolves their `dist/` build instead. Set in
// every Vite environment (the tests', the global setup's), ahead of Vite's own Node conditions.
const sourceConditions: Plugin = {
  name: 'motlan-source-conditions',
  configEnvironment(_name, config) {
    config.resolve ??= {};
    config.resolve.conditions = ['@motlan/source', 'module', 'node', 'development|production'];
  },
};

export default defineConfig({
  plugins: [sourceConditions],
  test: {
    include: [
      'packages/*/test/**/*.test.ts',
      'services/*/test/**/*.test.ts',
      'infra/**/test/**/*.test.ts',
      'tests/**/*.test.ts',
      'bench/test/**/*.test.ts',
    ],
    // tests/cluster runs against a three-broker cluster of its own: pnpm test:cluster.
    exclude: ['**/node_modules/**', '**/.runtime/**', '**/.data/**', 'tests/cluster/**'],
    globalSetup: ['tests/global-setup.ts'],
    pool: 'forks',
    // Two cores: a few files at a time keeps Kafka and PostgreSQL responsive.
    maxWorkers: 3,
    testTimeout: 30_000,
    hookTimeout: 120_000,
    reporters: ['default'],
  },
});
