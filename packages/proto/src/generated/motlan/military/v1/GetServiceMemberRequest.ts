// Original file: protos/motlan/military/v1/military_personnel_service.proto


export interface GetServiceMemberRequest {
  'personalId'?: (string);
  'militaryCode'?: (string);
  'factTypes'?: (string)[];
  'purpose'?: (string);
}

export interface GetServiceMemberRequest__Output {
  'personalId': (string);
  'militaryCode': (string);
  'factTypes': (string)[];
  'purpose': (string);
}
