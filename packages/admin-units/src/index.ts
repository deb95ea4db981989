export * from './reorganisation.ts';
export * from './admin-units.ts';
export * from './load-admin-units.ts';
