// Original file: protos/motlan/population/v1/population_service.proto

import type { AttributeMatch as _motlan_population_v1_AttributeMatch, AttributeMatch__Output as _motlan_population_v1_AttributeMatch__Output } from '../../../motlan/population/v1/AttributeMatch.ts';
import type { Freshness as _motlan_adapter_v1_Freshness, Freshness__Output as _motlan_adapter_v1_Freshness__Output } from '../../../motlan/adapter/v1/Freshness.ts';

export interface VerifyCitizenResponse {
  'verified'?: (boolean);
  'attributes'?: (_motlan_population_v1_AttributeMatch)[];
  'citizenFound'?: (boolean);
  'vitalStatus'?: (string);
  'freshness'?: (_motlan_adapter_v1_Freshness | null);
}

export interface VerifyCitizenResponse__Output {
  'verified': (boolean);
  'attributes': (_motlan_population_v1_AttributeMatch__Output)[];
  'citizenFound': (boolean);
  'vitalStatus': (string);
  'freshness': (_motlan_adapter_v1_Freshness__Output | null);
}
