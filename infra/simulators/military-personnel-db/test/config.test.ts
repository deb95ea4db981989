import { describe, expect, it } from 'vitest';
import { isMotlanError } from '@motlan/errors';
import { loadSimulatorConfig } from '../src/config.ts';

describe('the notification settings', () => {
  it('are off by default: no registry address, purpose 1.004222, the personnel database identity', () => {
    expect(loadSimulatorConfig({})).toMatchObject({
      MPDB_NOTIFICATIONS_ADDRESS: '',
      MPDB_NOTIFICATIONS_PURPOSE: '1.004222',
      MPDB_NOTIFICATIONS_IDENTITY: 'military-personnel-db',
    });
    expect(loadSimulatorConfig({}).MTLS_CERT_DIR).toMatch(/infra\/certs\/\.certs$/);
    expect(
      loadSimulatorConfig({ MPDB_NOTIFICATIONS_ADDRESS: '127.0.0.1:7201' }).MPDB_NOTIFICATIONS_ADDRESS,
    ).toBe('127.0.0.1:7201');
  });

  it.each(['127.0.0.1', 'https://127.0.0.1:7201', '127.0.0.1:port'])(
    'refuses the registry address %s, naming the variable',
    (address) => {
      let thrown: unknown;
      try {
        loadSimulatorConfig({ MPDB_NOTIFICATIONS_ADDRESS: address });
      } catch (error) {
        thrown = error;
      }
      expect(isMotlanError(thrown)).toBe(true);
      expect(String((thrown as Error).message)).toContain('MPDB_NOTIFICATIONS_ADDRESS');
    },
  );
});
