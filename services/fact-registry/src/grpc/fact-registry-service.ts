import { randomUUID } from 'node:crypto';
import { grpcClientIdentity } from '@motlan/access';
import { checkIdempotencyKey, IDEMPOTENCY_KEY_HEADER, RequestMetadata } from '@motlan/domain';
import type { grpc, ServiceBinding, UnaryHandler } from '@motlan/grpc';
import type { factsV1 } from '@motlan/proto';
import { parseValueJson } from '../domain/declare.ts';
import type { Caller, FactRegistry } from '../fact-registry.ts';

function callerOf(call: grpc.ServerUnaryCall<unknown, unknown>): Caller {
  const requestId = call.metadata.get(RequestMetadata.requestId)[0];
  return { client: grpcClientIdentity(call), requestId: requestId ? String(requestId) : randomUUID() };
}

type Handler<Req, Res> = UnaryHandler<Req, Res>;
const bind = <Req, Res>(handler: Handler<Req, Res>) => handler as ServiceBinding['handlers'][string];

/** motlan.facts.v1.FactRegistry over gRPC (mutual TLS: the caller is its certificate). */
export function factRegistryBinding(registry: FactRegistry): ServiceBinding {
  const getFacts: Handler<factsV1.GetFactsRequest__Output, factsV1.GetFactsResponse> = async (
    request,
    call,
  ) => registry.getFacts(callerOf(call), request);

  const declareFacts: Handler<factsV1.DeclareFactsRequest__Output, factsV1.DeclareFactsResponse> = async (
    request,
    call,
  ) => ({
    factIds: await registry.declare(
      callerOf(call),
      {
        personalId: request.personalId,
        dossierId: request.dossierId,
        facts: request.facts.map((fact, index) => ({
          type: fact.type,
          value: parseValueJson(fact.valueJson, index),
        })),
      },
      // Metadata of the same name as the REST header; a repeated key keeps its first value.
      checkIdempotencyKey(call.metadata.get(IDEMPOTENCY_KEY_HEADER)[0]?.toString(), IDEMPOTENCY_KEY_HEADER),
    ),
  });

  const getHistory: Handler<factsV1.GetHistoryRequest__Output, factsV1.GetHistoryResponse> = async (
    request,
    call,
  ) => ({
    versions: await registry.history(callerOf(call), request),
  });

  const listDisclosures: Handler<
    factsV1.ListDisclosuresRequest__Output,
    factsV1.ListDisclosuresResponse
  > = async (request, call) => ({ disclosures: await registry.listDisclosures(callerOf(call), request) });

  return {
    name: 'motlan.facts.v1.FactRegistry',
    // A declared value arrives as JSON text, which may be laid out over lines; the strings inside
    // it are single-line again when validateFactValue checks the parsed value.
    multilineFields: ['valueJson'],
    handlers: {
      GetFacts: bind(getFacts),
      DeclareFacts: bind(declareFacts),
      GetHistory: bind(getHistory),
      ListDisclosures: bind(listDisclosures),
    },
  };
}
