// Original file: protos/motlan/facts/v1/fact_registry.proto


export interface GetFactsRequest {
  'personalId'?: (string);
  'factTypes'?: (string)[];
  'purpose'?: (string);
}

export interface GetFactsRequest__Output {
  'personalId': (string);
  'factTypes': (string)[];
  'purpose': (string);
}
