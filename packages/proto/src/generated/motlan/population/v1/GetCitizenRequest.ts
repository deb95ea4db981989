// Original file: protos/motlan/population/v1/population_service.proto


export interface GetCitizenRequest {
  'personalId'?: (string);
  'factTypes'?: (string)[];
  'purpose'?: (string);
}

export interface GetCitizenRequest__Output {
  'personalId': (string);
  'factTypes': (string)[];
  'purpose': (string);
}
