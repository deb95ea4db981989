// Original file: protos/motlan/dossier/v1/dossier_service.proto


export interface GetDossierRequest {
  'dossierId'?: (string);
}

export interface GetDossierRequest__Output {
  'dossierId': (string);
}
