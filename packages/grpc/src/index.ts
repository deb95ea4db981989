export * from './grpc-server.ts';
export * from './grpc-client.ts';
export * from './status-mapping.ts';
export * as grpc from '@grpc/grpc-js';
