import { randomUUID } from 'node:crypto';
import type { IHeaders } from 'kafkajs';
import { Headers } from './definitions.ts';

/** The metadata every event carries in its Kafka headers (architecture.md, "Kafka"). */
export interface Envelope {
  eventId: string;
  eventType: string;
  schema: string;
  producer: string;
  correlationId: string;
  traceparent: string;
}

export interface EnvelopeInput {
  eventType: string;
  eventId?: string;
  correlationId?: string;
  /**
   * The W3C traceparent the record continues when it is published later than the work that
   * caused it (an outbox row keeps its request's): its publish span becomes a child of it.
   * Without it, the publish continues the publisher's active context.
   */
  traceparent?: string;
}

export function newEnvelope(input: EnvelopeInput, schema: string, producer: string): Envelope {
  const eventId = input.eventId ?? randomUUID();
  return {
    eventId,
    eventType: input.eventType,
    schema,
    producer,
    correlationId: input.correlationId ?? eventId,
    traceparent: input.traceparent ?? newTraceparent(),
  };
}

/** A fresh W3C traceparent: version 00, random trace and span ids, sampled. */
export function newTraceparent(): string {
  const hex = (bytes: number) =>
    randomUUID()
      .replaceAll('-', '')
      .repeat(2)
      .slice(0, bytes * 2);
  return `00-${hex(16)}-${hex(8)}-01`;
}

export function envelopeHeaders(envelope: Envelope): IHeaders {
  return {
    [Headers.eventId]: envelope.eventId,
    [Headers.eventType]: envelope.eventType,
    [Headers.schema]: envelope.schema,
    [Headers.producer]: envelope.producer,
    [Headers.correlationId]: envelope.correlationId,
    [Headers.traceparent]: envelope.traceparent,
  };
}

export function headerText(headers: IHeaders | undefined, name: string): string | undefined {
  const value = headers?.[name];
  const first = Array.isArray(value) ? value[0] : value;
  return first === undefined ? undefined : first.toString();
}

/** Reads the envelope back; undefined when a required header is missing. */
export function readEnvelope(headers: IHeaders | undefined): Envelope | undefined {
  const eventId = headerText(headers, Headers.eventId);
  const eventType = headerText(headers, Headers.eventType);
  const schema = headerText(headers, Headers.schema);
  if (!eventId || !eventType || !schema) return undefined;
  return {
    eventId,
    eventType,
    schema,
    producer: headerText(headers, Headers.producer) ?? '',
    correlationId: headerText(headers, Headers.correlationId) ?? eventId,
    traceparent: headerText(headers, Headers.traceparent) ?? '',
  };
}
