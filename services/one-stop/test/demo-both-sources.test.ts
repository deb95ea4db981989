import { describe, expect, it } from 'vitest';
import { bothSourcesTable, type BothSources } from '../src/cli/demo-both-sources.ts';

const source = (sourceSystem: string, value: unknown, current: boolean) => ({
  sourceSystem,
  assurance: current ? 'ASSURANCE_AUTHORITATIVE' : 'ASSURANCE_VERIFIED',
  value,
  current,
});

const both: BothSources = {
  personalId: '001099000001',
  militaryCode: 'QNTD2017000001X',
  facts: [
    {
      type: 'identity.full_name',
      conflicted: true,
      population: source('national-population-db', { full: 'Nguyễn Văn An' }, true),
      personnel: source('military-personnel-db', { full: 'Nguyễn Văn Ann' }, false),
    },
    {
      type: 'identity.date_of_birth',
      conflicted: false,
      population: source('national-population-db', { date: '1999-05-14' }, true),
      personnel: source('military-personnel-db', { date: '1999-05-14' }, false),
    },
  ],
};

describe('the demo’s both-sources table', () => {
  it('shows each source’s value side by side and the registry’s flag, naming which record it serves', () => {
    const lines = bothSourcesTable(both).split('\n');
    expect(lines[0]).toMatch(/^fact\s+│ national-population-db\s+│ military-personnel-db\s+│ registry/);
    const name = lines.find((line) => line.startsWith('identity.full_name'))!;
    expect(name.split(' │ ').map((cell) => cell.trim())).toEqual([
      'identity.full_name',
      'Nguyễn Văn An',
      'Nguyễn Văn Ann',
      "conflicted: serves the population record's",
    ]);
    const born = lines.find((line) => line.startsWith('identity.date_of_birth'))!;
    expect(born.split(' │ ').map((cell) => cell.trim())).toEqual([
      'identity.date_of_birth',
      '1999-05-14',
      '1999-05-14',
      'agree',
    ]);
  });
});
