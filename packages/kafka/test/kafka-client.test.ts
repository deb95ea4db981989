import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readKafkaConfig } from '@motlan/config';
import { MotlanError } from '@motlan/errors';
import { createLogger } from '@motlan/logger';
import { createKafka, groupTimings, kafkaTls } from '../src/index.ts';

const dir = mkdtempSync(join(tmpdir(), 'kafka-tls-'));
for (const file of ['ca.pem', 'one-stop.pem', 'one-stop-key.pem', 'other.pem', 'other-key.pem'])
  writeFileSync(join(dir, file), `PEM of ${file}`);
const logger = createLogger({ name: 'test', level: 'silent' });

describe('Kafka client security from the environment', () => {
  it('is mutual TLS unless told otherwise, and refuses an unknown mode naming the variable', () => {
    expect(readKafkaConfig({}).KAFKA_SECURITY).toBe('ssl');
    expect(readKafkaConfig({ KAFKA_SECURITY: 'plaintext' }).KAFKA_SECURITY).toBe('plaintext');
    expect(() => readKafkaConfig({ KAFKA_SECURITY: 'none' })).toThrow(/KAFKA_SECURITY/);
  });

  it("presents the identity's own certificate from the certificate folder", () => {
    const tls = kafkaTls(readKafkaConfig({ KAFKA_SSL_CERT_DIR: dir }), 'one-stop');
    expect(tls).toEqual({ ca: 'PEM of ca.pem', cert: 'PEM of one-stop.pem', key: 'PEM of one-stop-key.pem' });
  });

  it('takes the files a user names for a broker of their own', () => {
    const config = readKafkaConfig({
      KAFKA_SSL_CERT_DIR: dir,
      KAFKA_SSL_CERT: join(dir, 'other.pem'),
      KAFKA_SSL_KEY: join(dir, 'other-key.pem'),
    });
    expect(kafkaTls(config, 'one-stop')).toMatchObject({
      cert: 'PEM of other.pem',
      key: 'PEM of other-key.pem',
    });
  });

  it('refuses to build a client whose certificate is missing, naming the variable', () => {
    const config = readKafkaConfig({ KAFKA_SSL_CERT_DIR: dir });
    let error: unknown;
    try {
      createKafka({ config, identity: 'fact-registry', logger });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(MotlanError);
    expect(error).toMatchObject({ code: 'MOTLAN_CONFIG_INVALID', field: 'KAFKA_SSL_CERT' });
  });

  it('needs no certificate under KAFKA_SECURITY=plaintext', () => {
    const config = readKafkaConfig({ KAFKA_SECURITY: 'plaintext', KAFKA_SSL_CERT_DIR: join(dir, 'absent') });
    expect(() => createKafka({ config, identity: 'fact-registry', logger })).not.toThrow();
  });
});

describe('consumer group timings from the environment', () => {
  it('default to a 10 s session, 1 s heartbeats and a 30 s rebalance, each set by its variable', () => {
    expect(groupTimings(readKafkaConfig({}))).toEqual({
      sessionTimeout: 10_000,
      heartbeatInterval: 1_000,
      rebalanceTimeout: 30_000,
    });
    expect(
      groupTimings(
        readKafkaConfig({
          KAFKA_SESSION_TIMEOUT_MS: '45000',
          KAFKA_HEARTBEAT_INTERVAL_MS: '3000',
          KAFKA_REBALANCE_TIMEOUT_MS: '60000',
        }),
      ),
    ).toEqual({ sessionTimeout: 45_000, heartbeatInterval: 3_000, rebalanceTimeout: 60_000 });
  });

  it("refuses a session below the broker's minimum and a heartbeat over a third of the session, naming the variable", () => {
    expect(() => readKafkaConfig({ KAFKA_SESSION_TIMEOUT_MS: '1000' })).toThrow(/KAFKA_SESSION_TIMEOUT_MS/);
    const config = readKafkaConfig({ KAFKA_SESSION_TIMEOUT_MS: '6000', KAFKA_HEARTBEAT_INTERVAL_MS: '2500' });
    expect(() => groupTimings(config)).toThrow(MotlanError);
    expect(() => groupTimings(config)).toThrow(/KAFKA_HEARTBEAT_INTERVAL_MS/);
    expect(() =>
      createKafka({ config: { ...config, KAFKA_SECURITY: 'plaintext' }, identity: 'fact-registry', logger }),
    ).toThrow(/KAFKA_HEARTBEAT_INTERVAL_MS/);
  });
});
