import { describe, expect, it } from 'vitest';
import { MotlanError, CommonErrors } from '@motlan/errors';
import { createLogger } from '@motlan/logger';
import {
  createGrpcClient,
  startGrpcServer,
  type ServerStreamHandler,
  type ServiceBinding,
} from '../src/index.ts';

const logger = createLogger({ name: 'test', level: 'silent' });
type Note = { id: string; cursor: string };

/** A FactSubscriptions stand-in whose StreamNotifications is the given handler. */
async function serve(handler: ServerStreamHandler<{ after: string }, Note>) {
  const binding: ServiceBinding = {
    name: 'motlan.facts.v1.FactSubscriptions',
    handlers: {},
    streams: { StreamNotifications: handler as ServerStreamHandler<never, unknown> },
  };
  const server = await startGrpcServer({ services: [binding], logger });
  const client = createGrpcClient('motlan.facts.v1.FactSubscriptions', {
    address: `127.0.0.1:${server.port}`,
  });
  return { server, client };
}

describe('gRPC server streams', () => {
  it('streams what the handler writes, validates the request first, and maps a failure to its status', async () => {
    const { server, client } = await serve(async (request, call) => {
      if (request.after === 'bad')
        throw new MotlanError(CommonErrors.validation, 'bad cursor', { field: 'after' });
      for (let index = 1; index <= 3; index++)
        call.write({ id: `n${index}`, cursor: `${request.after}${index}` });
    });
    const received: Note[] = [];
    for await (const note of client.stream<Note>('StreamNotifications', { after: 'c' })) received.push(note);
    expect(received.map((note) => [note.id, note.cursor])).toEqual([
      ['n1', 'c1'],
      ['n2', 'c2'],
      ['n3', 'c3'],
    ]);
    await expect(
      (async () => {
        for await (const note of client.stream<Note>('StreamNotifications', { after: 'bad' })) void note;
      })(),
    ).rejects.toMatchObject({ code: 'MOTLAN_VALIDATION_FAILED', field: 'after' });
    // A control character is refused by the text gate before the handler runs.
    await expect(
      (async () => {
        for await (const note of client.stream<Note>('StreamNotifications', { after: 'a\u0007' })) void note;
      })(),
    ).rejects.toMatchObject({ code: expect.stringMatching(/^MOTLAN_TEXT_/) });
    client.close();
    await server.stop(1_000);
  });

  it('ends a long-lived stream UNAVAILABLE at once when the server stops, and tells the handler', async () => {
    let handlerSaw: string | undefined;
    const { server, client } = await serve(async (_request, call, signal) => {
      call.write({ id: 'first', cursor: '1' });
      await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve()));
      handlerSaw = 'abort';
    });
    const stream = client.stream<Note>('StreamNotifications', { after: '' });
    const iterator = stream[Symbol.asyncIterator]();
    expect((await iterator.next()).value).toMatchObject({ id: 'first' });
    const started = Date.now();
    const stopping = server.stop(10_000);
    await expect(iterator.next()).rejects.toMatchObject({ code: 'MOTLAN_UNAVAILABLE' });
    await stopping;
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(handlerSaw).toBe('abort');
    client.close();
  });

  it('tells the handler when the client goes away', async () => {
    let cancelled!: () => void;
    const sawCancel = new Promise<void>((resolve) => (cancelled = resolve));
    const { server, client } = await serve(async (_request, call, signal) => {
      call.write({ id: 'first', cursor: '1' });
      await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve()));
      cancelled();
    });
    const stream = client.stream<Note>('StreamNotifications', { after: '' });
    for await (const note of stream) {
      expect(note.id).toBe('first');
      stream.cancel();
      break;
    }
    await sawCancel;
    client.close();
    await server.stop(1_000);
  });
});
