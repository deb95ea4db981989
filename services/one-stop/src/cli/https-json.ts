import { request } from 'node:https';
import { request as plainRequest } from 'node:http';

export interface JsonAnswer {
  status: number;
  body: unknown;
}

/** A JSON request to the one-stop REST API (https trusting `ca`, or plain http). */
export function requestJson(
  url: string,
  options: { method?: string; body?: unknown; ca?: Buffer },
): Promise<JsonAnswer> {
  return new Promise((resolve, reject) => {
    const text = options.body === undefined ? undefined : JSON.stringify(options.body);
    const send = url.startsWith('https:') ? request : plainRequest;
    const req = send(
      url,
      {
        method: options.method ?? 'GET',
        ...(options.ca ? { ca: options.ca } : {}),
        headers: text ? { 'content-type': 'application/json' } : {},
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
