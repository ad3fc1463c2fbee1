// Small helpers for producing grammatical Russian text from numbers.

/**
 * Picks the Russian plural form for an integer count.
 * one: 1, 21, 101 (but not 11); few: 2–4, 22–24 (but not 12–14); many: everything else.
 * Example: pluralRu(n, 'пятёрка', 'пятёрки', 'пятёрок').
 */
export function pluralRu(n: number, one: string, few: string, many: string): string {
  const abs = Math.abs(Math.trunc(n));
  const lastTwo = abs % 100;
  const last = abs % 10;
  if (lastTwo >= 11 && lastTwo <= 14) return many;
  if (last === 1) return one;
  if (last >= 2 && last <= 4) return few;
  return many;
}

export type GrammaticalGender = 'masculine' | 'feminine' | 'neuter';

const ONE: Record<GrammaticalGender, string> = { masculine: 'один', feminine: 'одна', neuter: 'одно' };
const TWO: Record<GrammaticalGender, string> = { masculine: 'два', feminine: 'две', neuter: 'два' };
const THREE_TO_TEN = ['три', 'четыре', 'пять', 'шесть', 'семь', 'восемь', 'девять', 'десять'];

/**
 * Number word for 1..10 agreeing in gender with the noun that follows
 * («одна пятёрка», «два урока»). Larger numbers are written with digits,
 * which is how Russian text normally shows them.
 */
export function numberWordRu(n: number, gender: GrammaticalGender): string {
  if (!Number.isInteger(n) || n < 1 || n > 10) return String(n);
  if (n === 1) return ONE[gender];
  if (n === 2) return TWO[gender];
  return THREE_TO_TEN[n - 3];
}

/** Upper-cases the first letter, for number words that start a sentence. */
export function capitalizeRu(s: string): string {
  return s.length === 0 ? s : s[0].toUpperCase() + s.slice(1);
}

/**
 * Rounds half away from zero to `digits` decimals. Goes through the decimal
 * exponent notation so that 4.325 becomes 4.33 (plain Math.round(n * 100)
 * gives 4.32 because 4.325 * 100 is 432.49999… in binary floating point).
 */
export function roundTo(n: number, digits: number): number {
  const sign = n < 0 ? -1 : 1;
  const abs = Math.abs(n);
  // Very small or large numbers already print in exponent form; the trick does not apply.
  if (String(abs).includes('e')) return (sign * Math.round(abs * 10 ** digits)) / 10 ** digits;
  const shifted = Math.round(Number(`${abs}e${digits}`));
  return sign * Number(`${shifted}e-${digits}`);
}

/** Fixed-decimals number with the Russian decimal comma: 4.333 → '4,33'. */
export function formatDecimalRu(n: number, digits: number): string {
  return roundTo(n, digits).toFixed(digits).replace('.', ',');
}
