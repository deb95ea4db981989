/**
 * Writes the generated deployment files (generated-files.ts) under infra/deploy, or with `--check`
 * writes nothing and exits 1 naming each file that differs from what would be generated.
 * Usage: pnpm --filter @motlan/deploy generate [--check]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { generatedFiles, staleFiles } from './generated-files.ts';
import { DEPLOY_ROOT } from './repo-root.ts';

const files = generatedFiles();
const stale = staleFiles(DEPLOY_ROOT, files);
if (process.argv.includes('--check')) {
  if (stale.length > 0) {
    console.error(`out of date (run pnpm --filter @motlan/deploy generate): ${stale.join(', ')}`);
    process.exit(1);
  }
} else {
  for (const path of stale) {
    const file = join(DEPLOY_ROOT, path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, files.get(path)!);
    console.log(`wrote infra/deploy/${path}`);
  }
}
