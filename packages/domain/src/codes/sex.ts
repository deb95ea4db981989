export const SEXES = ['male', 'female'] as const;
export type Sex = (typeof SEXES)[number];

export function isSex(value: unknown): value is Sex {
  return value === 'male' || value === 'female';
}
