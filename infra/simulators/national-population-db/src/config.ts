import { DatabaseEnv, HttpEnv, loadConfig, LogEnv, Type, type Static } from '@motlan/config';

export const ConfigSchema = Type.Object({
  ...HttpEnv,
  ...DatabaseEnv,
  ...LogEnv,
  NPDB_HTTP_PORT: Type.Integer({ default: 7037, minimum: 0, maximum: 65535 }),
  NPDB_SCHEMA: Type.String({ default: 'npdb', pattern: '^[a-z_][a-z0-9_]{0,62}$' }),
  NPDB_API_KEYS: Type.String({
    default: 'motlan-dev:motlan-dev-secret',
    pattern: '^[^:,\\s]+:[^,\\s]+(,[^:,\\s]+:[^,\\s]+)*$',
    description: 'comma-separated keyId:secret pairs',
  }),
  NPDB_SEED_PEOPLE: Type.Integer({ default: 10_000, minimum: 0, maximum: 200_000_000 }),
  NPDB_CHANGE_INTERVAL_MS: Type.Integer({ default: 3_000, minimum: 0 }),
  NPDB_SEED: Type.Integer({ default: 42 }),
});

export type Config = Static<typeof ConfigSchema>;

export function loadSimulatorConfig(env: Record<string, string | undefined> = process.env): Config {
  return loadConfig(ConfigSchema, env);
}
