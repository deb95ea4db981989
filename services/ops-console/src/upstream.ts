import { request } from 'node:https';
import type { TlsMaterial } from '@motlan/access';
import { MotlanError } from '@motlan/errors';
import { ConsoleErrors } from './errors.ts';

/**
 * GETs on the mesh's REST services over mutual TLS as `ops-console` (its certificate; the policy
 * file marks it `mayOperate`). Throws MOTLAN_CONSOLE_UPSTREAM_FAILED (502) when the service is
 * unreachable, answers outside 2xx, or takes longer than `timeoutMs`.
 */
export class Upstream {
  constructor(
    private readonly tls: TlsMaterial,
    private readonly timeoutMs = 5_000,
  ) {}

  async text(url: string): Promise<string> {
    const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const sent = request(
        url,
        { ca: this.tls.ca, cert: this.tls.cert, key: this.tls.key, timeout: this.timeoutMs },
        (response) => {
          let body = '';
          response.setEncoding('utf8');
          response.on('data', (chunk: string) => (body += chunk));
          response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
        },
      );
      sent.on('timeout', () => sent.destroy(new Error(`no answer within ${this.timeoutMs} ms`)));
      sent.on('error', reject);
      sent.end();
    }).catch((error: Error) => {
      throw new MotlanError(ConsoleErrors.upstreamFailed, `GET ${url}: ${error.message}`, { cause: error });
    });
    if (answer.status < 200 || answer.status > 299) {
      throw new MotlanError(
        ConsoleErrors.upstreamFailed,
        `GET ${url} answered ${answer.status}: ${answer.body.slice(0, 300)}`,
      );
    }
    return answer.body;
  }

  async json<T>(url: string): Promise<T> {
    return JSON.parse(await this.text(url)) as T;
  }
}
