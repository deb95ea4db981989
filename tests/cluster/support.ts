import { request } from 'node:https';
import type { Kafka } from '@motlan/kafka';
import { clientTls } from '@motlan/testkit';

/** Sum of a topic's high watermarks: how many records it holds (no compaction, no transactions). */
export async function recordsOn(kafka: Kafka, topic: string): Promise<number> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const offsets = await admin.fetchTopicOffsets(topic);
    return offsets.reduce((sum, partition) => sum + Number(partition.high), 0);
  } finally {
    await admin.disconnect();
  }
}

/** The partitions' replica count and the topic's effective min.insync.replicas. */
export async function durabilityOf(
  kafka: Kafka,
  topic: string,
): Promise<{ replicas: number[]; minIsr: string }> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const { topics } = await admin.fetchTopicMetadata({ topics: [topic] });
    const { resources } = await admin.describeConfigs({
      includeSynonyms: false,
      resources: [{ type: 2 /* TOPIC */, name: topic, configNames: ['min.insync.replicas'] }],
    });
    return {
      replicas: topics[0]!.partitions.map((partition) => partition.replicas.length),
      minIsr: resources[0]!.configEntries[0]!.configValue,
    };
  } finally {
    await admin.disconnect();
  }
}

/** The node leading partition `partition` of `topic`. */
export async function leaderOf(kafka: Kafka, topic: string, partition = 0): Promise<number> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const { topics } = await admin.fetchTopicMetadata({ topics: [topic] });
    return topics[0]!.partitions.find((entry) => entry.partitionId === partition)!.leader;
  } finally {
    await admin.disconnect();
  }
}

/** A counter of a service's /metrics (summed over the series whose labels include `labels`). */
export async function metricOf(
  baseUrl: string,
  name: string,
  labels: Record<string, string> = {},
): Promise<number> {
  const answer = await httpsText(`${baseUrl}/metrics`);
  let total = 0;
  for (const line of answer.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    if (Object.entries(labels).every(([key, value]) => line.includes(`${key}="${value}"`)))
      total += Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return total;
}

/** GET over https trusting the development CA, without a client certificate (operations routes). */
function httpsText(url: string): Promise<string> {
  const { ca } = clientTls();
  return new Promise((resolve, reject) => {
    const req = request(url, { ca }, (response) => {
      let data = '';
      response.on('data', (chunk: Buffer) => (data += chunk.toString()));
      response.on('end', () => resolve(data));
    });
    req.on('error', reject);
    req.end();
  });
}
