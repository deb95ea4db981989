/**
 * A typed client of motlan.facts.v1.FactRegistry (mutual TLS as the given certificate) for checks
 * and drivers: the workspace's own gRPC client over the generated message types, nothing declared
 * by hand here.
 */
import { createGrpcClient } from '@motlan/grpc';
import type { factsV1 } from '@motlan/proto';
import { GrpcServices } from './mesh.ts';
import { channelCredentials, TLS_CHANNEL_OPTIONS, waitForChannel, type TlsFiles } from './tls.ts';

export interface FactRegistryClient {
  waitForReady(timeoutMs: number): Promise<void>;
  getFacts(request: factsV1.GetFactsRequest, deadlineMs?: number): Promise<factsV1.GetFactsResponse__Output>;
  declareFacts(
    request: factsV1.DeclareFactsRequest,
    deadlineMs?: number,
  ): Promise<factsV1.DeclareFactsResponse__Output>;
  close(): void;
}

export function factRegistryClient(target: string, tls: TlsFiles): FactRegistryClient {
  const client = createGrpcClient(GrpcServices.factRegistry, {
    address: target,
    credentials: channelCredentials(tls),
    channelOptions: TLS_CHANNEL_OPTIONS,
    defaultDeadlineMs: 10_000,
  });
  return {
    waitForReady: (timeoutMs) => waitForChannel(client.raw, timeoutMs),
    getFacts: (request, deadlineMs) => client.call('GetFacts', request, { deadlineMs }),
    declareFacts: (request, deadlineMs) => client.call('DeclareFacts', request, { deadlineMs }),
    close: () => client.close(),
  };
}
