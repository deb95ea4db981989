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
  HTTP_PORT: Type.Integer({ default: 7100, minimum: 0, maximum: 65535 }),
  GRPC_PORT: Type.Integer({ default: 7101, minimum: 0, maximum: 65535 }),
  POPULATION_ADAPTER_SCHEMA: Type.String({ default: 'population_adapter', pattern: '^[a-z_][a-z0-9_]*$' }),
  /** The national population database's lookup API. */
  NPDB_URL: Type.String({ default: 'http://127.0.0.1:7037', pattern: '^https?://' }),
  NPDB_API_KEY_ID: Type.String({ default: 'motlan-dev', minLength: 1 }),
  NPDB_API_SECRET: Type.String({ default: 'motlan-dev-secret', minLength: 8 }),
});

export type Config = Static<typeof ConfigSchema>;

export function readConfig(env: Record<string, string | undefined> = process.env): Config {
  return loadConfig(ConfigSchema, env);
}
