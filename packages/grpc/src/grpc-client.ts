import * as grpc from '@grpc/grpc-js';
import { serviceClientConstructor } from '@motlan/proto';
import { fromServiceError } from './status-mapping.ts';
import { endWithStatus, injectTraceContext, startClientSpan } from './trace-metadata.ts';

export interface GrpcClientSettings {
  /** `host:port` */
  address: string;
  credentials?: grpc.ChannelCredentials;
  /** Every call gets a deadline; this one unless the call gives its own. */
  defaultDeadlineMs?: number;
  channelOptions?: grpc.ChannelOptions;
}

export interface CallOptions {
  deadlineMs?: number;
  metadata?: Record<string, string>;
}

export interface GrpcClient {
  /** Calls a unary method by its proto name; rejects with the server's MotlanError. */
  call<Res>(method: string, request: object, options?: CallOptions): Promise<Res>;
  /**
   * Opens a server-streaming method by its proto name, with no deadline unless one is given
   * (a subscription lasts), in a CLIENT span that lasts as long as the stream. Read it with `for await`; a failed stream throws the server's MotlanError;
   * `cancel()` on the returned stream ends it from this side.
   */
  stream<Res>(method: string, request: object, options?: CallOptions): ServerStream<Res>;
  close(): void;
  readonly raw: grpc.Client;
}

/** A server stream as an async iterable of its messages. */
export interface ServerStream<Res> extends AsyncIterable<Res> {
  cancel(): void;
}

/** One client per target, reused; deadlines on every call; errors mapped back to MotlanErrors. */
export function createGrpcClient(serviceName: string, settings: GrpcClientSettings): GrpcClient {
  const Constructor = serviceClientConstructor(serviceName);
  const raw = new Constructor(
    settings.address,
    settings.credentials ?? grpc.credentials.createInsecure(),
    settings.channelOptions,
  );
  const defaultDeadlineMs = settings.defaultDeadlineMs ?? 5_000;
  const methods = raw as unknown as Record<
    string,
    grpc.requestCallback<unknown> & ((...args: unknown[]) => unknown)
  >;
  return {
    raw,
    call<Res>(method: string, request: object, options: CallOptions = {}): Promise<Res> {
      const lower = method.charAt(0).toLowerCase() + method.slice(1);
      const fn = methods[method] ?? methods[lower];
      if (typeof fn !== 'function')
        return Promise.reject(new TypeError(`${serviceName} has no method ${method}`));
      const metadata = new grpc.Metadata();
      for (const [key, value] of Object.entries(options.metadata ?? {})) metadata.set(key, value);
      const span = startClientSpan(`${serviceName}/${method}`);
      injectTraceContext(metadata, span);
      const deadline = new Date(Date.now() + (options.deadlineMs ?? defaultDeadlineMs));
      return new Promise<Res>((resolve, reject) => {
        fn.call(raw, request, metadata, { deadline }, (error: grpc.ServiceError | null, response: Res) => {
          endWithStatus(span, error ? error.code : 0);
          if (error) reject(fromServiceError(error));
          else resolve(response);
        });
      });
    },
    stream<Res>(method: string, request: object, options: CallOptions = {}): ServerStream<Res> {
      const lower = method.charAt(0).toLowerCase() + method.slice(1);
      const fn = (methods[method] ?? methods[lower]) as unknown as
        | ((
            request: object,
            metadata: grpc.Metadata,
            options: grpc.CallOptions,
          ) => grpc.ClientReadableStream<Res>)
        | undefined;
      if (typeof fn !== 'function') throw new TypeError(`${serviceName} has no method ${method}`);
      const metadata = new grpc.Metadata();
      for (const [key, value] of Object.entries(options.metadata ?? {})) metadata.set(key, value);
      // A CLIENT span per stream, as for a unary call, ended with the status the stream ends
      // with (grpc-js emits 'status' once, also when cancelled from this side).
      const span = startClientSpan(`${serviceName}/${method}`);
      injectTraceContext(metadata, span);
      const call = fn.call(
        raw,
        request,
        metadata,
        options.deadlineMs ? { deadline: new Date(Date.now() + options.deadlineMs) } : {},
      );
      call.on('status', (status: grpc.StatusObject) => endWithStatus(span, status.code));
      return {
        cancel: () => call.cancel(),
        async *[Symbol.asyncIterator]() {
          try {
            for await (const message of call) yield message as Res;
          } catch (error) {
            throw fromServiceError(error as grpc.ServiceError);
          }
        },
      };
    },
    close: () => raw.close(),
  };
}
