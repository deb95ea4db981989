// Original file: protos/motlan/common/v1/fact.proto

import type { Subject as _motlan_common_v1_Subject, Subject__Output as _motlan_common_v1_Subject__Output } from '../../../motlan/common/v1/Subject.ts';
import type { Provenance as _motlan_common_v1_Provenance, Provenance__Output as _motlan_common_v1_Provenance__Output } from '../../../motlan/common/v1/Provenance.ts';

export interface Fact {
  'id'?: (string);
  'subject'?: (_motlan_common_v1_Subject | null);
  'type'?: (string);
  'valueJson'?: (string);
  'provenance'?: (_motlan_common_v1_Provenance | null);
}

export interface Fact__Output {
  'id': (string);
  'subject': (_motlan_common_v1_Subject__Output | null);
  'type': (string);
  'valueJson': (string);
  'provenance': (_motlan_common_v1_Provenance__Output | null);
}
