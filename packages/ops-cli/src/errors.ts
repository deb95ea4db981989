import { defineErrors, GrpcCode } from '@motlan/errors';

/** Why a `motlan` command could not do what it was asked (exit code 1, or 2 for bad usage). */
export const OpsCliErrors = defineErrors({
  topicUnknown: {
    code: 'MOTLAN_OPS_TOPIC_UNKNOWN',
    title: 'The topic is not one declared in packages/kafka/src/topics.ts (nor its dead-letter twin)',
    httpStatus: 400,
    grpcCode: GrpcCode.INVALID_ARGUMENT,
    canRetry: false,
  },
  usage: {
    code: 'MOTLAN_OPS_USAGE',
    title: 'A command-line option or argument of `motlan` is missing or malformed',
    httpStatus: 400,
    grpcCode: GrpcCode.INVALID_ARGUMENT,
    canRetry: false,
  },
  deadLetterNotFound: {
    code: 'MOTLAN_OPS_DEAD_LETTER_NOT_FOUND',
    title: 'No dead letter at the given partition and offset of the topic',
    httpStatus: 404,
    grpcCode: GrpcCode.NOT_FOUND,
    canRetry: false,
  },
  replayGroupActive: {
    code: 'MOTLAN_OPS_REPLAY_GROUP_ACTIVE',
    title: 'The consumer group has members (a running consumer): stop it before moving its offsets',
    httpStatus: 409,
    grpcCode: GrpcCode.FAILED_PRECONDITION,
    canRetry: false,
  },
  replayNoTopic: {
    code: 'MOTLAN_OPS_REPLAY_NO_TOPIC',
    title: 'The consumer group has committed no offsets and no --topic was given: nothing to reset',
    httpStatus: 400,
    grpcCode: GrpcCode.INVALID_ARGUMENT,
    canRetry: false,
  },
  factNotFound: {
    code: 'MOTLAN_OPS_FACT_NOT_FOUND',
    title: "No fact with this id in the fact registry's history (fact_history)",
    httpStatus: 404,
    grpcCode: GrpcCode.NOT_FOUND,
    canRetry: false,
  },
  traceNotFound: {
    code: 'MOTLAN_OPS_TRACE_NOT_FOUND',
    title: 'The mesh kept nothing of this request id or dossier code (no step, event, fact or disclosure)',
    httpStatus: 404,
    grpcCode: GrpcCode.NOT_FOUND,
    canRetry: false,
  },
});
