// Original file: protos/motlan/military/v1/military_personnel_service.proto

import type { ServiceMemberClaims as _motlan_military_v1_ServiceMemberClaims, ServiceMemberClaims__Output as _motlan_military_v1_ServiceMemberClaims__Output } from '../../../motlan/military/v1/ServiceMemberClaims.ts';

export interface VerifyServiceMemberRequest {
  'personalId'?: (string);
  'militaryCode'?: (string);
  'claims'?: (_motlan_military_v1_ServiceMemberClaims | null);
  'purpose'?: (string);
}

export interface VerifyServiceMemberRequest__Output {
  'personalId': (string);
  'militaryCode': (string);
  'claims': (_motlan_military_v1_ServiceMemberClaims__Output | null);
  'purpose': (string);
}
