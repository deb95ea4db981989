// Original file: protos/motlan/facts/v1/fact_registry.proto


export interface GetHistoryRequest {
  'personalId'?: (string);
  'factType'?: (string);
  'purpose'?: (string);
}

export interface GetHistoryRequest__Output {
  'personalId': (string);
  'factType': (string);
  'purpose': (string);
}
