import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { builtPackages, REPO_ROOT } from '../workspace-packages.ts';

// `new URL('<path>', import.meta.url)` with a literal or a template path (its static part).
const ASSET_URL = /new URL\(\s*(['"`])([^'"`]*?)(\$\{[^`]*)?\1\s*,\s*import\.meta\.url\s*\)/g;

function* jsFiles(dir: string): Generator<string> {
  if (!existsSync(dir)) return;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* jsFiles(path);
    else if (entry.name.endsWith('.js')) yield path;
  }
}

/**
 * What code finds relative to its own module (migrations, data, the descriptor set, sibling
 * scripts, the repository root) must be there when it runs from dist/ too. Needs `pnpm build`
 * (the suite's global setup runs it).
 */
describe('paths relative to import.meta.url in the build', () => {
  it('name the same place as from src/, or something that exists beside dist/', () => {
    const missing: string[] = [];
    let checked = 0;
    for (const pkg of builtPackages()) {
      for (const file of jsFiles(join(pkg.dir, 'dist'))) {
        const source = file.replace(`${pkg.dir}/dist/`, `${pkg.dir}/src/`).replace(/\.js$/, '.ts');
        for (const [, , path = '', template] of readFileSync(file, 'utf8').matchAll(ASSET_URL)) {
          // A template: only its folder is known statically.
          const staticPath = template ? path.slice(0, path.lastIndexOf('/') + 1) || './' : path;
          const fromDist = fileURLToPath(new URL(staticPath, pathToFileURL(file)));
          const fromSrc = fileURLToPath(new URL(staticPath, pathToFileURL(source)));
          checked += 1;
          if (fromDist !== fromSrc && !existsSync(fromDist))
            missing.push(
              `${relative(REPO_ROOT, file)}: ${path}${template ?? ''} → ${relative(REPO_ROOT, fromDist)}`,
            );
        }
      }
    }
    expect(checked).toBeGreaterThan(10);
    expect(missing).toEqual([]);
  });
});
