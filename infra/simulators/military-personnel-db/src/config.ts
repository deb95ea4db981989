import { DatabaseEnv, HttpEnv, loadConfig, LogEnv, Type, type Static } from '@motlan/config';

const SchemaName = (fallback: string, description: string) =>
  Type.String({ default: fallback, pattern: '^[a-z_][a-z0-9_]{0,62}$', description });

export const ConfigSchema = Type.Object({
  ...HttpEnv,
  ...DatabaseEnv,
  ...LogEnv,
  MPDB_HTTP_PORT: Type.Integer({ default: 7038, minimum: 0, maximum: 65535 }),
  MPDB_SCHEMA: SchemaName('mpdb', "the simulator's own schema"),
  NPDB_SCHEMA: SchemaName('npdb', "the population simulator's schema whose citizens the seeding reads"),
  MPDB_CLIENTS: Type.String({
    default: 'motlan-dev:motlan-dev-secret',
    pattern: '^[^:,\\s]+:[^,\\s]+(,[^:,\\s]+:[^,\\s]+)*$',
    description: 'OAuth2 clients: comma-separated clientId:clientSecret pairs',
  }),
  MPDB_TOKEN_TTL_S: Type.Integer({ default: 300, minimum: 1, maximum: 86_400 }),
  MPDB_SEED: Type.Integer({ default: 42 }),
  MPDB_SEED_IF_EMPTY: Type.Boolean({ default: true }),
  MPDB_POPULATION_WAIT_MS: Type.Integer({ default: 60_000, minimum: 0 }),
  MPDB_CHANGE_INTERVAL_MS: Type.Integer({ default: 5_000, minimum: 0 }),
});

export type Config = Static<typeof ConfigSchema>;

export function loadSimulatorConfig(env: Record<string, string | undefined> = process.env): Config {
  return loadConfig(ConfigSchema, env);
}
