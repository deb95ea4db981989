/**
 * The processes `pnpm start` runs, in start order. Add a service here when it exists: its
 * entry point, its environment, and the URLs to print for a newcomer.
 */
export interface ServiceProcess {
  name: string;
  /** Script run with tsx, relative to the repository root. */
  entry: string;
  env: Record<string, string>;
  /** Printed once the service is up. */
  urls: Record<string, string>;
  /** HTTP URL answering 200 once the service is ready. */
  readyUrl?: string;
}

export const services: ServiceProcess[] = [];
