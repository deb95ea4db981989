import { defineConfig } from 'vitest/config';
import base from './vitest.config.ts';

/**
 * `pnpm test:cluster`: the failover proofs against a three-broker cluster of their own
 * (tests/cluster/global-setup.ts), one file at a time — each stops brokers or kills services.
 * Everything else as `pnpm test` (vitest.config.ts), which leaves tests/cluster out.
 */
export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: ['tests/cluster/**/*.test.ts'],
    exclude: ['**/node_modules/**'],
    globalSetup: ['tests/cluster/global-setup.ts'],
    maxWorkers: 1,
    testTimeout: 240_000,
  },
});
