// Original file: protos/motlan/dossier/v1/dossier_service.proto

import type { DossierSummary as _motlan_dossier_v1_DossierSummary, DossierSummary__Output as _motlan_dossier_v1_DossierSummary__Output } from '../../../motlan/dossier/v1/DossierSummary.ts';

export interface GetDossierResponse {
  'dossier'?: (_motlan_dossier_v1_DossierSummary | null);
}

export interface GetDossierResponse__Output {
  'dossier': (_motlan_dossier_v1_DossierSummary__Output | null);
}
