import { build } from './build.ts';

// `pnpm build`: every workspace package's src/ → dist/, incrementally.
const result = build();
console.log(
  `build: ${result.packages} packages, ${result.compiled} files compiled, ${result.copied} assets copied, ` +
    `${result.removed} stale removed in ${result.ms} ms`,
);
