import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  catalogueFiles,
  ERRORS_DOC,
  findUnlistedCatalogues,
  grpcName,
  loadCatalogue,
  renderErrorsDoc,
  ROOT,
  type CatalogueEntry,
} from './error-catalogue/catalogue.ts';

// In the manner of Fastify's test/internals/errors.test.js: every error of the repository is
// checked from its catalogue, so a reused code or an undocumented one fails the build.
describe('error catalogue', () => {
  let entries: CatalogueEntry[];
  beforeAll(async () => {
    entries = await loadCatalogue();
  });

  it('reads every catalogue: our packages, our services and the simulators', () => {
    const files = catalogueFiles();
    expect(files).toContain('packages/errors/src/common-errors.ts');
    expect(files).toContain('services/one-stop/src/errors.ts');
    expect(files).toContain('infra/simulators/national-population-db/src/errors.ts');
    expect(new Set(entries.map((entry) => entry.file))).toEqual(new Set(files));
    expect(findUnlistedCatalogues()).toEqual([]);
  });

  it('never gives one code two definitions, anywhere in the repository', () => {
    const seen = new Map<string, string>();
    const duplicates: string[] = [];
    for (const entry of entries) {
      const first = seen.get(entry.code);
      if (first) duplicates.push(`${entry.code}: ${first} and ${entry.file} ${entry.name}`);
      else seen.set(entry.code, `${entry.file} ${entry.name}`);
    }
    expect(duplicates).toEqual([]);
  });

  it('names our codes MOTLAN_* and each simulator’s codes with its own prefix', () => {
    const simulatorPrefixes = new Map<string, Set<string>>();
    for (const entry of entries) {
      expect(entry.code, entry.name).toMatch(/^[A-Z][A-Z0-9]*(_[A-Z0-9]+)+$/);
      if (entry.owner === 'motlan') {
        expect(entry.code, `${entry.file} ${entry.name}`).toMatch(/^MOTLAN_/);
      } else {
        expect(entry.code, `${entry.file} ${entry.name}`).toMatch(/^[A-Z]+_SIM_/);
        const prefix = /^([A-Z]+_SIM)_/.exec(entry.code)![1]!;
        simulatorPrefixes.set(entry.owner, (simulatorPrefixes.get(entry.owner) ?? new Set()).add(prefix));
      }
    }
    // One prefix per simulator, and no two simulators sharing one.
    const prefixes = [...simulatorPrefixes.values()];
    for (const owned of prefixes) expect(owned.size).toBe(1);
    const all = prefixes.flatMap((owned) => [...owned]);
    expect(new Set(all).size).toBe(all.length);
  });

  it('gives every code an HTTP error status, a gRPC status, canRetry and a title', () => {
    for (const entry of entries) {
      const where = `${entry.code} (${entry.file} ${entry.name})`;
      expect(
        Number.isInteger(entry.httpStatus) && entry.httpStatus >= 400 && entry.httpStatus <= 599,
        where,
      ).toBe(true);
      expect(grpcName(entry.grpcCode), where).toBeDefined();
      expect(entry.grpcCode, where).not.toBe(0);
      expect(typeof entry.canRetry, where).toBe('boolean');
      expect(entry.title.trim().length, where).toBeGreaterThan(0);
    }
  });

  it(`lists every code once in ${ERRORS_DOC}, as the catalogues define it (pnpm errors:doc)`, async () => {
    const documented = readFileSync(join(ROOT, ERRORS_DOC), 'utf8');
    expect(documented, `${ERRORS_DOC} drifted from the catalogues: run pnpm errors:doc`).toBe(
      await renderErrorsDoc(entries),
    );
    for (const entry of entries) {
      expect(documented.match(new RegExp(`^\\| \`${entry.code}\` +\\|`, 'gm'))?.length, entry.code).toBe(1);
    }
  });
});
