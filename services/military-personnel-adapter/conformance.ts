/**
 * What `pnpm adapter:conformance military-personnel-adapter` needs to know about this adapter: its
 * entry points, its simulators (the personnel database seeds from the population's citizens, so
 * the population simulator comes first), how to move its upstream and how to break it.
 * Everything else is the adapter kit's contract, checked the same way for every adapter
 * (packages/adapter-conformance).
 */
import { defineConformance } from '@motlan/adapter-conformance';
import { MILITARY_FACT_TYPES } from './src/domain/map-record.ts';

export default defineConformance({
  adapter: 'military-personnel-adapter',
  entry: 'services/military-personnel-adapter/src/main.ts',
  factTypes: MILITARY_FACT_TYPES,
  simulators: [
    {
      name: 'national-population-db',
      entry: 'infra/simulators/national-population-db/src/main.ts',
      // The golden facts are about this population (seed 42, 300 people: some 60 men of 18–45
      // with a personnel record), deterministic, and with no change feed of its own running.
      env: (self) => ({
        NPDB_HTTP_PORT: String(self.port),
        NPDB_SCHEMA: self.schema,
        NPDB_SEED: '42',
        NPDB_SEED_PEOPLE: '300',
        NPDB_CHANGE_INTERVAL_MS: '0',
      }),
    },
    {
      name: 'military-personnel-db',
      entry: 'infra/simulators/military-personnel-db/src/main.ts',
      env: (self, before) => ({
        MPDB_HTTP_PORT: String(self.port),
        MPDB_SCHEMA: self.schema,
        NPDB_SCHEMA: before['national-population-db']!.schema,
        MPDB_SEED: '42',
        MPDB_CHANGE_INTERVAL_MS: '0',
      }),
    },
  ],
  upstream: 'military-personnel-db',
  env: ({ schema, simulators }) => ({
    MPDB_URL: simulators['military-personnel-db']!.url,
    MILITARY_ADAPTER_SCHEMA: schema,
  }),
  // A wrong OAuth2 client secret: the token endpoint answers 401 invalid_client, which the
  // adapter must treat as refused (non-retryable), not as an outage.
  credentials: { invalid: { MPDB_CLIENT_SECRET: 'not-the-personnel-db-secret' } },
  bulkSync: { entry: 'services/military-personnel-adapter/src/sync-cli.ts', args: ['--page-size', '25'] },
  makeChanges: async (upstream, count) => {
    await upstream.request('POST', '/admin/changes', { count });
  },
  // A health grade outside the medical board's 1–6: the catalog refuses it (simulator README, record quirks).
  makeBadRecord: async (upstream) => {
    await upstream.request('POST', '/admin/record-quirks', { quirk: 'malformed-health-grade' });
  },
});
