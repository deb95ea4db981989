export * from './program.ts';
export * from './errors.ts';
export { OPERATOR_IDENTITY, type OperatorContext } from './operator-kafka.ts';
// The commands' data parts, for the operators' web console (services/ops-console): each command
// resolves with `json`, the same document `--json` prints.
export type { CommandOutput } from './output.ts';
export { declaredTopics, findTopic, type DeclaredTopic } from './declared-topic.ts';
export type { DecodedRecord } from './decoded-record.ts';
export { topicsCommand, type TopicSummary } from './commands/topics.ts';
export { lagCommand, type PartitionLag } from './commands/lag.ts';
export { tailCommand, type TailOptions } from './commands/tail.ts';
export {
  dlqListCommand,
  dlqShowCommand,
  dlqRedriveCommand,
  type DeadLetterSummary,
  type Redriven,
} from './commands/dlq.ts';
export { auditVerifyCommand, defaultAuditSchemas } from './commands/audit-verify.ts';
export { lineageCommand, type FactLineage } from './commands/lineage.ts';
export * from './mesh-trace.ts';
export { traceCommand, type TraceOptions } from './commands/trace.ts';
export { traceIdOf, type RecordPosition } from './find-records.ts';
export { auditUnmask, type UnmaskAudit, type UnmaskedItem } from './unmask-audit.ts';
