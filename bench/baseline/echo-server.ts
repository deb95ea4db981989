/**
 * Child process: a bare grpc-js server answering EchoService/Echo with the request's message.
 * No interceptors, logging, metrics or TLS on purpose: it is the floor our services are
 * compared against. Sends `{ type: 'listening', port }`, and stops when the IPC channel closes.
 * Given `{ "tls": TlsFiles }` as its argument it asks callers for certificates (mutual TLS), to
 * price TLS on its own.
 */
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { failChild, sendToParent, type ChildMessage } from '../lib/child-process.ts';
import { serverCredentials, type TlsFiles } from '../lib/tls.ts';
import { ECHO_PROTO, ECHO_SERVICE } from './echo-fixture.ts';

export interface ListeningMessage extends ChildMessage {
  type: 'listening';
  port: number;
}

interface EchoMessage {
  message: string;
}

function bind(server: grpc.Server, tls: TlsFiles | undefined): Promise<number> {
  return new Promise((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', serverCredentials(tls), (error, port) =>
      error ? reject(error) : resolve(port),
    ),
  );
}

try {
  const { tls } = JSON.parse(process.argv[2] ?? '{}') as { tls?: TlsFiles };
  const definition = protoLoader.loadSync(ECHO_PROTO, { defaults: true });
  const server = new grpc.Server();
  const echo: grpc.handleUnaryCall<EchoMessage, EchoMessage> = (call, callback) =>
    callback(null, { message: call.request.message });
  server.addService(definition[ECHO_SERVICE] as grpc.ServiceDefinition, { Echo: echo });
  const port = await bind(server, tls);
  process.once('disconnect', () => server.forceShutdown());
  const listening: ListeningMessage = { type: 'listening', port };
  await sendToParent(listening);
} catch (error) {
  failChild(error);
}
