/**
 * Child process: a bare Fastify server over HTTPS answering POST /echo with the JSON body it got.
 * No schemas, logging, metrics or plugins on purpose: it is the floor the REST services are
 * compared against. Given `{ "tls": TlsFiles }` it asks callers for certificates (mutual TLS), as
 * our services do. Sends `{ type: 'listening', port }`, and stops when the IPC channel closes.
 */
import Fastify from 'fastify';
import { failChild, sendToParent } from '../lib/child-process.ts';
import { readTlsFiles, type TlsFiles } from '../lib/tls.ts';
import type { ListeningMessage } from './echo-server.ts';

try {
  const { tls } = JSON.parse(process.argv[2] ?? '{}') as { tls?: TlsFiles };
  const server = Fastify({
    logger: false,
    ...(tls ? { https: { ...readTlsFiles(tls), requestCert: true, rejectUnauthorized: true } } : {}),
  });
  server.post('/echo', async (request) => request.body);
  await server.listen({ host: '127.0.0.1', port: 0 });
  const address = server.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  process.once('disconnect', () => void server.close());
  const listening: ListeningMessage = { type: 'listening', port };
  await sendToParent(listening);
} catch (error) {
  failChild(error);
}
