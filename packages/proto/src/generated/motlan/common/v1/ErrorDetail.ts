// Original file: protos/motlan/common/v1/error_details.proto


export interface ErrorDetail {
  'code'?: (string);
  'field'?: (string);
  'canRetry'?: (boolean);
}

export interface ErrorDetail__Output {
  'code': (string);
  'field': (string);
  'canRetry': (boolean);
}
