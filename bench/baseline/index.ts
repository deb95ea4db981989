/** What later benches import to measure a baseline in the same run as their own numbers. */
export * from './run-baseline.ts';
export * from './echo.ts';
export * from './kafka.ts';
export * from './kafka-produce.ts';
export * from './postgres.ts';
