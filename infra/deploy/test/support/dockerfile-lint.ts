/**
 * The Dockerfile checked by dockerfile-utils' validator (npm; the parser and rules of the VS Code
 * Docker extension: syntax, arguments, flags, every optional rule raised to an error), then by the
 * rules this project holds its images to, in the spirit of hadolint: pinned base images, a
 * frozen lockfile, a non-root user and a health check in the final stage, no secret in ARG/ENV.
 */
import { validate, ValidationSeverity, type ValidatorSettings } from 'dockerfile-utils';

const STRICT: ValidatorSettings = {
  deprecatedMaintainer: ValidationSeverity.ERROR,
  directiveCasing: ValidationSeverity.ERROR,
  emptyContinuationLine: ValidationSeverity.ERROR,
  instructionCasing: ValidationSeverity.ERROR,
  instructionCmdMultiple: ValidationSeverity.ERROR,
  instructionEntrypointMultiple: ValidationSeverity.ERROR,
  instructionHealthcheckMultiple: ValidationSeverity.ERROR,
  instructionJSONInSingleQuotes: ValidationSeverity.ERROR,
  instructionWorkdirRelative: ValidationSeverity.ERROR,
};

interface Instruction {
  line: number;
  keyword: string;
  args: string;
}

/** Instructions with their continuation lines joined; comments and blank lines dropped. */
function instructions(content: string): Instruction[] {
  const result: Instruction[] = [];
  let current: Instruction | undefined;
  content.split('\n').forEach((raw, index) => {
    const line = raw.trim();
    if (current === undefined && (line === '' || line.startsWith('#'))) return;
    const text = line.endsWith('\\') ? line.slice(0, -1) : line;
    if (current) current.args += ` ${text}`;
    else {
      const [keyword = '', ...rest] = text.split(/\s+/);
      current = { line: index + 1, keyword: keyword.toUpperCase(), args: rest.join(' ') };
    }
    if (!line.endsWith('\\')) {
      result.push(current);
      current = undefined;
    }
  });
  return result;
}

/** What is wrong with a Dockerfile; empty when it passes. */
export function lintDockerfile(content: string): string[] {
  const problems = validate(content, STRICT).map(
    (diagnostic) => `line ${diagnostic.range.start.line + 1}: ${diagnostic.message}`,
  );
  const all = instructions(content);
  const args = new Map(
    all.filter((i) => i.keyword === 'ARG').map((i) => i.args.split('=') as [string, string | undefined]),
  );
  const stages = all.filter((i) => i.keyword === 'FROM');
  if (stages.length === 0) return [...problems, 'no FROM'];
  for (const from of stages) {
    const image = from.args.split(/\s+/).find((word) => !word.startsWith('--'))!;
    const resolved = image.replace(/^\$\{?(\w+)\}?$/, (_, name: string) => args.get(name) ?? image);
    const isStage = stages.some((stage) => new RegExp(`\\bAS\\s+${resolved}$`, 'i').test(stage.args));
    if (!isStage && (!resolved.includes(':') || resolved.endsWith(':latest'))) {
      problems.push(`line ${from.line}: base image ${resolved} is not pinned to a version`);
    }
  }
  for (const instruction of all) {
    if (
      (instruction.keyword === 'ARG' || instruction.keyword === 'ENV') &&
      /(PASSWORD|SECRET|TOKEN|PRIVATE_KEY)/i.test(instruction.args)
    ) {
      problems.push(
        `line ${instruction.line}: ${instruction.keyword} carries a secret (${instruction.args})`,
      );
    }
    if (instruction.keyword === 'ADD' && /https?:\/\//.test(instruction.args)) {
      problems.push(`line ${instruction.line}: ADD of a URL (download in a RUN with a checksum instead)`);
    }
    if (instruction.keyword === 'RUN' && /pnpm install(?![^&]*--frozen-lockfile)/.test(instruction.args)) {
      problems.push(`line ${instruction.line}: pnpm install without --frozen-lockfile`);
    }
  }
  const lastStage = all.slice(all.lastIndexOf(stages.at(-1)!));
  const user = lastStage.filter((i) => i.keyword === 'USER').at(-1);
  if (!user || /^(root|0)(:|$)/.test(user.args))
    problems.push('the final stage does not switch to a non-root USER');
  if (!lastStage.some((i) => i.keyword === 'HEALTHCHECK'))
    problems.push('the final stage has no HEALTHCHECK');
  return problems;
}
