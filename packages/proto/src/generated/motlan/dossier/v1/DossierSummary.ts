// Original file: protos/motlan/dossier/v1/dossier_service.proto

import type { DossierStatus as _motlan_dossier_v1_DossierStatus, DossierStatus__Output as _motlan_dossier_v1_DossierStatus__Output } from '../../../motlan/dossier/v1/DossierStatus.ts';

export interface DossierSummary {
  'id'?: (string);
  'code'?: (string);
  'procedureCode'?: (string);
  'unitCode'?: (string);
  'status'?: (_motlan_dossier_v1_DossierStatus);
  'receivedAt'?: (string);
  'dueAt'?: (string);
  'paused'?: (boolean);
  'closedAt'?: (string);
  'requiredFacts'?: (number);
  'prefilledFacts'?: (number);
  'resultFactId'?: (string);
  'allowedActions'?: (string)[];
}

export interface DossierSummary__Output {
  'id': (string);
  'code': (string);
  'procedureCode': (string);
  'unitCode': (string);
  'status': (_motlan_dossier_v1_DossierStatus__Output);
  'receivedAt': (string);
  'dueAt': (string);
  'paused': (boolean);
  'closedAt': (string);
  'requiredFacts': (number);
  'prefilledFacts': (number);
  'resultFactId': (string);
  'allowedActions': (string)[];
}
