import { createAdapterDeps, onShutdown, serveAdapter } from '@motlan/adapter-kit';
import { buildApp } from './app.ts';
import { readConfig } from './config.ts';

const config = readConfig();
// The adapter's tables are the kit's (snapshots, cursors, quarantine, audit), in its own schema.
const deps = await createAdapterDeps('military-personnel-adapter', config.MILITARY_ADAPTER_SCHEMA, config);
const app = await buildApp(config, deps);
const served = await serveAdapter(app, config, deps.logger, deps.registry);
deps.logger.info({ http: served.httpUrl, grpc: served.grpcAddress }, 'military personnel adapter listening');
onShutdown(deps.logger, async () => {
  await served.stop();
  await deps.close();
});
