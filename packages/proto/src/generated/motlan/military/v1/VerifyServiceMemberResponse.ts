// Original file: protos/motlan/military/v1/military_personnel_service.proto

import type { AttributeMatch as _motlan_military_v1_AttributeMatch, AttributeMatch__Output as _motlan_military_v1_AttributeMatch__Output } from '../../../motlan/military/v1/AttributeMatch.ts';
import type { Freshness as _motlan_adapter_v1_Freshness, Freshness__Output as _motlan_adapter_v1_Freshness__Output } from '../../../motlan/adapter/v1/Freshness.ts';

export interface VerifyServiceMemberResponse {
  'verified'?: (boolean);
  'attributes'?: (_motlan_military_v1_AttributeMatch)[];
  'serviceMemberFound'?: (boolean);
  'freshness'?: (_motlan_adapter_v1_Freshness | null);
}

export interface VerifyServiceMemberResponse__Output {
  'verified': (boolean);
  'attributes': (_motlan_military_v1_AttributeMatch__Output)[];
  'serviceMemberFound': (boolean);
  'freshness': (_motlan_adapter_v1_Freshness__Output | null);
}
