import * as grpc from '@grpc/grpc-js';
import { HealthImplementation, type ServingStatus } from 'grpc-health-check';
import { ReflectionService } from '@grpc/reflection';
import { Histogram, type Registry } from 'prom-client';
import { validateTextIn } from '@motlan/domain';
import type { Logger } from '@motlan/logger';
import { reflectionDefinition, serviceDefinition } from '@motlan/proto';
import { toServiceError } from './status-mapping.ts';
import { endWithStatus, inServerSpan } from './trace-metadata.ts';

/** The standard health service's full name (grpc.health.v1), served on every port. */
export const HEALTH_SERVICE_NAME = 'grpc.health.v1.Health';

/** A unary handler: plain async function of the request and the call; throw MotlanErrors. */
export type UnaryHandler<Req, Res> = (request: Req, call: grpc.ServerUnaryCall<Req, Res>) => Promise<Res>;

/**
 * A server-streaming handler: writes to `call` (awaiting `drain` when `write` returns false) until
 * it resolves, which ends the stream with OK; a rejection ends it with the error's status.
 * `signal` aborts when the client goes away or the server stops: the handler should then resolve
 * soon, and a stream cut by the server's stop ends UNAVAILABLE, so clients reconnect elsewhere.
 */
export type ServerStreamHandler<Req, Res> = (
  request: Req,
  call: grpc.ServerWritableStream<Req, Res>,
  signal: AbortSignal,
) => Promise<void>;

export interface ServiceBinding {
  /** Full proto name, e.g. `motlan.population.v1.PopulationService`. */
  name: string;
  /** Method name (as in the proto, e.g. `VerifyCitizen`) → handler. */
  handlers: Record<string, UnaryHandler<never, unknown>>;
  /** Server-streaming methods (as in the proto, e.g. `StreamNotifications`) → handler. */
  streams?: Record<string, ServerStreamHandler<never, unknown>>;
  /**
   * Request fields, by name, that may hold TAB, LF and CR (free text over several lines, a JSON
   * text); every other request string is single-line.
   */
  multilineFields?: readonly string[];
}

export interface GrpcServerSettings {
  services: ServiceBinding[];
  logger: Logger;
  registry?: Registry;
  credentials?: grpc.ServerCredentials;
  host?: string;
  port?: number;
}

export interface RunningGrpcServer {
  readonly port: number;
  readonly health: HealthImplementation;
  /** Marks every service NOT_SERVING, then drains in-flight calls for up to `graceMs`. */
  stop(graceMs?: number): Promise<void>;
}

/**
 * Starts a gRPC server with the given services, standard health checking (grpc.health.v1) and
 * server reflection, per-method latency metrics, and errors mapped to status + rich details.
 * Every string of every request goes through the domain's text validation before its handler
 * runs (the same rules as the REST text gate in @motlan/http): handlers get it in NFC, and a
 * refused character answers INVALID_ARGUMENT with its MOTLAN_TEXT_* code and the field's path.
 * Reflection lists exactly the given services plus health, and describes them from the compiled
 * protos (real files with their imports), so grpcurl and buf curl need no proto files.
 */
export async function startGrpcServer(settings: GrpcServerSettings): Promise<RunningGrpcServer> {
  const server = new grpc.Server({ 'grpc.max_receive_message_length': 4 * 1024 * 1024 });
  const logger = settings.logger.child({ component: 'grpc' });
  const latency = settings.registry
    ? new Histogram({
        name: 'motlan_grpc_server_duration_seconds',
        help: 'gRPC unary call latency by method and status code',
        labelNames: ['method', 'code'],
        buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1, 5],
        registers: [settings.registry],
      })
    : undefined;

  // Aborted by stop(): long-lived streams end at once instead of holding the drain for its grace.
  const stopping = new AbortController();
  const statusMap: Record<string, ServingStatus> = { '': 'SERVING' };
  for (const binding of settings.services) {
    const definition = serviceDefinition(binding.name);
    const implementation: grpc.UntypedServiceImplementation = {};
    for (const [methodName, method] of Object.entries(definition)) {
      const name = method.originalName ?? methodName;
      const stream = binding.streams?.[name] ?? binding.streams?.[methodName];
      if (stream && method.responseStream && !method.requestStream) {
        implementation[methodName] = wrapServerStream(
          `${binding.name}/${methodName}`,
          stream,
          logger,
          new Set(binding.multilineFields ?? []),
          stopping.signal,
        );
        continue;
      }
      const handler = binding.handlers[name] ?? binding.handlers[methodName];
      if (!handler) continue;
      implementation[methodName] = wrapUnary(
        `${binding.name}/${methodName}`,
        handler,
        logger,
        latency,
        new Set(binding.multilineFields ?? []),
      );
    }
    server.addService(definition, implementation);
    statusMap[binding.name] = 'SERVING';
  }

  const health = new HealthImplementation(statusMap);
  health.addToServer(server);
  // protos/ holds grpc.health.v1 under its canonical file name, so reflection describes it too.
  // Listing only what this port serves: a listed service that answers UNIMPLEMENTED misleads.
  new ReflectionService(reflectionDefinition(), {
    services: [...settings.services.map((binding) => binding.name), HEALTH_SERVICE_NAME],
  }).addToServer(server);

  const address = `${settings.host ?? '127.0.0.1'}:${settings.port ?? 0}`;
  const port = await new Promise<number>((resolve, reject) => {
    server.bindAsync(
      address,
      settings.credentials ?? grpc.ServerCredentials.createInsecure(),
      (error, bound) => (error ? reject(error) : resolve(bound)),
    );
  });

  return {
    port,
    health,
    async stop(graceMs = 5_000) {
      for (const name of Object.keys(statusMap)) health.setStatus(name, 'NOT_SERVING');
      stopping.abort();
      await new Promise<void>((resolve) => {
        const force = setTimeout(() => {
          server.forceShutdown();
          resolve();
        }, graceMs);
        server.tryShutdown(() => {
          clearTimeout(force);
          resolve();
        });
      });
    },
  };
}

function wrapUnary(
  name: string,
  handler: UnaryHandler<never, unknown>,
  logger: Logger,
  latency: Histogram<'method' | 'code'> | undefined,
  multiline: ReadonlySet<string>,
): grpc.handleUnaryCall<unknown, unknown> {
  return (call, callback) =>
    inServerSpan(name, call.metadata, (span) => {
      const started = process.hrtime.bigint();
      const observe = (code: number) => {
        latency?.observe(
          { method: name, code: String(code) },
          Number(process.hrtime.bigint() - started) / 1e9,
        );
        endWithStatus(span, code);
      };
      const fail = (error: unknown) => {
        const status = toServiceError(error);
        observe(status.code ?? 2);
        if (status.code === grpc.status.INTERNAL)
          logger.error({ err: error, method: name }, 'gRPC call failed');
        callback(status, null);
      };
      let request: unknown;
      try {
        request = validateTextIn(call.request, '', { lineBreaksIn: multiline });
      } catch (error) {
        fail(error); // the handler never sees a refused request
        return;
      }
      (handler as UnaryHandler<unknown, unknown>)(request, call).then((response) => {
        observe(0);
        callback(null, response);
      }, fail);
    });
}

function wrapServerStream(
  name: string,
  handler: ServerStreamHandler<never, unknown>,
  logger: Logger,
  multiline: ReadonlySet<string>,
  serverStopping: AbortSignal,
): grpc.handleServerStreamingCall<unknown, unknown> {
  // A SERVER span per stream, as for a unary call: child of the caller's metadata `traceparent`,
  // open while the stream is, ended with the status the stream ends with (CANCELLED when the
  // client went away). What the handler does meanwhile (its queries, its reads) are its children.
  return (call) =>
    inServerSpan(name, call.metadata, (span) => {
      let ended = false;
      const end = (code: number) => {
        if (ended) return;
        ended = true;
        endWithStatus(span, code);
      };
      const gone = new AbortController();
      call.on('cancelled', () => {
        gone.abort();
        end(grpc.status.CANCELLED);
      });
      const signal = AbortSignal.any([gone.signal, serverStopping]);
      const fail = (error: unknown) => {
        const status = toServiceError(error);
        if (status.code === grpc.status.INTERNAL)
          logger.error({ err: error, method: name }, 'gRPC stream failed');
        end(call.cancelled ? grpc.status.CANCELLED : (status.code ?? grpc.status.UNKNOWN));
        // A client that went away has nobody to tell.
        // grpc-js sends an 'error' event's status as the stream's trailers.
        if (!call.cancelled) call.emit('error', status);
      };
      let request: unknown;
      try {
        request = validateTextIn(call.request, '', { lineBreaksIn: multiline });
      } catch (error) {
        fail(error);
        return;
      }
      (handler as ServerStreamHandler<unknown, unknown>)(request, call, signal).then(() => {
        if (call.cancelled) return end(grpc.status.CANCELLED);
        if (serverStopping.aborted) {
          end(grpc.status.UNAVAILABLE);
          call.emit('error', {
            code: grpc.status.UNAVAILABLE,
            details: 'The server is shutting down; reconnect',
          });
        } else {
          end(grpc.status.OK);
          call.end();
        }
      }, fail);
    });
}
