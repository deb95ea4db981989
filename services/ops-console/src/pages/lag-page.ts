import { Type, type HttpApp } from '@motlan/http';
import { esc, layout, table } from '../html.ts';
import { operatorOf, type ConsoleContext, type ConsolePage } from './console-page.ts';

// The chart: uPlot (served from node_modules, /assets), one series per group and topic (total lag
// over its partitions), over the samples of the last hour.
const CHART_SCRIPT = `<script src="/assets/uPlot.iife.min.js"></script>
<script>
(async () => {
  const answer = await fetch('/api/lag/history', { credentials: 'same-origin' });
  const { samples } = await answer.json();
  const names = [...new Set(samples.flatMap((s) => s.partitions.map((p) => p.group + ' · ' + p.topic)))].sort();
  const data = [samples.map((s) => s.at / 1000)];
  for (const name of names) {
    data.push(samples.map((s) => s.partitions.filter((p) => p.group + ' · ' + p.topic === name).reduce((sum, p) => sum + p.lag, 0)));
  }
  const colours = ['#1f77b4', '#d62728', '#2ca02c', '#ff7f0e', '#9467bd', '#8c564b', '#e377c2', '#17becf'];
  const chart = document.getElementById('chart');
  chart.dataset.series = String(names.length);
  chart.dataset.samples = String(samples.length);
  new uPlot({
    width: Math.min(1000, window.innerWidth - 40), height: 300, title: 'Lag, last hour (records)',
    series: [{}, ...names.map((label, i) => ({ label, stroke: colours[i % colours.length], width: 2 }))],
  }, data, chart);
})();
</script>`;

/** (2) Consumer lag per group and partition now, and a chart over the last hour (in-memory samples). */
export const lagPage: ConsolePage = {
  path: '/lag',
  title: 'Lag',
  register(app: HttpApp, context: ConsoleContext) {
    app.get('/lag', { schema: { hide: true }, config: { page: true } }, async (request, reply) => {
      const now = await context.lag.sample();
      const body = `<p>Committed and end offsets per consumer group and partition, sampled every
${context.config.OPS_CONSOLE_LAG_SAMPLE_MS / 1000} s; the chart keeps the last hour in the console's memory.</p>
<link rel="stylesheet" href="/assets/uPlot.min.css"><div id="chart"></div>
${
  now
    ? table(
        ['GROUP', 'TOPIC', 'PARTITION', 'COMMITTED', 'END', 'LAG'],
        now.partitions.map((p) => [
          esc(p.group),
          esc(p.topic),
          String(p.partition),
          esc(p.committed ?? '-'),
          esc(p.end),
          String(p.lag),
        ]),
        'lag',
      )
    : '<p class="bad">Kafka did not answer; see the log.</p>'
}${CHART_SCRIPT}`;
      return reply.type('text/html; charset=utf-8').send(
        layout({
          title: 'Consumer lag',
          operator: operatorOf(request),
          nav: context.nav,
          here: '/lag',
          body,
        }),
      );
    });

    app.get(
      '/api/lag/history',
      {
        schema: {
          tags: ['lag'],
          summary: 'Lag samples of the last hour, oldest first (at: epoch milliseconds)',
          response: {
            200: Type.Object({
              samples: Type.Array(
                Type.Object({
                  at: Type.Integer(),
                  partitions: Type.Array(
                    Type.Object({
                      group: Type.String(),
                      topic: Type.String(),
                      partition: Type.Integer(),
                      committed: Type.Union([Type.String(), Type.Null()]),
                      end: Type.String(),
                      lag: Type.Integer(),
                    }),
                  ),
                }),
              ),
            }),
          },
        },
      },
      async () => ({ samples: context.lag.history() }),
    );
  },
};
