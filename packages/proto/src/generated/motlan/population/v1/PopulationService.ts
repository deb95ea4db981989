// Original file: protos/motlan/population/v1/population_service.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { GetCitizenRequest as _motlan_population_v1_GetCitizenRequest, GetCitizenRequest__Output as _motlan_population_v1_GetCitizenRequest__Output } from '../../../motlan/population/v1/GetCitizenRequest.ts';
import type { GetCitizenResponse as _motlan_population_v1_GetCitizenResponse, GetCitizenResponse__Output as _motlan_population_v1_GetCitizenResponse__Output } from '../../../motlan/population/v1/GetCitizenResponse.ts';
import type { VerifyCitizenRequest as _motlan_population_v1_VerifyCitizenRequest, VerifyCitizenRequest__Output as _motlan_population_v1_VerifyCitizenRequest__Output } from '../../../motlan/population/v1/VerifyCitizenRequest.ts';
import type { VerifyCitizenResponse as _motlan_population_v1_VerifyCitizenResponse, VerifyCitizenResponse__Output as _motlan_population_v1_VerifyCitizenResponse__Output } from '../../../motlan/population/v1/VerifyCitizenResponse.ts';

export interface PopulationServiceClient extends grpc.Client {
  GetCitizen(argument: _motlan_population_v1_GetCitizenRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_motlan_population_v1_GetCitizenResponse__Output>): grpc.ClientUnaryCall;
  GetCitizen(argument: _motlan_population_v1_GetCitizenRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_motlan_population_v1_GetCitizenResponse__Output>): grpc.ClientUnaryCall;
  GetCitizen(argument: _motlan_population_v1_GetCitizenRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_motlan_population_v1_GetCitizenResponse__Output>): grpc.ClientUnaryCall;
  GetCitizen(argument: _motlan_population_v1_GetCitizenRequest, callback: grpc.requestCallback<_motlan_population_v1_GetCitizenResponse__Output>): grpc.ClientUnaryCall;
  getCitizen(argument: _motlan_population_v1_GetCitizenRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_motlan_population_v1_GetCitizenResponse__Output>): grpc.ClientUnaryCall;
  getCitizen(argument: _motlan_population_v1_GetCitizenRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_motlan_population_v1_GetCitizenResponse__Output>): grpc.ClientUnaryCall;
  getCitizen(argument: _motlan_population_v1_GetCitizenRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_motlan_population_v1_GetCitizenResponse__Output>): grpc.ClientUnaryCall;
  getCitizen(argument: _motlan_population_v1_GetCitizenRequest, callback: grpc.requestCallback<_motlan_population_v1_GetCitizenResponse__Output>): grpc.ClientUnaryCall;
  
  VerifyCitizen(argument: _motlan_population_v1_VerifyCitizenRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_motlan_population_v1_VerifyCitizenResponse__Output>): grpc.ClientUnaryCall;
  VerifyCitizen(argument: _motlan_population_v1_VerifyCitizenRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_motlan_population_v1_VerifyCitizenResponse__Output>): grpc.ClientUnaryCall;
  VerifyCitizen(argument: _motlan_population_v1_VerifyCitizenRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_motlan_population_v1_VerifyCitizenResponse__Output>): grpc.ClientUnaryCall;
  VerifyCitizen(argument: _motlan_population_v1_VerifyCitizenRequest, callback: grpc.requestCallback<_motlan_population_v1_VerifyCitizenResponse__Output>): grpc.ClientUnaryCall;
  verifyCitizen(argument: _motlan_population_v1_VerifyCitizenRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_motlan_population_v1_VerifyCitizenResponse__Output>): grpc.ClientUnaryCall;
  verifyCitizen(argument: _motlan_population_v1_VerifyCitizenRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_motlan_population_v1_VerifyCitizenResponse__Output>): grpc.ClientUnaryCall;
  verifyCitizen(argument: _motlan_population_v1_VerifyCitizenRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_motlan_population_v1_VerifyCitizenResponse__Output>): grpc.ClientUnaryCall;
  verifyCitizen(argument: _motlan_population_v1_VerifyCitizenRequest, callback: grpc.requestCallback<_motlan_population_v1_VerifyCitizenResponse__Output>): grpc.ClientUnaryCall;
  
}

export interface PopulationServiceHandlers extends grpc.UntypedServiceImplementation {
  GetCitizen: grpc.handleUnaryCall<_motlan_population_v1_GetCitizenRequest__Output, _motlan_population_v1_GetCitizenResponse>;
  
  VerifyCitizen: grpc.handleUnaryCall<_motlan_population_v1_VerifyCitizenRequest__Output, _motlan_population_v1_VerifyCitizenResponse>;
  
}

export interface PopulationServiceDefinition extends grpc.ServiceDefinition {
  GetCitizen: MethodDefinition<_motlan_population_v1_GetCitizenRequest, _motlan_population_v1_GetCitizenResponse, _motlan_population_v1_GetCitizenRequest__Output, _motlan_population_v1_GetCitizenResponse__Output>
  VerifyCitizen: MethodDefinition<_motlan_population_v1_VerifyCitizenRequest, _motlan_population_v1_VerifyCitizenResponse, _motlan_population_v1_VerifyCitizenRequest__Output, _motlan_population_v1_VerifyCitizenResponse__Output>
}
