import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { request } from 'node:https';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const CERT_DIR = fileURLToPath(new URL('../../../infra/certs/.certs/', import.meta.url));
const GENERATE = fileURLToPath(new URL('../../../infra/certs/generate.sh', import.meta.url));

/** The development PKI (infra/certs/generate.sh, idempotent); returns its folder. */
export function devCertificates(): string {
  execFileSync('bash', [GENERATE], { stdio: 'ignore' });
  return CERT_DIR;
}

export interface ClientTls {
  ca: Buffer;
  cert?: Buffer;
  key?: Buffer;
}

/** A client's TLS material by certificate name (`one-stop`, `rogue`, ...), or none. */
export function clientTls(name?: string): ClientTls {
  const dir = devCertificates();
  const ca = readFileSync(join(dir, 'ca.pem'));
  if (!name) return { ca };
  return {
    ca,
    cert: readFileSync(join(dir, `${name}.pem`)),
    key: readFileSync(join(dir, `${name}-key.pem`)),
  };
}

/** A JSON request over https with an optional client certificate (fetch cannot present one). */
export function httpsJson(
  url: string,
  options: { method?: string; body?: unknown; tls: ClientTls; headers?: Record<string, string> },
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: unknown }> {
  return new Promise((resolve, reject) => {
    const text = options.body === undefined ? undefined : JSON.stringify(options.body);
    const req = request(
      url,
      {
        method: options.method ?? 'GET',
        ca: options.tls.ca,
        ...(options.tls.cert ? { cert: options.tls.cert, key: options.tls.key } : {}),
        headers: { ...(text ? { 'content-type': 'application/json' } : {}), ...options.headers },
      },
      (response) => {
        let data = '';
        response.on('data', (chunk: Buffer) => (data += chunk.toString()));
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: data ? JSON.parse(data) : undefined,
          }),
        );
      },
    );
    req.on('error', reject);
    if (text) req.write(text);
    req.end();
  });
}
