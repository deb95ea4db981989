import { describe, expect, it } from 'vitest';
import { isMotlanError } from '@motlan/errors';
import {
  commandLineArgs,
  DatabaseEnv,
  HttpEnv,
  KafkaEnv,
  loadConfig,
  LocalStack,
  Type,
} from '../src/index.ts';

const schema = Type.Object({
  ...KafkaEnv,
  ...DatabaseEnv,
  ...HttpEnv,
  SERVICE_SECRET: Type.String({ minLength: 8 }),
});

describe('loadConfig', () => {
  it('applies defaults and coerces numbers', () => {
    const config = loadConfig(schema, { SERVICE_SECRET: 'long-enough', HTTP_PORT: '8080' });
    expect(config.HTTP_PORT).toBe(8080);
    expect(config.KAFKA_BROKERS).toBe(LocalStack.kafkaBrokers);
    expect(config.DATABASE_POOL_SIZE).toBe(10);
  });

  it('rejects a bad environment naming every failing variable at once', () => {
    let caught: unknown;
    try {
      loadConfig(schema, { HTTP_PORT: 'eighty', KAFKA_BROKERS: 'no port here', DATABASE_URL: 'mysql://x' });
    } catch (error) {
      caught = error;
    }
    expect(isMotlanError(caught)).toBe(true);
    const error = caught as Error & { code: string; field: string };
    expect(error.code).toBe('MOTLAN_CONFIG_INVALID');
    for (const name of ['SERVICE_SECRET', 'HTTP_PORT', 'KAFKA_BROKERS', 'DATABASE_URL']) {
      expect(error.message).toContain(name);
      expect(error.field.split(',')).toContain(name);
    }
  });

  it('leaves the caller schema untouched', () => {
    loadConfig(schema, { SERVICE_SECRET: 'long-enough' });
    expect((schema as { additionalProperties?: boolean }).additionalProperties).toBeUndefined();
  });
});

describe('commandLineArgs', () => {
  it('drops the `--` pnpm passes through, and nothing else', () => {
    expect(commandLineArgs(['--', '--json', '--schema', 'x'])).toEqual(['--json', '--schema', 'x']);
    expect(commandLineArgs(['--json', '--', 'x'])).toEqual(['--json', '--', 'x']);
    expect(commandLineArgs([])).toEqual([]);
  });
});
