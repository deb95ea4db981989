import { describe, expect, it } from 'vitest';
import { isMotlanError } from '@motlan/errors';
import { checkDescriptor, loadAdapter } from '../src/index.ts';

const valid = {
  adapter: 'population-adapter',
  entry: 'services/population-adapter/src/main.ts',
  factTypes: ['identity.full_name'],
  simulators: [
    { name: 'npdb', entry: 'infra/simulators/national-population-db/src/main.ts', env: () => ({}) },
  ],
  upstream: 'npdb',
  env: () => ({}),
  credentials: { invalid: { NPDB_API_SECRET: 'wrong' } },
  bulkSync: { entry: 'services/population-adapter/src/sync-cli.ts' },
  makeChanges: async () => undefined,
  makeBadRecord: async () => undefined,
};

function refusal(value: unknown): { code: string; field: string | undefined } {
  try {
    checkDescriptor(value, 'conformance.ts');
  } catch (error) {
    if (isMotlanError(error)) return { code: error.code, field: error.field };
  }
  return expect.unreachable('the descriptor was accepted');
}

describe('conformance descriptor', () => {
  it('accepts a complete descriptor', () => {
    expect(checkDescriptor(valid, 'conformance.ts')).toBe(valid);
  });

  it.each([
    ['entry', { ...valid, entry: 'services/population-adapter/src/no-such-main.ts' }],
    ['factTypes', { ...valid, factTypes: 'identity.full_name' }],
    ['upstream', { ...valid, upstream: 'elsewhere' }],
    ['simulators[0].env', { ...valid, simulators: [{ ...valid.simulators[0], env: {} }] }],
    ['makeBadRecord', { ...valid, makeBadRecord: undefined }],
    ['credentials.invalid', { ...valid, credentials: { invalid: {} } }],
    ['bulkSync.entry', { ...valid, bulkSync: {} }],
  ])('refuses a descriptor with a bad %s, naming it', (field, descriptor) => {
    expect(refusal(descriptor)).toEqual({ code: 'MOTLAN_CONFORMANCE_DESCRIPTOR_INVALID', field });
  });

  it("loads an adapter's descriptor by its name under services/, with its version", async () => {
    const loaded = await loadAdapter('population-adapter');
    expect(loaded.descriptor.adapter).toBe('population-adapter');
    expect(loaded.dir.endsWith('services/population-adapter')).toBe(true);
    expect(loaded.version).toBe('0.1.0');
  });
});
