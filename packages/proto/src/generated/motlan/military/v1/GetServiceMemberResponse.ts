// Original file: protos/motlan/military/v1/military_personnel_service.proto

import type { Fact as _motlan_common_v1_Fact, Fact__Output as _motlan_common_v1_Fact__Output } from '../../../motlan/common/v1/Fact.ts';
import type { Freshness as _motlan_adapter_v1_Freshness, Freshness__Output as _motlan_adapter_v1_Freshness__Output } from '../../../motlan/adapter/v1/Freshness.ts';

export interface GetServiceMemberResponse {
  'facts'?: (_motlan_common_v1_Fact)[];
  'missing'?: (string)[];
  'freshness'?: (_motlan_adapter_v1_Freshness | null);
}

export interface GetServiceMemberResponse__Output {
  'facts': (_motlan_common_v1_Fact__Output)[];
  'missing': (string)[];
  'freshness': (_motlan_adapter_v1_Freshness__Output | null);
}
