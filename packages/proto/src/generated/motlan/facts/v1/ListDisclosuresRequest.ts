// Original file: protos/motlan/facts/v1/fact_registry.proto


export interface ListDisclosuresRequest {
  'personalId'?: (string);
  'since'?: (string);
  'limit'?: (number);
}

export interface ListDisclosuresRequest__Output {
  'personalId': (string);
  'since': (string);
  'limit': (number);
}
