export * from './test-env.ts';
export * from './test-resources.ts';
export * from './read-topic.ts';
export * from './tls.ts';
export * from './mesh.ts';
export * from './test-client.ts';
export * from './private-broker.ts';
export * from './local-cluster.ts';
export * from './consumer-group.ts';
export * from './as-administrator.ts';
// How a program runs (its build output under plain node), for tests that run a CLI themselves.
export { commandFor, programAt } from '@motlan/mesh';
