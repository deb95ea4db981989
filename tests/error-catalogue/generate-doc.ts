/**
 * pnpm errors:doc — writes docs/errors.md, the one table of every error code, from the error
 * catalogues. With --check, writes nothing and exits 1 when the table drifted from them (as
 * proto:check does for generated types).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ERRORS_DOC, loadCatalogue, renderErrorsDoc, ROOT } from './catalogue.ts';

const path = join(ROOT, ERRORS_DOC);
const rendered = await renderErrorsDoc(await loadCatalogue());
if (process.argv.includes('--check')) {
  let current = '';
  try {
    current = readFileSync(path, 'utf8');
  } catch {
    // A missing table is a drift like any other.
  }
  if (current !== rendered) {
    console.error(`${ERRORS_DOC} is out of date with the error catalogues: run pnpm errors:doc`);
    process.exit(1);
  }
  console.log(`${ERRORS_DOC} matches the error catalogues`);
} else {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, rendered);
  console.log(`wrote ${ERRORS_DOC}`);
}
