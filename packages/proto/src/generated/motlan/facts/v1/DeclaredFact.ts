// Original file: protos/motlan/facts/v1/fact_registry.proto


export interface DeclaredFact {
  'type'?: (string);
  'valueJson'?: (string);
}

export interface DeclaredFact__Output {
  'type': (string);
  'valueJson': (string);
}
