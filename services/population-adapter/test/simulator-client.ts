import { signatureHeaders } from '../src/upstream/signature.ts';

export type SimulatorCall = <T>(method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown) => Promise<T>;

/**
 * Calls the population simulator as the adapter does: `/api/` requests signed with the
 * development key, the admin routes as they are. `baseUrl` is read on each call, since tests
 * learn the simulator's port only once it has started.
 */
export function simulatorClient(baseUrl: () => string): SimulatorCall {
  return async <T>(method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown): Promise<T> => {
    const text = body === undefined ? '' : JSON.stringify(body);
    const signed = path.startsWith('/api/')
      ? signatureHeaders({
          keyId: 'motlan-dev',
          secret: 'motlan-dev-secret',
          method,
          pathWithQuery: path,
          body: text,
        })
      : {};
    const response = await fetch(baseUrl() + path, {
      method,
      headers: {
        ...signed,
        'x-officer-id': 'officer-1',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: text }),
    });
    return (await response.json()) as T;
  };
}
