// Original file: protos/motlan/military/v1/military_personnel_service.proto


export interface ServiceMemberClaims {
  'fullName'?: (string);
  'dateOfBirth'?: (string);
  'militaryCode'?: (string);
  'personalId'?: (string);
}

export interface ServiceMemberClaims__Output {
  'fullName': (string);
  'dateOfBirth': (string);
  'militaryCode': (string);
  'personalId': (string);
}
