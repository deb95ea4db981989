export * from './pool.ts';
export * from './migrate.ts';
export * from './processed-events.ts';
export * from './roles.ts';
