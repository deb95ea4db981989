export * from './test-env.ts';
export * from './test-resources.ts';
export * from './read-topic.ts';
export * from './tls.ts';
export * from './mesh.ts';
export * from './test-client.ts';
export * from './private-broker.ts';
export * from './as-administrator.ts';
