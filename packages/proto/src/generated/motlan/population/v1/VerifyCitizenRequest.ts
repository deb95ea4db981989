// Original file: protos/motlan/population/v1/population_service.proto

import type { ClaimedAttributes as _motlan_population_v1_ClaimedAttributes, ClaimedAttributes__Output as _motlan_population_v1_ClaimedAttributes__Output } from '../../../motlan/population/v1/ClaimedAttributes.ts';

export interface VerifyCitizenRequest {
  'personalId'?: (string);
  'claims'?: (_motlan_population_v1_ClaimedAttributes | null);
  'purpose'?: (string);
}

export interface VerifyCitizenRequest__Output {
  'personalId': (string);
  'claims': (_motlan_population_v1_ClaimedAttributes__Output | null);
  'purpose': (string);
}
