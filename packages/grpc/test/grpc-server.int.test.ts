import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { protoPath as healthProtoPath } from 'grpc-health-check';
import { createLogger } from '@motlan/logger';
import { startGrpcServer, type RunningGrpcServer } from '../src/index.ts';

const run = promisify(execFile);
const buf = fileURLToPath(new URL('../node_modules/.bin/buf', import.meta.url));
let server: RunningGrpcServer;

beforeAll(async () => {
  server = await startGrpcServer({ services: [], logger: createLogger({ name: 'test', level: 'silent' }) });
});
afterAll(async () => {
  await server.stop(1_000);
});

describe('gRPC server kit', () => {
  it('answers grpc.health.v1 Check to a grpc-js health client', async () => {
    const definition = protoLoader.loadSync(healthProtoPath, { keepCase: true, enums: String });
    const health = grpc.loadPackageDefinition(definition) as unknown as {
      grpc: { health: { v1: { Health: grpc.ServiceClientConstructor } } };
    };
    const client = new health.grpc.health.v1.Health(
      `127.0.0.1:${server.port}`,
      grpc.credentials.createInsecure(),
    );
    type HealthClient = {
      Check(
        request: { service: string },
        options: grpc.CallOptions,
        callback: (error: Error | null, response: { status: string }) => void,
      ): void;
    };
    const reply = await new Promise<{ status: string }>((resolve, reject) =>
      (client as unknown as HealthClient).Check(
        { service: '' },
        { deadline: Date.now() + 3_000 },
        (error, response) => (error ? reject(error) : resolve(response)),
      ),
    );
    client.close();
    expect(reply.status).toBe('SERVING');
  });

  it('serves reflection and health to buf curl, with no proto files', async () => {
    const { stdout: services } = await run(buf, [
      'curl',
      '--protocol',
      'grpc',
      '--http2-prior-knowledge',
      '--list-services',
      `http://127.0.0.1:${server.port}`,
    ]);
    expect(services.split('\n')).toContain('grpc.health.v1.Health');

    const { stdout } = await run(buf, [
      'curl',
      '--protocol',
      'grpc',
      '--http2-prior-knowledge',
      '--data',
      '{"service": ""}',
      `http://127.0.0.1:${server.port}/grpc.health.v1.Health/Check`,
    ]);
    expect(JSON.parse(stdout)).toEqual({ status: 'SERVING' });
  });

  it('refuses connections once stopped', async () => {
    const other = await startGrpcServer({
      services: [],
      logger: createLogger({ name: 'test', level: 'silent' }),
    });
    await other.stop(1_000);
    await expect(
      run(
        buf,
        [
          'curl',
          '--protocol',
          'grpc',
          '--http2-prior-knowledge',
          '--list-services',
          `http://127.0.0.1:${other.port}`,
        ],
        {
          timeout: 5_000,
        },
      ),
    ).rejects.toBeDefined();
  });
});
