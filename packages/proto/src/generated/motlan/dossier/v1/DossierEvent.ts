// Original file: protos/motlan/dossier/v1/dossier_event.proto

import type { DossierStatus as _motlan_dossier_v1_DossierStatus, DossierStatus__Output as _motlan_dossier_v1_DossierStatus__Output } from '../../../motlan/dossier/v1/DossierStatus.ts';
import type { Long } from '@grpc/proto-loader';

export interface DossierEvent {
  'eventId'?: (string);
  'dossierId'?: (string);
  'dossierCode'?: (string);
  'procedureCode'?: (string);
  'unitCode'?: (string);
  'eventType'?: (string);
  'fromStatus'?: (_motlan_dossier_v1_DossierStatus);
  'toStatus'?: (_motlan_dossier_v1_DossierStatus);
  'occurredAt'?: (string);
  'receivedAt'?: (string);
  'dueAt'?: (string);
  'actor'?: (string);
  'reason'?: (string);
  'applicantPersonalId'?: (string);
  'requiredFacts'?: (number);
  'prefilledFacts'?: (number);
  'resultFactId'?: (string);
  'rating'?: (number);
  'sequence'?: (number | string | Long);
}

export interface DossierEvent__Output {
  'eventId': (string);
  'dossierId': (string);
  'dossierCode': (string);
  'procedureCode': (string);
  'unitCode': (string);
  'eventType': (string);
  'fromStatus': (_motlan_dossier_v1_DossierStatus__Output);
  'toStatus': (_motlan_dossier_v1_DossierStatus__Output);
  'occurredAt': (string);
  'receivedAt': (string);
  'dueAt': (string);
  'actor': (string);
  'reason': (string);
  'applicantPersonalId': (string);
  'requiredFacts': (number);
  'prefilledFacts': (number);
  'resultFactId': (string);
  'rating': (number);
  'sequence': (string);
}
