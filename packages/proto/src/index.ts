export * from './proto-files.ts';
export * from './grpc-definitions.ts';
export * from './message-codec.ts';
export * from './rich-status.ts';
export type * from './generated/motlan/common/v1/Fact.ts';
export type * from './generated/motlan/common/v1/Provenance.ts';
export type * from './generated/motlan/common/v1/Subject.ts';
export type * from './generated/motlan/common/v1/ErrorDetail.ts';
export type * from './generated/motlan/common/v1/Assurance.ts';
