// Original file: protos/motlan/dossier/v1/dossier_service.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { GetDossierRequest as _motlan_dossier_v1_GetDossierRequest, GetDossierRequest__Output as _motlan_dossier_v1_GetDossierRequest__Output } from '../../../motlan/dossier/v1/GetDossierRequest.ts';
import type { GetDossierResponse as _motlan_dossier_v1_GetDossierResponse, GetDossierResponse__Output as _motlan_dossier_v1_GetDossierResponse__Output } from '../../../motlan/dossier/v1/GetDossierResponse.ts';

export interface DossierServiceClient extends grpc.Client {
  GetDossier(argument: _motlan_dossier_v1_GetDossierRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_motlan_dossier_v1_GetDossierResponse__Output>): grpc.ClientUnaryCall;
  GetDossier(argument: _motlan_dossier_v1_GetDossierRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_motlan_dossier_v1_GetDossierResponse__Output>): grpc.ClientUnaryCall;
  GetDossier(argument: _motlan_dossier_v1_GetDossierRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_motlan_dossier_v1_GetDossierResponse__Output>): grpc.ClientUnaryCall;
  GetDossier(argument: _motlan_dossier_v1_GetDossierRequest, callback: grpc.requestCallback<_motlan_dossier_v1_GetDossierResponse__Output>): grpc.ClientUnaryCall;
  getDossier(argument: _motlan_dossier_v1_GetDossierRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_motlan_dossier_v1_GetDossierResponse__Output>): grpc.ClientUnaryCall;
  getDossier(argument: _motlan_dossier_v1_GetDossierRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_motlan_dossier_v1_GetDossierResponse__Output>): grpc.ClientUnaryCall;
  getDossier(argument: _motlan_dossier_v1_GetDossierRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_motlan_dossier_v1_GetDossierResponse__Output>): grpc.ClientUnaryCall;
  getDossier(argument: _motlan_dossier_v1_GetDossierRequest, callback: grpc.requestCallback<_motlan_dossier_v1_GetDossierResponse__Output>): grpc.ClientUnaryCall;
  
}

export interface DossierServiceHandlers extends grpc.UntypedServiceImplementation {
  GetDossier: grpc.handleUnaryCall<_motlan_dossier_v1_GetDossierRequest__Output, _motlan_dossier_v1_GetDossierResponse>;
  
}

export interface DossierServiceDefinition extends grpc.ServiceDefinition {
  GetDossier: MethodDefinition<_motlan_dossier_v1_GetDossierRequest, _motlan_dossier_v1_GetDossierResponse, _motlan_dossier_v1_GetDossierRequest__Output, _motlan_dossier_v1_GetDossierResponse__Output>
}
