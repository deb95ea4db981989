import { randomUUID } from 'node:crypto';
import { request } from 'node:https';
import { grpcChannelCredentials, loadTlsMaterial } from '@motlan/access';
import { RequestMetadata } from '@motlan/domain';
import { createGrpcClient, type GrpcClient } from '@motlan/grpc';
import type { Fact__Output } from '@motlan/proto';
import { clientTls, httpsJson } from '@motlan/testkit';
import { CheckFailed } from '../check-failed.ts';

/** The conformance suite's own client identity (its certificate; granted by the run's policy file). */
export const CONFORMANCE_CLIENT = 'adapter-conformance';

export interface FactsAnswer {
  facts: Fact__Output[];
  missing: string[];
  freshness: { stale: boolean; ageSeconds: string | number; fetchedAt: string };
  adapter: string;
}

/**
 * Talks to a running adapter as a client of the mesh does: `motlan.adapter.v1.SourceAdapter`
 * over gRPC with mutual TLS, the operations routes (`/ready`, `/metrics`) and the quarantine view.
 */
export class AdapterClient {
  private readonly grpc: GrpcClient;
  private readonly tls = clientTls(CONFORMANCE_CLIENT);

  constructor(
    readonly grpcAddress: string,
    readonly httpUrl: string,
    certDir: string,
  ) {
    this.grpc = createGrpcClient('motlan.adapter.v1.SourceAdapter', {
      address: grpcAddress,
      credentials: grpcChannelCredentials(loadTlsMaterial(certDir, CONFORMANCE_CLIENT)),
      channelOptions: { 'grpc.ssl_target_name_override': 'localhost' },
    });
  }

  getFacts(
    subject: string,
    factTypes: readonly string[],
    purpose: string,
    options: { deadlineMs?: number; requestId?: string } = {},
  ): Promise<FactsAnswer> {
    return this.grpc.call<FactsAnswer>(
      'GetFacts',
      { personalId: subject, factTypes, purpose },
      {
        deadlineMs: options.deadlineMs ?? 5_000,
        metadata: { [RequestMetadata.requestId]: options.requestId ?? randomUUID() },
      },
    );
  }

  async ready(): Promise<boolean> {
    return (await this.text('/ready').catch(() => ({ status: 0 }))).status === 200;
  }

  /** The value of `motlan_breaker_state{breaker="<name>"}` (0 closed, 1 half-open, 2 open), if exported. */
  async breakerState(name: string): Promise<number | undefined> {
    const { body } = await this.text('/metrics');
    const line = body
      .split('\n')
      .find((candidate) => candidate.startsWith(`motlan_breaker_state{breaker="${name}"}`));
    return line === undefined ? undefined : Number(line.split(' ').at(-1));
  }

  /** Quarantined records, resolved ones included (the policy file marks this client `mayOperate`). */
  async quarantine(): Promise<{ reasonCode: string; quarantinedAt: string; lastTriedAt: string }[]> {
    const answer = await httpsJson(`${this.httpUrl}/v1/quarantine?includeResolved=true&limit=1000`, {
      tls: this.tls,
    });
    if (answer.status !== 200) throw new CheckFailed(`GET /v1/quarantine answered ${answer.status}`);
    return (answer.body as { records: { reasonCode: string; quarantinedAt: string; lastTriedAt: string }[] })
      .records;
  }

  close(): void {
    this.grpc.close();
  }

  private text(path: string): Promise<{ status: number; body: string }> {
    return new Promise((resolve, reject) => {
      request(`${this.httpUrl}${path}`, { ca: this.tls.ca, timeout: 5_000 }, (response) => {
        let body = '';
        response.on('data', (chunk: Buffer) => (body += chunk.toString()));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
      })
        .on('error', reject)
        .end();
    });
  }
}
