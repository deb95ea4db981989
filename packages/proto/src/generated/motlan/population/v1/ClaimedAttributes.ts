// Original file: protos/motlan/population/v1/population_service.proto


export interface ClaimedAttributes {
  'fullName'?: (string);
  'dateOfBirth'?: (string);
  'sex'?: (string);
}

export interface ClaimedAttributes__Output {
  'fullName': (string);
  'dateOfBirth': (string);
  'sex': (string);
}
