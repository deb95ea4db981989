import { buildAdapterApp, type AdapterApp, type AdapterDeps } from '@motlan/adapter-kit';
import type { Config } from './config.ts';
import { militaryPersonnelServiceBinding } from './grpc/military-personnel-service.ts';
import { registerServiceMemberRoutes } from './http/service-members-routes.ts';
import { MemberLookup } from './member-lookup.ts';
import { militaryPersonnelAdapter } from './military-personnel-adapter.ts';
import { createMpdbClient, type MpdbClient } from './upstream/mpdb-client.ts';
import type { MpdbRecord } from './domain/mpdb-record.ts';

export const VERSION = '0.2.0';

/** Builds the adapter: kit runtime + MilitaryPersonnelService over gRPC and REST. Never listens. */
export async function buildApp(
  config: Config,
  deps: AdapterDeps,
  client: MpdbClient = createMpdbClient({
    baseUrl: config.MPDB_URL,
    clientId: config.MPDB_CLIENT_ID,
    clientSecret: config.MPDB_CLIENT_SECRET,
  }),
): Promise<AdapterApp<MpdbRecord>> {
  // Lookups by military person code resolve through the same breaker as the kit's lookups.
  const lookup = new MemberLookup(client, deps.policy, () => app.caller);
  const app: AdapterApp<MpdbRecord> = await buildAdapterApp({
    adapter: militaryPersonnelAdapter(client, VERSION),
    settings: config,
    deps,
    openapi: {
      title: 'Motlan military personnel adapter',
      description:
        'Service members, reservists and citizens registered for military service, from the military personnel ' +
        'database: verify claims without revealing recorded values, and read facts with provenance, by personal ' +
        'ID or military person code, for a named purpose.',
    },
    grpcBindings: (serving) => [militaryPersonnelServiceBinding(serving, lookup)],
    routes: (http, serving) => registerServiceMemberRoutes(http, serving, lookup),
  });
  return app;
}
