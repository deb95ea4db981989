import { loadAdminUnits } from '@motlan/admin-units';
import { buildAdapterApp, type AdapterApp, type AdapterDeps, type UpstreamClient } from '@motlan/adapter-kit';
import type { Config } from './config.ts';
import { populationServiceBinding } from './grpc/population-service.ts';
import { registerAdminUnitRoutes } from './http/admin-units-routes.ts';
import { registerCitizenRoutes } from './http/citizens-routes.ts';
import { populationAdapter } from './population-adapter.ts';
import { createNpdbClient } from './upstream/npdb-client.ts';
import type { NpdbRecord } from './domain/npdb-record.ts';

export const VERSION = '0.1.0';

/** Builds the adapter: kit runtime + PopulationService over gRPC and REST. Never listens. */
export function buildApp(
  config: Config,
  deps: AdapterDeps,
  client: UpstreamClient<NpdbRecord> = createNpdbClient({
    baseUrl: config.NPDB_URL,
    keyId: config.NPDB_API_KEY_ID,
    secret: config.NPDB_API_SECRET,
  }),
): Promise<AdapterApp<NpdbRecord>> {
  return buildAdapterApp({
    adapter: populationAdapter(client, VERSION),
    settings: config,
    deps,
    openapi: {
      title: 'Motlan population adapter',
      description:
        'Verified identity data from the national population database: verify claims without revealing ' +
        'recorded values, and read facts with provenance for a named purpose.',
    },
    grpcBindings: (serving) => [populationServiceBinding(serving)],
    routes: (app, serving) => {
      registerCitizenRoutes(app, serving);
      registerAdminUnitRoutes(app, loadAdminUnits());
    },
  });
}
