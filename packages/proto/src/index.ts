export * from './proto-files.ts';
export * from './grpc-definitions.ts';
export * from './descriptor-set.ts';
export * from './message-codec.ts';
export * from './rich-status.ts';
// Message types by proto package: `import type { populationV1 } from '@motlan/proto'`.
export type * from './generated/index.ts';
// The common messages, used everywhere, also at the top level.
export type * from './generated/motlan/common/v1/index.ts';
export * from './rest-fact.ts';
