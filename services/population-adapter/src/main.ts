import { createAdapterDeps, onShutdown, serveAdapter } from '@motlan/adapter-kit';
import { buildApp } from './app.ts';
import { readConfig } from './config.ts';

const config = readConfig();
// The adapter's tables are the kit's (snapshots, cursors), in its own schema.
const deps = await createAdapterDeps('population-adapter', config.POPULATION_ADAPTER_SCHEMA, config);
const app = await buildApp(config, deps);
const served = await serveAdapter(app, config, deps.logger, deps.registry);
deps.logger.info({ http: served.httpUrl, grpc: served.grpcAddress }, 'population adapter listening');
onShutdown(deps.logger, async () => {
  await served.stop();
  await deps.close();
});
