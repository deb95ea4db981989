import { describe, expect, it } from 'vitest';
import { stampFacts, type SourceAdapter } from '@motlan/adapter-kit';
import { canonicalJson } from '@motlan/domain';
import type { Fact__Output } from '@motlan/proto';
import {
  compareContracts,
  currentContract,
  goldenDifferences,
  goldenOf,
  invalidFactValues,
  junitXml,
  provenanceProblems,
  unknownFactTypes,
  type ContractSnapshot,
} from '../src/index.ts';

interface Row {
  id: string;
  family: string;
  given: string;
  version: number;
}

const adapter: SourceAdapter<Row> = {
  id: 'test-adapter',
  version: '0.1.0',
  sourceSystem: 'national-population-db',
  factTypes: ['identity.full_name'],
  client: {
    fetchRecord: async () => undefined,
    changesSince: async (cursor) => ({ changes: [], nextCursor: cursor }),
    exportPage: async () => ({ records: [] }),
  },
  toFacts: (row) => [
    {
      type: 'identity.full_name',
      value: { family: row.family, middle: '', given: row.given, full: `${row.family} ${row.given}` },
    },
  ],
  subjectOf: (row) => row.id,
  versionOf: (row) => String(row.version),
  referenceOf: (row) => `T/${row.id}`,
};

const fact = (): Fact__Output =>
  stampFacts(
    adapter,
    { id: '001099012345', family: 'Nguyễn', given: 'An', version: 3 },
    '2026-11-30T10:00:00.000Z',
  )[0]!;

describe('catalog checks', () => {
  it('names the declared types the catalog does not know', () => {
    expect(unknownFactTypes(['identity.full_name', 'identity.shoe_size'])).toEqual(['identity.shoe_size']);
    expect(unknownFactTypes(['identity.full_name', 'residence.permanent'])).toEqual([]);
  });

  it('flags a produced value the catalog refuses, and a type the adapter does not declare', () => {
    const bad = { ...fact(), valueJson: canonicalJson({ family: 'Nguyễn', given: '' }) };
    const undeclared = { ...fact(), type: 'identity.sex', valueJson: '{"sex":"male"}' };
    const problems = invalidFactValues([fact(), bad, undeclared], ['identity.full_name']);
    expect(problems.map((problem) => problem.type)).toEqual(['identity.full_name', 'identity.sex']);
    expect(problems[1]!.reason).toBe('a type the adapter does not declare');
  });
});

describe('provenance check', () => {
  it('passes a fact the kit stamped', () => {
    expect(provenanceProblems(fact(), 'national-population-db')).toEqual([]);
  });

  it('names each missing or wrong part', () => {
    const broken = fact();
    broken.provenance = {
      ...broken.provenance!,
      sourceSystem: 'somewhere-else',
      sourceRecordRef: '',
      sourceRecordVersion: '',
      observedAt: 'yesterday',
      contentHash: 'not-the-hash',
      assurance: 'ASSURANCE_UNSPECIFIED',
    };
    expect(provenanceProblems(broken, 'national-population-db')).toEqual([
      'sourceSystem "somewhere-else" is not "national-population-db"',
      'assurance "ASSURANCE_UNSPECIFIED" is not a known assurance',
      'no sourceRecordRef',
      'no sourceRecordVersion',
      'no ISO observedAt',
      "contentHash is not the value's hash",
    ]);
    expect(provenanceProblems({ ...fact(), provenance: null }, 'national-population-db')).toEqual([
      'no provenance',
    ]);
  });
});

describe('golden facts', () => {
  it('equal facts have no differences; a changed, missing or extra type is one line each', () => {
    const golden = goldenOf([fact()]);
    expect(goldenDifferences(golden, [fact()])).toEqual([]);
    const changed = {
      ...fact(),
      valueJson: canonicalJson({ family: 'Trần', middle: '', given: 'An', full: 'Trần An' }),
    };
    expect(goldenDifferences(golden, [changed])).toHaveLength(1);
    expect(goldenDifferences(golden, [])).toEqual([expect.stringContaining('answered missing')]);
    expect(goldenDifferences({}, [fact()])).toEqual([expect.stringContaining('not in the golden facts')]);
  });
});

describe('compatibility with the released contract', () => {
  const released = currentContract('test-adapter', '0.1.0', ['identity.full_name', 'identity.sex']);

  it('reports a removed fact type as breaking', () => {
    const current = currentContract('test-adapter', '0.2.0', ['identity.full_name']);
    expect(compareContracts(released, current)).toEqual({
      breaking: ['identity.sex: removed (released in 0.1.0)'],
      compatible: [],
    });
  });

  it('reports a changed value schema as breaking and an added type as compatible', () => {
    const changed: ContractSnapshot = structuredClone(released);
    changed.factTypes['identity.full_name'] = { schema: { type: 'string' } };
    const current = currentContract('test-adapter', '0.2.0', [
      'identity.full_name',
      'identity.sex',
      'residence.permanent',
    ]);
    expect(compareContracts(changed, current)).toEqual({
      breaking: ['identity.full_name: value schema changed since 0.1.0'],
      compatible: ['residence.permanent: added'],
    });
  });

  it('the same contract is compatible with itself', () => {
    expect(
      compareContracts(
        released,
        currentContract('test-adapter', '0.1.1', ['identity.sex', 'identity.full_name']),
      ),
    ).toEqual({
      breaking: [],
      compatible: [],
    });
  });
});

describe('JUnit XML', () => {
  it('has one testcase per check and a failure for each failed one', () => {
    const xml = junitXml({
      adapter: 'test-adapter',
      startedAt: '2026-12-01T00:00:00.000Z',
      results: [
        {
          suite: 'contract',
          id: 'fact-types-in-catalog',
          title: 'declared types',
          outcome: 'passed',
          detail: 'ok',
          durationMs: 5,
        },
        {
          suite: 'compatibility',
          id: 'released-contract',
          title: 'released',
          outcome: 'failed',
          detail: 'identity.sex: removed & <gone>',
          durationMs: 7,
        },
      ],
    });
    expect(xml.match(/<testcase /g)).toHaveLength(2);
    expect(xml.match(/<failure /g)).toHaveLength(1);
    expect(xml).toContain('<failure message="identity.sex: removed &amp; &lt;gone>"');
    expect(xml).toContain('<![CDATA[identity.sex: removed & <gone>]]>');
    expect(xml).toContain('name="test-adapter.compatibility"');
  });
});
