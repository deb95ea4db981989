// Original file: protos/motlan/facts/v1/fact_registry.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { DeclareFactsRequest as _motlan_facts_v1_DeclareFactsRequest, DeclareFactsRequest__Output as _motlan_facts_v1_DeclareFactsRequest__Output } from '../../../motlan/facts/v1/DeclareFactsRequest.ts';
import type { DeclareFactsResponse as _motlan_facts_v1_DeclareFactsResponse, DeclareFactsResponse__Output as _motlan_facts_v1_DeclareFactsResponse__Output } from '../../../motlan/facts/v1/DeclareFactsResponse.ts';
import type { GetFactsRequest as _motlan_facts_v1_GetFactsRequest, GetFactsRequest__Output as _motlan_facts_v1_GetFactsRequest__Output } from '../../../motlan/facts/v1/GetFactsRequest.ts';
import type { GetFactsResponse as _motlan_facts_v1_GetFactsResponse, GetFactsResponse__Output as _motlan_facts_v1_GetFactsResponse__Output } from '../../../motlan/facts/v1/GetFactsResponse.ts';
import type { GetHistoryRequest as _motlan_facts_v1_GetHistoryRequest, GetHistoryRequest__Output as _motlan_facts_v1_GetHistoryRequest__Output } from '../../../motlan/facts/v1/GetHistoryRequest.ts';
import type { GetHistoryResponse as _motlan_facts_v1_GetHistoryResponse, GetHistoryResponse__Output as _motlan_facts_v1_GetHistoryResponse__Output } from '../../../motlan/facts/v1/GetHistoryResponse.ts';
import type { ListDisclosuresRequest as _motlan_facts_v1_ListDisclosuresRequest, ListDisclosuresRequest__Output as _motlan_facts_v1_ListDisclosuresRequest__Output } from '../../../motlan/facts/v1/ListDisclosuresRequest.ts';
import type { ListDisclosuresResponse as _motlan_facts_v1_ListDisclosuresResponse, ListDisclosuresResponse__Output as _motlan_facts_v1_ListDisclosuresResponse__Output } from '../../../motlan/facts/v1/ListDisclosuresResponse.ts';

export interface FactRegistryClient extends grpc.Client {
  DeclareFacts(argument: _motlan_facts_v1_DeclareFactsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_motlan_facts_v1_DeclareFactsResponse__Output>): grpc.ClientUnaryCall;
  DeclareFacts(argument: _motlan_facts_v1_DeclareFactsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_motlan_facts_v1_DeclareFactsResponse__Output>): grpc.ClientUnaryCall;
  DeclareFacts(argument: _motlan_facts_v1_DeclareFactsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_motlan_facts_v1_DeclareFactsResponse__Output>): grpc.ClientUnaryCall;
  DeclareFacts(argument: _motlan_facts_v1_DeclareFactsRequest, callback: grpc.requestCallback<_motlan_facts_v1_DeclareFactsResponse__Output>): grpc.ClientUnaryCall;
  declareFacts(argument: _motlan_facts_v1_DeclareFactsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_motlan_facts_v1_DeclareFactsResponse__Output>): grpc.ClientUnaryCall;
  declareFacts(argument: _motlan_facts_v1_DeclareFactsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_motlan_facts_v1_DeclareFactsResponse__Output>): grpc.ClientUnaryCall;
  declareFacts(argument: _motlan_facts_v1_DeclareFactsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_motlan_facts_v1_DeclareFactsResponse__Output>): grpc.ClientUnaryCall;
  declareFacts(argument: _motlan_facts_v1_DeclareFactsRequest, callback: grpc.requestCallback<_motlan_facts_v1_DeclareFactsResponse__Output>): grpc.ClientUnaryCall;
  
  GetFacts(argument: _motlan_facts_v1_GetFactsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_motlan_facts_v1_GetFactsResponse__Output>): grpc.ClientUnaryCall;
  GetFacts(argument: _motlan_facts_v1_GetFactsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_motlan_facts_v1_GetFactsResponse__Output>): grpc.ClientUnaryCall;
  GetFacts(argument: _motlan_facts_v1_GetFactsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_motlan_facts_v1_GetFactsResponse__Output>): grpc.ClientUnaryCall;
  GetFacts(argument: _motlan_facts_v1_GetFactsRequest, callback: grpc.requestCallback<_motlan_facts_v1_GetFactsResponse__Output>): grpc.ClientUnaryCall;
  getFacts(argument: _motlan_facts_v1_GetFactsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_motlan_facts_v1_GetFactsResponse__Output>): grpc.ClientUnaryCall;
  getFacts(argument: _motlan_facts_v1_GetFactsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_motlan_facts_v1_GetFactsResponse__Output>): grpc.ClientUnaryCall;
  getFacts(argument: _motlan_facts_v1_GetFactsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_motlan_facts_v1_GetFactsResponse__Output>): grpc.ClientUnaryCall;
  getFacts(argument: _motlan_facts_v1_GetFactsRequest, callback: grpc.requestCallback<_motlan_facts_v1_GetFactsResponse__Output>): grpc.ClientUnaryCall;
  
  GetHistory(argument: _motlan_facts_v1_GetHistoryRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_motlan_facts_v1_GetHistoryResponse__Output>): grpc.ClientUnaryCall;
  GetHistory(argument: _motlan_facts_v1_GetHistoryRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_motlan_facts_v1_GetHistoryResponse__Output>): grpc.ClientUnaryCall;
  GetHistory(argument: _motlan_facts_v1_GetHistoryRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_motlan_facts_v1_GetHistoryResponse__Output>): grpc.ClientUnaryCall;
  GetHistory(argument: _motlan_facts_v1_GetHistoryRequest, callback: grpc.requestCallback<_motlan_facts_v1_GetHistoryResponse__Output>): grpc.ClientUnaryCall;
  getHistory(argument: _motlan_facts_v1_GetHistoryRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_motlan_facts_v1_GetHistoryResponse__Output>): grpc.ClientUnaryCall;
  getHistory(argument: _motlan_facts_v1_GetHistoryRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_motlan_facts_v1_GetHistoryResponse__Output>): grpc.ClientUnaryCall;
  getHistory(argument: _motlan_facts_v1_GetHistoryRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_motlan_facts_v1_GetHistoryResponse__Output>): grpc.ClientUnaryCall;
  getHistory(argument: _motlan_facts_v1_GetHistoryRequest, callback: grpc.requestCallback<_motlan_facts_v1_GetHistoryResponse__Output>): grpc.ClientUnaryCall;
  
  ListDisclosures(argument: _motlan_facts_v1_ListDisclosuresRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_motlan_facts_v1_ListDisclosuresResponse__Output>): grpc.ClientUnaryCall;
  ListDisclosures(argument: _motlan_facts_v1_ListDisclosuresRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_motlan_facts_v1_ListDisclosuresResponse__Output>): grpc.ClientUnaryCall;
  ListDisclosures(argument: _motlan_facts_v1_ListDisclosuresRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_motlan_facts_v1_ListDisclosuresResponse__Output>): grpc.ClientUnaryCall;
  ListDisclosures(argument: _motlan_facts_v1_ListDisclosuresRequest, callback: grpc.requestCallback<_motlan_facts_v1_ListDisclosuresResponse__Output>): grpc.ClientUnaryCall;
  listDisclosures(argument: _motlan_facts_v1_ListDisclosuresRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_motlan_facts_v1_ListDisclosuresResponse__Output>): grpc.ClientUnaryCall;
  listDisclosures(argument: _motlan_facts_v1_ListDisclosuresRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_motlan_facts_v1_ListDisclosuresResponse__Output>): grpc.ClientUnaryCall;
  listDisclosures(argument: _motlan_facts_v1_ListDisclosuresRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_motlan_facts_v1_ListDisclosuresResponse__Output>): grpc.ClientUnaryCall;
  listDisclosures(argument: _motlan_facts_v1_ListDisclosuresRequest, callback: grpc.requestCallback<_motlan_facts_v1_ListDisclosuresResponse__Output>): grpc.ClientUnaryCall;
  
}

export interface FactRegistryHandlers extends grpc.UntypedServiceImplementation {
  DeclareFacts: grpc.handleUnaryCall<_motlan_facts_v1_DeclareFactsRequest__Output, _motlan_facts_v1_DeclareFactsResponse>;
  
  GetFacts: grpc.handleUnaryCall<_motlan_facts_v1_GetFactsRequest__Output, _motlan_facts_v1_GetFactsResponse>;
  
  GetHistory: grpc.handleUnaryCall<_motlan_facts_v1_GetHistoryRequest__Output, _motlan_facts_v1_GetHistoryResponse>;
  
  ListDisclosures: grpc.handleUnaryCall<_motlan_facts_v1_ListDisclosuresRequest__Output, _motlan_facts_v1_ListDisclosuresResponse>;
  
}

export interface FactRegistryDefinition extends grpc.ServiceDefinition {
  DeclareFacts: MethodDefinition<_motlan_facts_v1_DeclareFactsRequest, _motlan_facts_v1_DeclareFactsResponse, _motlan_facts_v1_DeclareFactsRequest__Output, _motlan_facts_v1_DeclareFactsResponse__Output>
  GetFacts: MethodDefinition<_motlan_facts_v1_GetFactsRequest, _motlan_facts_v1_GetFactsResponse, _motlan_facts_v1_GetFactsRequest__Output, _motlan_facts_v1_GetFactsResponse__Output>
  GetHistory: MethodDefinition<_motlan_facts_v1_GetHistoryRequest, _motlan_facts_v1_GetHistoryResponse, _motlan_facts_v1_GetHistoryRequest__Output, _motlan_facts_v1_GetHistoryResponse__Output>
  ListDisclosures: MethodDefinition<_motlan_facts_v1_ListDisclosuresRequest, _motlan_facts_v1_ListDisclosuresResponse, _motlan_facts_v1_ListDisclosuresRequest__Output, _motlan_facts_v1_ListDisclosuresResponse__Output>
}
