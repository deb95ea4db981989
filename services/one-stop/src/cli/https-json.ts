import { request } from 'node:https';
import { request as plainRequest } from 'node:http';

export interface JsonAnswer {
  status: number;
  body: unknown;
}

/**
 * A JSON request to the one-stop REST API: https trusting `ca` and presenting a client
 * certificate (`cert`, `key`) if given — officer actions and reports need one — or plain http.
 */
export function requestJson(
  url: string,
  options: {
    method?: string;
    body?: unknown;
    ca?: Buffer;
    cert?: Buffer;
    key?: Buffer;
    headers?: Record<string, string>;
  },
): Promise<JsonAnswer> {
  return new Promise((resolve, reject) => {
    const text = options.body === undefined ? undefined : JSON.stringify(options.body);
    const send = url.startsWith('https:') ? request : plainRequest;
    const req = send(
      url,
      {
        method: options.method ?? 'GET',
        ...(options.ca ? { ca: options.ca } : {}),
        ...(options.cert && options.key ? { cert: options.cert, key: options.key } : {}),
        headers: { ...(text ? { 'content-type': 'application/json' } : {}), ...options.headers },
      },
      (response) => {
        let data = '';
        response.on('data', (chunk: Buffer) => (data += chunk.toString()));
        response.on('end', () => {
          try {
            resolve({
              status: response.statusCode ?? 0,
              body: data ? (JSON.parse(data) as unknown) : undefined,
            });
          } catch (error) {
            reject(error instanceof Error ? error : new Error(String(error)));
          }
        });
      },
    );
    req.on('error', reject);
    if (text) req.write(text);
    req.end();
  });
}
