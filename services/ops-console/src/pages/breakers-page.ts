import type { HttpApp } from '@motlan/http';
import { pairs } from '../config.ts';
import { esc, layout, table } from '../html.ts';
import { operatorOf, type ConsoleContext, type ConsolePage } from './console-page.ts';

const STATES = ['closed', 'half-open', 'open'];

/** `motlan_breaker_state{breaker="x"} 2` lines of a Prometheus text exposition → [x, state]. */
export function breakerStates(metrics: string): [string, string][] {
  return metrics
    .split('\n')
    .map((line) => /^motlan_breaker_state\{breaker="([^"]+)"\}\s+(\d+)/.exec(line))
    .filter((match): match is RegExpExecArray => match !== null)
    .map((match) => [match[1]!, STATES[Number(match[2])] ?? `unknown (${match[2]})`]);
}

/** (3) Circuit-breaker state per upstream, read from each adapter's /metrics. */
export const breakersPage: ConsolePage = {
  path: '/breakers',
  title: 'Breakers',
  register(app: HttpApp, context: ConsoleContext) {
    app.get('/breakers', { schema: { hide: true }, config: { page: true } }, async (request, reply) => {
      const rows: string[][] = [];
      for (const [adapter, url] of pairs(context.config.OPS_CONSOLE_ADAPTERS, '=')) {
        try {
          const states = breakerStates(await context.upstream.text(`${url}/metrics`));
          if (states.length === 0)
            rows.push([esc(adapter), '-', '<span class="muted">no breaker exported</span>']);
          for (const [breaker, state] of states) {
            rows.push([
              esc(adapter),
              esc(breaker),
              `<span class="${state === 'closed' ? 'ok' : 'bad'}">${esc(state)}</span>`,
            ]);
          }
        } catch (error) {
          rows.push([
            esc(adapter),
            '-',
            `<span class="bad">unreachable: ${esc((error as Error).message)}</span>`,
          ]);
        }
      }
      const body = `<p>The adapters' <code>motlan_breaker_state</code> (their /metrics): closed lets calls through,
open fails them fast, half-open tries one.</p>${table(['ADAPTER', 'BREAKER', 'STATE'], rows, 'breakers')}`;
      return reply.type('text/html; charset=utf-8').send(
        layout({
          title: 'Circuit breakers',
          operator: operatorOf(request),
          nav: context.nav,
          here: '/breakers',
          body,
        }),
      );
    });
  },
};
