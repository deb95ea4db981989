import { DatabaseEnv, HttpEnv, loadConfig, LocalStack, LogEnv, Type, type Static } from '@motlan/config';

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
  MPDB_NOTIFICATIONS_ADDRESS: Type.String({
    default: '',
    pattern: '^$|^[^\\s:]+:\\d+$',
    description:
      "The fact registry's gRPC host:port to subscribe to its notifications there; empty (the default): no subscriber",
  }),
  MPDB_NOTIFICATIONS_PURPOSE: Type.String({
    default: '1.004222',
    pattern: '^\\S+$',
    description: 'The procedure code the subscription is made for (its legal basis in the access policy)',
  }),
  MPDB_NOTIFICATIONS_IDENTITY: Type.String({
    default: 'military-personnel-db',
    pattern: '^[A-Za-z0-9._-]+$',
    description:
      'The certificate this system presents to the registry: <MTLS_CERT_DIR>/<identity>.pem and -key.pem',
  }),
  MTLS_CERT_DIR: Type.String({
    default: LocalStack.certDir,
    minLength: 1,
    description: 'Folder with ca.pem and <identity>.pem / <identity>-key.pem (infra/certs/generate.sh)',
  }),
});

export type Config = Static<typeof ConfigSchema>;

export function loadSimulatorConfig(env: Record<string, string | undefined> = process.env): Config {
  return loadConfig(ConfigSchema, env);
}
