/** A plain grpc-js client of motlan.facts.v1.FactRegistry (mutual TLS), for checks and drivers. */
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { FACT_REGISTRY_PROTO, FACT_REGISTRY_PROTO_INCLUDE, FACT_REGISTRY_SERVICE } from './fact-registry.ts';
import { grpcClient, type TlsFiles } from './tls.ts';

/** GetFactsRequest / response in proto-loader's shape (camelCase). */
export interface GetFactsRequest {
  personalId: string;
  factTypes: string[];
  purpose: string;
}

export interface GetFactsResponse {
  facts: { fact: { id: string; type: string; valueJson: string }; conflicted: boolean }[];
  missing: string[];
}

export interface DeclareFactsRequest {
  personalId: string;
  facts: { type: string; valueJson: string }[];
  dossierId: string;
  purpose: string;
}

export interface DeclareFactsResponse {
  factIds: string[];
}

export interface FactRegistryClient {
  waitForReady(timeoutMs: number): Promise<void>;
  getFacts(request: GetFactsRequest, deadlineMs?: number): Promise<GetFactsResponse>;
  declareFacts(request: DeclareFactsRequest, deadlineMs?: number): Promise<DeclareFactsResponse>;
  close(): void;
}

export function factRegistryClient(target: string, tls: TlsFiles): FactRegistryClient {
  const definition = protoLoader.loadSync(FACT_REGISTRY_PROTO, {
    keepCase: false,
    longs: String,
    enums: String,
    defaults: true,
    oneofs: true,
    includeDirs: [FACT_REGISTRY_PROTO_INCLUDE],
  });
  const service = definition[FACT_REGISTRY_SERVICE] as grpc.ServiceDefinition;
  const client = grpcClient(target, tls);
  const unary =
    <Req, Res>(name: string) =>
    (request: Req, deadlineMs = 10_000): Promise<Res> => {
      const method = service[name]!;
      return new Promise((resolve, reject) =>
        client.makeUnaryRequest(
          method.path,
          method.requestSerialize,
          method.responseDeserialize,
          request,
          new grpc.Metadata(),
          { deadline: Date.now() + deadlineMs },
          (error, response) => (error ? reject(error) : resolve(response as Res)),
        ),
      );
    };
  return {
    waitForReady: (timeoutMs) =>
      new Promise((resolve, reject) =>
        client.waitForReady(Date.now() + timeoutMs, (error) => (error ? reject(error) : resolve())),
      ),
    getFacts: unary<GetFactsRequest, GetFactsResponse>('GetFacts'),
    declareFacts: unary<DeclareFactsRequest, DeclareFactsResponse>('DeclareFacts'),
    close: () => client.close(),
  };
}
