import type { AuditTrail } from '@motlan/access';
import type { HttpApp } from '@motlan/http';
import type { OperatorContext } from '@motlan/ops-cli';
import type { Config } from '../config.ts';
import type { NavEntry } from '../html.ts';
import type { LagSampler } from '../lag-sampler.ts';
import type { Upstream } from '../upstream.ts';

/** What every page stands on. */
export interface ConsoleContext {
  config: Config;
  /** The mesh's Kafka as `ops-console` (ops-cli's commands run on it). */
  ops: OperatorContext;
  /** The environment ops-cli's database commands read (DATABASE_URL, FACT_REGISTRY_SCHEMA). */
  env: Record<string, string>;
  trail: AuditTrail;
  upstream: Upstream;
  lag: LagSampler;
  /** Every page, for the navigation. */
  nav: readonly NavEntry[];
}

/**
 * One page of the console: its own module, registered in pages/index.ts's one list (the order of
 * the navigation). `register` adds its HTML route(s) (`config: { page: true }`) and JSON API routes
 * (`/api/...`, with schemas, problem+json errors).
 */
export interface ConsolePage extends NavEntry {
  register(app: HttpApp, context: ConsoleContext): void;
}

/** The operator of a request the door let through (pages without one were redirected). */
export function operatorOf(request: { callerIdentity?: string | undefined }): string {
  return request.callerIdentity ?? 'anonymous';
}
