// Original file: protos/motlan/common/v1/subject.proto


export interface Subject {
  'personalId'?: (string);
}

export interface Subject__Output {
  'personalId': (string);
}
