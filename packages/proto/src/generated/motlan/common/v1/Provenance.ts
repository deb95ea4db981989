// Original file: protos/motlan/common/v1/fact.proto

import type { Assurance as _motlan_common_v1_Assurance, Assurance__Output as _motlan_common_v1_Assurance__Output } from '../../../motlan/common/v1/Assurance.ts';

export interface Provenance {
  'sourceSystem'?: (string);
  'assurance'?: (_motlan_common_v1_Assurance);
  'sourceRecordRef'?: (string);
  'sourceRecordVersion'?: (string);
  'observedAt'?: (string);
  'validFrom'?: (string);
  'validUntil'?: (string);
  'dossierId'?: (string);
  'contentHash'?: (string);
}

export interface Provenance__Output {
  'sourceSystem': (string);
  'assurance': (_motlan_common_v1_Assurance__Output);
  'sourceRecordRef': (string);
  'sourceRecordVersion': (string);
  'observedAt': (string);
  'validFrom': (string);
  'validUntil': (string);
  'dossierId': (string);
  'contentHash': (string);
}
