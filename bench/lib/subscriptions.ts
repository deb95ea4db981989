/**
 * The fact registry's subscriptions over REST (services/fact-registry/README.md, issue 13): a bench
 * subscribes as a client would, with its own certificate (mutual TLS).
 */
import { Agent, request } from 'undici';
import { CommonErrors, MotlanError } from '@motlan/errors';
import type { TlsPem } from './tls.ts';

/** `POST /v1/subscriptions`'s body. */
export interface SubscriptionRequest {
  /** Procedure code: the legal basis, checked against the access policy. */
  purpose: string;
  factTypes: string[];
  delivery: 'kafka' | 'grpc-stream';
}

/** A subscription as the registry answers it. */
export interface SubscriptionView {
  id: string;
  client: string;
  purpose: string;
  factTypes: string[];
  citizensHeldBy: string;
  delivery: string;
  /** The Kafka topic its notifications go to (delivery kafka, KAFKA_TOPIC_PREFIX included), else "". */
  topic: string;
  createdAt: string;
}

/**
 * Subscribes the holder of `tls` at the registry at `httpUrl` (`https://127.0.0.1:<port>`).
 * Throws MOTLAN_UNAVAILABLE with the status and the problem's code when it is not created (201).
 */
export async function createSubscription(
  httpUrl: string,
  tls: TlsPem,
  body: SubscriptionRequest,
): Promise<SubscriptionView> {
  const dispatcher = new Agent({ connect: tls });
  try {
    const answer = await request(`${httpUrl}/v1/subscriptions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      dispatcher,
      headersTimeout: 10_000,
      bodyTimeout: 10_000,
    });
    const text = await answer.body.text();
    if (answer.statusCode !== 201) {
      throw new MotlanError(
        CommonErrors.unavailable,
        `POST /v1/subscriptions answered ${answer.statusCode}: ${text.slice(0, 500)}`,
      );
    }
    return JSON.parse(text) as SubscriptionView;
  } finally {
    await dispatcher.close();
  }
}
