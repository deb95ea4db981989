import { grpcChannelCredentials, type TlsMaterial } from '@motlan/access';
import { RequestMetadata } from '@motlan/domain';
import { createGrpcClient, type GrpcClient } from '@motlan/grpc';
import type { Fact__Output, factsV1, populationV1 } from '@motlan/proto';
import type { KnownFact } from '../domain/prefill.ts';
import type { ApplicantVerifier, FactStore, SubscriptionInfo, Subscriptions } from './ports.ts';

export interface MeshSettings {
  populationAddress: string;
  registryAddress: string;
  tls: TlsMaterial;
  deadlineMs: number;
}

/** gRPC clients (mutual TLS, identity `one-stop`) to the population adapter and the fact registry. */
export function grpcMesh(settings: MeshSettings): {
  verifier: ApplicantVerifier;
  facts: FactStore;
  subscriptions: Subscriptions;
  close(): void;
} {
  const client = (service: string, address: string): GrpcClient =>
    createGrpcClient(service, {
      address,
      credentials: grpcChannelCredentials(settings.tls),
      // Development certificates name localhost and 127.0.0.1.
      channelOptions: { 'grpc.ssl_target_name_override': 'localhost' },
      defaultDeadlineMs: settings.deadlineMs,
    });
  const population = client('motlan.population.v1.PopulationService', settings.populationAddress);
  const registry = client('motlan.facts.v1.FactRegistry', settings.registryAddress);
  const subscriptions = client('motlan.facts.v1.FactSubscriptions', settings.registryAddress);

  return {
    verifier: {
      async verify(request) {
        const answer = await population.call<populationV1.VerifyCitizenResponse__Output>(
          'VerifyCitizen',
          {
            personalId: request.personalId,
            claims: { fullName: request.fullName, dateOfBirth: request.dateOfBirth },
            purpose: request.purpose,
          },
          { metadata: { [RequestMetadata.requestId]: request.requestId } },
        );
        return {
          verified: answer.verified,
          citizenFound: answer.citizenFound,
          vitalStatus: answer.vitalStatus,
          mismatched: answer.attributes
            .filter((attribute) => attribute.outcome === 'MATCH_OUTCOME_MISMATCH')
            .map((attribute) => attribute.attribute),
        };
      },
    },
    facts: {
      async getFacts(personalId, types, purpose, requestId) {
        const answer = await registry.call<factsV1.GetFactsResponse__Output>(
          'GetFacts',
          { personalId, factTypes: types, purpose },
          { metadata: { [RequestMetadata.requestId]: requestId } },
        );
        return answer.facts.flatMap((entry) => knownFact(entry.fact));
      },
      async factVersion(personalId, type, factId, purpose, requestId) {
        const answer = await registry.call<factsV1.GetHistoryResponse__Output>(
          'GetHistory',
          { personalId, factType: type, purpose },
          { metadata: { [RequestMetadata.requestId]: requestId } },
        );
        const version = answer.versions.find((entry) => entry.fact?.id === factId);
        return knownFact(version?.fact ?? null)[0];
      },
    },
    subscriptions: {
      async list() {
        const answer = await subscriptions.call<factsV1.ListSubscriptionsResponse__Output>(
          'ListSubscriptions',
          {},
        );
        return answer.subscriptions.map(subscriptionInfo);
      },
      async createKafka(purpose, factTypes) {
        return subscriptionInfo(
          await subscriptions.call<factsV1.Subscription__Output>('CreateSubscription', {
            purpose,
            factTypes,
            delivery: 'DELIVERY_KAFKA',
          }),
        );
      },
    },
    close() {
      population.close();
      registry.close();
      subscriptions.close();
    },
  };
}

function knownFact(fact: Fact__Output | null): KnownFact[] {
  if (!fact?.provenance) return [];
  return [
    {
      factId: fact.id,
      type: fact.type,
      value: JSON.parse(fact.valueJson) as unknown,
      sourceSystem: fact.provenance.sourceSystem,
      assurance: fact.provenance.assurance,
      sourceRecordRef: fact.provenance.sourceRecordRef,
      observedAt: fact.provenance.observedAt,
      dossierId: fact.provenance.dossierId,
    },
  ];
}

function subscriptionInfo(subscription: factsV1.Subscription__Output): SubscriptionInfo {
  return {
    id: subscription.id,
    purpose: subscription.purpose,
    factTypes: subscription.factTypes,
    delivery: subscription.delivery,
    topic: subscription.topic,
  };
}
