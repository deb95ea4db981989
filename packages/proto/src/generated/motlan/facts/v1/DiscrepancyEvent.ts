// Original file: protos/motlan/facts/v1/discrepancy.proto

import type { DiscrepancyState as _motlan_facts_v1_DiscrepancyState, DiscrepancyState__Output as _motlan_facts_v1_DiscrepancyState__Output } from '../../../motlan/facts/v1/DiscrepancyState.ts';
import type { Subject as _motlan_common_v1_Subject, Subject__Output as _motlan_common_v1_Subject__Output } from '../../../motlan/common/v1/Subject.ts';
import type { Fact as _motlan_common_v1_Fact, Fact__Output as _motlan_common_v1_Fact__Output } from '../../../motlan/common/v1/Fact.ts';

export interface DiscrepancyEvent {
  'id'?: (string);
  'discrepancyId'?: (string);
  'state'?: (_motlan_facts_v1_DiscrepancyState);
  'subject'?: (_motlan_common_v1_Subject | null);
  'factType'?: (string);
  'values'?: (_motlan_common_v1_Fact)[];
  'openedAt'?: (string);
  'resolvedAt'?: (string);
}

export interface DiscrepancyEvent__Output {
  'id': (string);
  'discrepancyId': (string);
  'state': (_motlan_facts_v1_DiscrepancyState__Output);
  'subject': (_motlan_common_v1_Subject__Output | null);
  'factType': (string);
  'values': (_motlan_common_v1_Fact__Output)[];
  'openedAt': (string);
  'resolvedAt': (string);
}
