import { auditPage } from './audit-page.ts';
import { breakersPage } from './breakers-page.ts';
import type { ConsolePage } from './console-page.ts';
import { deadLettersPage } from './dead-letters-page.ts';
import { discrepanciesPage } from './discrepancies-page.ts';
import { lagPage } from './lag-page.ts';
import { lineagePage } from './lineage-page.ts';
import { quarantinePage } from './quarantine-page.ts';
import { topicsPage } from './topics-page.ts';
import { tracePage } from './trace-page.ts';

/** THE list of the console's pages, in the navigation's order: a new page is one module and one entry. */
export const consolePages: readonly ConsolePage[] = [
  topicsPage,
  lagPage,
  breakersPage,
  deadLettersPage,
  quarantinePage,
  discrepanciesPage,
  auditPage,
  lineagePage,
  tracePage,
];

export type { ConsoleContext, ConsolePage } from './console-page.ts';
