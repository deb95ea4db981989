export * from './program.ts';
export * from './errors.ts';
export { OPERATOR_IDENTITY } from './operator-kafka.ts';
