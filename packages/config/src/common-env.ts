import { Type } from 'typebox';

/**
 * Schema fragments every service composes into its own config schema
 * (`Type.Object({ ...KafkaEnv, ...DatabaseEnv, MY_VAR: Type.String() })`).
 * Defaults point at the local stack that `pnpm start` and the tests bring up (infra/kafka and
 * infra/postgres, on KAFKA_PORT / PG_PORT when those are set, as the scripts do).
 */
export const LocalStack = {
  kafkaBrokers: `127.0.0.1:${process.env['KAFKA_PORT'] ?? '19092'}`,
  databaseUrl: `postgres://motlan@127.0.0.1:${process.env['PG_PORT'] ?? '54329'}/motlan`,
} as const;

export const LogEnv = {
  LOG_LEVEL: Type.Union(
    ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((level) => Type.Literal(level)),
    { default: 'info' },
  ),
  NODE_ENV: Type.String({ default: 'development' }),
};

export const KafkaEnv = {
  KAFKA_BROKERS: Type.String({
    default: LocalStack.kafkaBrokers,
    pattern: '^[^,\\s]+:\\d+(,[^,\\s]+:\\d+)*$',
  }),
  KAFKA_CLIENT_ID: Type.Optional(Type.String({ minLength: 1 })),
  /** Put before every topic name: several meshes (or test runs) can share one cluster. */
  KAFKA_TOPIC_PREFIX: Type.String({ default: '', pattern: '^[A-Za-z0-9._-]*$' }),
};

export const DatabaseEnv = {
  DATABASE_URL: Type.String({ default: LocalStack.databaseUrl, pattern: '^postgres(ql)?://' }),
  DATABASE_POOL_SIZE: Type.Integer({ default: 10, minimum: 1, maximum: 200 }),
};

export const HttpEnv = {
  HTTP_HOST: Type.String({ default: '127.0.0.1' }),
  HTTP_PORT: Type.Integer({ default: 0, minimum: 0, maximum: 65535 }),
};

export const GrpcEnv = {
  GRPC_HOST: Type.String({ default: '127.0.0.1' }),
  GRPC_PORT: Type.Integer({ default: 0, minimum: 0, maximum: 65535 }),
};

export function brokerList(value: string): string[] {
  return value.split(',').map((broker) => broker.trim());
}
