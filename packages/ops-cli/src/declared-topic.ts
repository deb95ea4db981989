import { allTopics, DEAD_LETTER_SUFFIX, type TopicDefinition } from '@motlan/kafka';
import { MotlanError } from '@motlan/errors';
import { OpsCliErrors } from './errors.ts';

/** A declared topic as the CLI names it: with or without KAFKA_TOPIC_PREFIX, a dead-letter twin or not. */
export interface DeclaredTopic {
  definition: TopicDefinition;
  /** Name on the broker (prefix included). */
  name: string;
  /** Name as declared (prefix removed): what the operator types and sees. */
  declaredName: string;
  isDeadLetter: boolean;
}

/** Every declared topic and its dead-letter twin under `prefix` (packages/kafka/src/topics.ts). */
export function declaredTopics(prefix: string): DeclaredTopic[] {
  return allTopics(prefix).map((definition) => ({
    definition,
    name: definition.name,
    declaredName: definition.name.slice(prefix.length),
    isDeadLetter: definition.name.endsWith(DEAD_LETTER_SUFFIX),
  }));
}

/**
 * The declared topic named `name` (as declared, or with the prefix). Throws
 * MOTLAN_OPS_TOPIC_UNKNOWN listing none of the operator's typos as valid.
 */
export function findTopic(prefix: string, name: string): DeclaredTopic {
  const found = declaredTopics(prefix).find((t) => t.declaredName === name || t.name === name);
  if (!found) {
    throw new MotlanError(
      OpsCliErrors.topicUnknown,
      `"${name}" is not a declared topic; \`motlan topics\` lists them`,
      { field: 'topic' },
    );
  }
  return found;
}
