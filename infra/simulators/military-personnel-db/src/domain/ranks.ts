import { CAP_BAC, HIGHEST_SIMULATED_RANK } from './codes.ts';

/** The next rank up, or undefined at the highest simulated rank or for a rank not in CAP_BAC. */
export function rankAbove(rank: string): string | undefined {
  const index = (CAP_BAC as readonly string[]).indexOf(rank);
  if (index === -1 || rank === HIGHEST_SIMULATED_RANK) return undefined;
  return CAP_BAC[index + 1];
}
