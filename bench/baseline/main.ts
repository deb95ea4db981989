import { loadConfig } from '@motlan/config';
import { CommonErrors, MotlanError } from '@motlan/errors';
import { describeMachine, formatTable, writeResult } from '../lib/report.ts';
import {
  BASELINE_PARTS,
  BaselineSettingsSchema,
  baselineRows,
  runBaseline,
  type BaselinePart,
} from './run-baseline.ts';

export const description =
  'bare grpc-js echo, raw kafkajs produce/consume, raw PostgreSQL INSERT and COPY on this machine';

function selectParts(args: string[]): BaselinePart[] {
  const unknown = args.filter((arg) => !(BASELINE_PARTS as readonly string[]).includes(arg));
  if (unknown.length > 0) {
    throw new MotlanError(
      CommonErrors.validation,
      `unknown baseline part(s) ${unknown.join(', ')}; choose from ${BASELINE_PARTS.join(', ')}`,
    );
  }
  return args.length > 0 ? [...new Set(args as BaselinePart[])] : [...BASELINE_PARTS];
}

/** Results are shared and kept; the database they came from is worth recording, its password is not. */
function withoutPassword(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}

/** `pnpm bench baseline [grpc] [kafka] [postgres]`: all parts unless some are named. */
export async function main(args: string[]): Promise<void> {
  const parts = selectParts(args);
  const settings = loadConfig(BaselineSettingsSchema);
  const machine = describeMachine();
  const startedAt = new Date();
  const result = await runBaseline(settings, parts);
  const { latest, file } = await writeResult('baseline', {
    bench: 'baseline',
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    machine,
    parts,
    settings: { ...settings, DATABASE_URL: withoutPassword(settings.DATABASE_URL) },
    ...result,
  });

  const header = [
    `baseline (${machine.cores} cores, node ${machine.node})`,
    'throughput',
    'p50',
    'p99',
    'RSS',
  ];
  console.log(`\n${formatTable([header, ...baselineRows(result)])}\n`);
  console.log(`written: ${file}\n         ${latest}`);
}
