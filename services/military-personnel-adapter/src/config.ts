import { AdapterEnv } from '@motlan/adapter-kit';
import {
  DatabaseEnv,
  GrpcEnv,
  HttpEnv,
  KafkaEnv,
  loadConfig,
  LogEnv,
  Type,
  type Static,
} from '@motlan/config';

export const ConfigSchema = Type.Object({
  ...LogEnv,
  ...KafkaEnv,
  ...DatabaseEnv,
  ...HttpEnv,
  ...GrpcEnv,
  ...AdapterEnv,
  HTTP_PORT: Type.Integer({ default: 7400, minimum: 0, maximum: 65535 }),
  GRPC_PORT: Type.Integer({ default: 7401, minimum: 0, maximum: 65535 }),
  MILITARY_ADAPTER_SCHEMA: Type.String({
    default: 'military_personnel_adapter',
    pattern: '^[a-z_][a-z0-9_]*$',
  }),
  /** The military personnel database's REST API (and its OAuth2 token endpoint, `/oauth/token`). */
  MPDB_URL: Type.String({ default: 'http://127.0.0.1:7038', pattern: '^https?://' }),
  /** OAuth2 client credentials (RFC 6749 §4.4) the personnel database issued to Motlan. */
  MPDB_CLIENT_ID: Type.String({ default: 'motlan-dev', minLength: 1 }),
  MPDB_CLIENT_SECRET: Type.String({ default: 'motlan-dev-secret', minLength: 8 }),
});

export type Config = Static<typeof ConfigSchema>;

export function readConfig(env: Record<string, string | undefined> = process.env): Config {
  return loadConfig(ConfigSchema, env);
}
