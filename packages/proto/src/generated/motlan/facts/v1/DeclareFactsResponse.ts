// Original file: protos/motlan/facts/v1/fact_registry.proto


export interface DeclareFactsResponse {
  'factIds'?: (string)[];
}

export interface DeclareFactsResponse__Output {
  'factIds': (string)[];
}
