export * from './motlan-error.ts';
export * from './common-errors.ts';
export * from './problem.ts';
