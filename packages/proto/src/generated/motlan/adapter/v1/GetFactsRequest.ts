// Original file: protos/motlan/adapter/v1/source_adapter.proto


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
