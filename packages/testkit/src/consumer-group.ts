import kafkajs from 'kafkajs';
import type { Kafka } from '@motlan/kafka';

// kafkajs is CommonJS and Node's named-export detection stops before AssignerProtocol.
const { AssignerProtocol } = kafkajs;

/** A consumer group as the coordinator sees it: its state and each member's partitions of `topic`. */
export interface GroupAssignment {
  state: string;
  /** Member id → partitions of the topic assigned to it (sorted). */
  members: Record<string, number[]>;
}

/**
 * Describes `groupId` (the client needs Describe on the group: kafka-admin may) and decodes each
 * member's assignment of `topic`.
 */
export async function groupAssignment(
  kafka: Kafka,
  groupId: string,
  topic: string,
): Promise<GroupAssignment> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const { groups } = await admin.describeGroups([groupId]);
    const group = groups[0]!;
    const members: Record<string, number[]> = {};
    for (const member of group.members) {
      const decoded = AssignerProtocol.MemberAssignment.decode(member.memberAssignment);
      members[member.memberId] = [...(decoded?.assignment[topic] ?? [])].sort((a, b) => a - b);
    }
    return { state: group.state, members };
  } finally {
    await admin.disconnect();
  }
}
