// Original file: protos/motlan/military/v1/military_personnel_service.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { GetServiceMemberRequest as _motlan_military_v1_GetServiceMemberRequest, GetServiceMemberRequest__Output as _motlan_military_v1_GetServiceMemberRequest__Output } from '../../../motlan/military/v1/GetServiceMemberRequest.ts';
import type { GetServiceMemberResponse as _motlan_military_v1_GetServiceMemberResponse, GetServiceMemberResponse__Output as _motlan_military_v1_GetServiceMemberResponse__Output } from '../../../motlan/military/v1/GetServiceMemberResponse.ts';
import type { VerifyServiceMemberRequest as _motlan_military_v1_VerifyServiceMemberRequest, VerifyServiceMemberRequest__Output as _motlan_military_v1_VerifyServiceMemberRequest__Output } from '../../../motlan/military/v1/VerifyServiceMemberRequest.ts';
import type { VerifyServiceMemberResponse as _motlan_military_v1_VerifyServiceMemberResponse, VerifyServiceMemberResponse__Output as _motlan_military_v1_VerifyServiceMemberResponse__Output } from '../../../motlan/military/v1/VerifyServiceMemberResponse.ts';

export interface MilitaryPersonnelServiceClient extends grpc.Client {
  GetServiceMember(argument: _motlan_military_v1_GetServiceMemberRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_motlan_military_v1_GetServiceMemberResponse__Output>): grpc.ClientUnaryCall;
  GetServiceMember(argument: _motlan_military_v1_GetServiceMemberRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_motlan_military_v1_GetServiceMemberResponse__Output>): grpc.ClientUnaryCall;
  GetServiceMember(argument: _motlan_military_v1_GetServiceMemberRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_motlan_military_v1_GetServiceMemberResponse__Output>): grpc.ClientUnaryCall;
  GetServiceMember(argument: _motlan_military_v1_GetServiceMemberRequest, callback: grpc.requestCallback<_motlan_military_v1_GetServiceMemberResponse__Output>): grpc.ClientUnaryCall;
  getServiceMember(argument: _motlan_military_v1_GetServiceMemberRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_motlan_military_v1_GetServiceMemberResponse__Output>): grpc.ClientUnaryCall;
  getServiceMember(argument: _motlan_military_v1_GetServiceMemberRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_motlan_military_v1_GetServiceMemberResponse__Output>): grpc.ClientUnaryCall;
  getServiceMember(argument: _motlan_military_v1_GetServiceMemberRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_motlan_military_v1_GetServiceMemberResponse__Output>): grpc.ClientUnaryCall;
  getServiceMember(argument: _motlan_military_v1_GetServiceMemberRequest, callback: grpc.requestCallback<_motlan_military_v1_GetServiceMemberResponse__Output>): grpc.ClientUnaryCall;
  
  VerifyServiceMember(argument: _motlan_military_v1_VerifyServiceMemberRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_motlan_military_v1_VerifyServiceMemberResponse__Output>): grpc.ClientUnaryCall;
  VerifyServiceMember(argument: _motlan_military_v1_VerifyServiceMemberRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_motlan_military_v1_VerifyServiceMemberResponse__Output>): grpc.ClientUnaryCall;
  VerifyServiceMember(argument: _motlan_military_v1_VerifyServiceMemberRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_motlan_military_v1_VerifyServiceMemberResponse__Output>): grpc.ClientUnaryCall;
  VerifyServiceMember(argument: _motlan_military_v1_VerifyServiceMemberRequest, callback: grpc.requestCallback<_motlan_military_v1_VerifyServiceMemberResponse__Output>): grpc.ClientUnaryCall;
  verifyServiceMember(argument: _motlan_military_v1_VerifyServiceMemberRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_motlan_military_v1_VerifyServiceMemberResponse__Output>): grpc.ClientUnaryCall;
  verifyServiceMember(argument: _motlan_military_v1_VerifyServiceMemberRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_motlan_military_v1_VerifyServiceMemberResponse__Output>): grpc.ClientUnaryCall;
  verifyServiceMember(argument: _motlan_military_v1_VerifyServiceMemberRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_motlan_military_v1_VerifyServiceMemberResponse__Output>): grpc.ClientUnaryCall;
  verifyServiceMember(argument: _motlan_military_v1_VerifyServiceMemberRequest, callback: grpc.requestCallback<_motlan_military_v1_VerifyServiceMemberResponse__Output>): grpc.ClientUnaryCall;
  
}

export interface MilitaryPersonnelServiceHandlers extends grpc.UntypedServiceImplementation {
  GetServiceMember: grpc.handleUnaryCall<_motlan_military_v1_GetServiceMemberRequest__Output, _motlan_military_v1_GetServiceMemberResponse>;
  
  VerifyServiceMember: grpc.handleUnaryCall<_motlan_military_v1_VerifyServiceMemberRequest__Output, _motlan_military_v1_VerifyServiceMemberResponse>;
  
}

export interface MilitaryPersonnelServiceDefinition extends grpc.ServiceDefinition {
  GetServiceMember: MethodDefinition<_motlan_military_v1_GetServiceMemberRequest, _motlan_military_v1_GetServiceMemberResponse, _motlan_military_v1_GetServiceMemberRequest__Output, _motlan_military_v1_GetServiceMemberResponse__Output>
  VerifyServiceMember: MethodDefinition<_motlan_military_v1_VerifyServiceMemberRequest, _motlan_military_v1_VerifyServiceMemberResponse, _motlan_military_v1_VerifyServiceMemberRequest__Output, _motlan_military_v1_VerifyServiceMemberResponse__Output>
}
