/**
 * `pnpm bench <name> [args]` runs bench/<name>/main.ts, which exports `description` and
 * `main(args)`. With no name, or --help, it lists the benches there are.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

interface BenchModule {
  description: string;
  main(args: string[]): Promise<void>;
}

const BENCH_DIR = fileURLToPath(new URL('.', import.meta.url));

function benchNames(): string[] {
  return readdirSync(BENCH_DIR, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(BENCH_DIR, entry.name, 'main.ts')))
    .map((entry) => entry.name)
    .sort();
}

async function loadBench(name: string): Promise<BenchModule> {
  return (await import(pathToFileURL(join(BENCH_DIR, name, 'main.ts')).href)) as BenchModule;
}

async function printUsage(): Promise<void> {
  const names = benchNames();
  const width = Math.max(...names.map((name) => name.length));
  const lines = await Promise.all(
    names.map(async (name) => {
      const description = await loadBench(name).then(
        (bench) => bench.description,
        (error: Error) => `(does not load: ${error.message})`,
      );
      return `  ${name.padEnd(width)}  ${description}`;
    }),
  );
  console.log(
    [
      'usage: pnpm bench <name> [args]',
      '',
      'benches:',
      ...lines,
      '',
      'Settings and results: bench/README.md',
    ].join('\n'),
  );
}

const [name, ...args] = process.argv.slice(2);
if (name === undefined || name === '--help' || name === '-h') {
  await printUsage();
} else if (!benchNames().includes(name)) {
  console.error(`no bench named "${name}"\n`);
  await printUsage();
  process.exitCode = 2;
} else {
  try {
    await (await loadBench(name)).main(args);
  } catch (error) {
    console.error(`bench ${name} failed:`, error);
    process.exitCode = 1;
  }
}
