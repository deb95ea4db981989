/**
 * Writes the generated deployment files (generated-files.ts) under infra/deploy, or with `--check`
 * writes nothing and exits 1 naming each file that differs from what would be generated.
 * Usage: pnpm --filter @motlan/deploy generate [--check]
 */
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { generatedFiles } from './generated-files.ts';
import { DEPLOY_ROOT } from './repo-root.ts';

const check = process.argv.includes('--check');
const stale: string[] = [];
for (const [path, content] of generatedFiles()) {
  const file = join(DEPLOY_ROOT, path);
  const current = existsSync(file) ? readFileSync(file, 'utf8') : undefined;
  if (current === content) continue;
  if (check) {
    stale.push(path);
    continue;
  }
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, content);
  console.log(`wrote infra/deploy/${path}`);
}
if (stale.length > 0) {
  console.error(`out of date (run pnpm --filter @motlan/deploy generate): ${stale.join(', ')}`);
  process.exit(1);
}
