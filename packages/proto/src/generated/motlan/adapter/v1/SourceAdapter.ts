// Original file: protos/motlan/adapter/v1/source_adapter.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { GetFactsRequest as _motlan_adapter_v1_GetFactsRequest, GetFactsRequest__Output as _motlan_adapter_v1_GetFactsRequest__Output } from '../../../motlan/adapter/v1/GetFactsRequest.ts';
import type { GetFactsResponse as _motlan_adapter_v1_GetFactsResponse, GetFactsResponse__Output as _motlan_adapter_v1_GetFactsResponse__Output } from '../../../motlan/adapter/v1/GetFactsResponse.ts';

export interface SourceAdapterClient extends grpc.Client {
  GetFacts(argument: _motlan_adapter_v1_GetFactsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_motlan_adapter_v1_GetFactsResponse__Output>): grpc.ClientUnaryCall;
  GetFacts(argument: _motlan_adapter_v1_GetFactsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_motlan_adapter_v1_GetFactsResponse__Output>): grpc.ClientUnaryCall;
  GetFacts(argument: _motlan_adapter_v1_GetFactsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_motlan_adapter_v1_GetFactsResponse__Output>): grpc.ClientUnaryCall;
  GetFacts(argument: _motlan_adapter_v1_GetFactsRequest, callback: grpc.requestCallback<_motlan_adapter_v1_GetFactsResponse__Output>): grpc.ClientUnaryCall;
  getFacts(argument: _motlan_adapter_v1_GetFactsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_motlan_adapter_v1_GetFactsResponse__Output>): grpc.ClientUnaryCall;
  getFacts(argument: _motlan_adapter_v1_GetFactsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_motlan_adapter_v1_GetFactsResponse__Output>): grpc.ClientUnaryCall;
  getFacts(argument: _motlan_adapter_v1_GetFactsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_motlan_adapter_v1_GetFactsResponse__Output>): grpc.ClientUnaryCall;
  getFacts(argument: _motlan_adapter_v1_GetFactsRequest, callback: grpc.requestCallback<_motlan_adapter_v1_GetFactsResponse__Output>): grpc.ClientUnaryCall;
  
}

export interface SourceAdapterHandlers extends grpc.UntypedServiceImplementation {
  GetFacts: grpc.handleUnaryCall<_motlan_adapter_v1_GetFactsRequest__Output, _motlan_adapter_v1_GetFactsResponse>;
  
}

export interface SourceAdapterDefinition extends grpc.ServiceDefinition {
  GetFacts: MethodDefinition<_motlan_adapter_v1_GetFactsRequest, _motlan_adapter_v1_GetFactsResponse, _motlan_adapter_v1_GetFactsRequest__Output, _motlan_adapter_v1_GetFactsResponse__Output>
}
