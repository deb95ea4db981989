/**
 * What `pnpm adapter:conformance population-adapter` needs to know about this adapter: its entry
 * points, its simulator, how to move its upstream and how to break it. Everything else is the
 * adapter kit's contract, checked the same way for every adapter (packages/adapter-conformance).
 */
import { defineConformance } from '@motlan/adapter-conformance';
import { POPULATION_FACT_TYPES } from './src/domain/map-record.ts';

export default defineConformance({
  adapter: 'population-adapter',
  entry: 'services/population-adapter/src/main.ts',
  factTypes: POPULATION_FACT_TYPES,
  simulators: [
    {
      name: 'national-population-db',
      entry: 'infra/simulators/national-population-db/src/main.ts',
      // The golden facts are about this population: seed 42, 60 people (deterministic).
      env: (self) => ({
        NPDB_HTTP_PORT: String(self.port),
        NPDB_SCHEMA: self.schema,
        NPDB_SEED: '42',
        NPDB_SEED_PEOPLE: '60',
        NPDB_CHANGE_INTERVAL_MS: '0',
      }),
    },
  ],
  upstream: 'national-population-db',
  env: ({ schema, simulators }) => ({
    NPDB_URL: simulators['national-population-db']!.url,
    POPULATION_ADAPTER_SCHEMA: schema,
  }),
  credentials: { invalid: { NPDB_API_SECRET: 'not-the-population-db-secret' } },
  bulkSync: { entry: 'services/population-adapter/src/sync-cli.ts', args: ['--page-size', '25'] },
  makeChanges: async (upstream, count) => {
    await upstream.request('POST', '/admin/changes', { count });
  },
  // A ward code that is not five digits: the catalog refuses the address (simulator README, record quirks).
  makeBadRecord: async (upstream) => {
    await upstream.request('POST', '/admin/record-quirks', { quirk: 'malformed-ward-code' });
  },
});
