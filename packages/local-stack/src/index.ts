export * from './stack.ts';
export * from './infra-scripts.ts';
