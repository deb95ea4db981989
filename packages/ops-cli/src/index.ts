export * from './program.ts';
export * from './errors.ts';
export { OPERATOR_IDENTITY } from './operator-kafka.ts';
export * from './mesh-trace.ts';
export { traceIdOf, type RecordPosition } from './find-records.ts';
export { auditUnmask, type UnmaskAudit, type UnmaskedItem } from './unmask-audit.ts';
