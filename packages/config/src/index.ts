export * from './load-config.ts';
export * from './command-line.ts';
export * from './common-env.ts';
export { Type } from 'typebox';
export type { Static } from 'typebox';
