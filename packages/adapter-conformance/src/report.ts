import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import junit from 'junit-report-builder';

export type Outcome = 'passed' | 'failed';

/** A failed start can carry a whole process log: the terminal shows its head, the JUnit XML all of it. */
const MAX_LINES_PER_CHECK = 25;

/** One check's result: which suite, what it checks, how it went and what it saw. */
export interface CheckResult {
  suite: string;
  id: string;
  title: string;
  outcome: Outcome;
  /** What was seen (passed) or what was wrong (failed), one finding a line. */
  detail: string;
  durationMs: number;
}

export interface Report {
  adapter: string;
  startedAt: string;
  results: CheckResult[];
}

export const failedChecks = (report: Report): CheckResult[] =>
  report.results.filter((result) => result.outcome === 'failed');

/** The report for a terminal: one line per check, its findings indented under it, a summary. */
export function renderReport(report: Report, color = false): string {
  const paint = (code: number, text: string) => (color ? `\u001b[${code}m${text}\u001b[0m` : text);
  const lines = [`Conformance of ${report.adapter} (${report.startedAt})`, ''];
  let suite = '';
  for (const result of report.results) {
    if (result.suite !== suite) {
      suite = result.suite;
      lines.push(paint(1, suite));
    }
    const mark = result.outcome === 'passed' ? paint(32, '✓') : paint(31, '✗');
    lines.push(`  ${mark} ${result.id}: ${result.title} (${(result.durationMs / 1000).toFixed(1)} s)`);
    const findings = result.detail.split('\n').filter(Boolean);
    for (const line of findings.slice(0, MAX_LINES_PER_CHECK)) lines.push(`      ${line}`);
    if (findings.length > MAX_LINES_PER_CHECK)
      lines.push(`      … ${findings.length - MAX_LINES_PER_CHECK} more lines in the JUnit XML`);
  }
  const failed = failedChecks(report).length;
  lines.push(
    '',
    failed === 0
      ? paint(32, `${report.results.length} checks passed: ${report.adapter} conforms`)
      : paint(31, `${failed} of ${report.results.length} checks failed: ${report.adapter} does not conform`),
  );
  return lines.join('\n');
}

/** The report as JUnit XML (one testsuite per suite, one testcase per check), for CI. */
export function junitXml(report: Report): string {
  const builder = junit.newBuilder();
  const suites = new Map<string, ReturnType<typeof builder.testSuite>>();
  for (const result of report.results) {
    let suite = suites.get(result.suite);
    if (!suite) {
      suite = builder.testSuite().name(`${report.adapter}.${result.suite}`);
      suites.set(result.suite, suite);
    }
    const testCase = suite
      .testCase()
      .className(`${report.adapter}.${result.suite}`)
      .name(`${result.id}: ${result.title}`)
      .time(result.durationMs / 1000);
    // The first finding as the message, all of them as the failure's text (CI shows both).
    if (result.outcome === 'failed') testCase.failure(result.detail.split('\n')[0]).stacktrace(result.detail);
    else testCase.standardOutput(result.detail);
  }
  return builder.build();
}

/** Writes the JUnit XML whole or not at all (a temporary file renamed into place). */
export function writeJunit(report: Report, file: string): void {
  mkdirSync(dirname(file), { recursive: true });
  const temp = `${file}.tmp`;
  writeFileSync(temp, junitXml(report), 'utf8');
  renameSync(temp, file);
}
