export * from './http-app.ts';
export * from './problem-handler.ts';
export * from './schemas.ts';
export * from './text-gate.ts';
export * from './idempotency.ts';
export { Type } from 'typebox';
export type { Static } from 'typebox';
export type { FastifyRequest } from 'fastify';
export { requestIdFor } from './request-id.ts';
