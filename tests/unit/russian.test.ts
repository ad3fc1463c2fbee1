import { describe, expect, it } from 'vitest';
import { capitalizeRu, formatDecimalRu, numberWordRu, pluralRu, roundTo } from '../../lib/domain/russian';

const fives = (n: number) => `${n} ${pluralRu(n, 'пятёрка', 'пятёрки', 'пятёрок')}`;

describe('pluralRu', () => {
  it('chooses the form a Russian reader expects', () => {
    expect(fives(1)).toBe('1 пятёрка');
    expect(fives(2)).toBe('2 пятёрки');
    expect(fives(4)).toBe('4 пятёрки');
    expect(fives(5)).toBe('5 пятёрок');
    expect(fives(0)).toBe('0 пятёрок');
  });

  it('treats 11–14 as «many» although they end in 1–4', () => {
    expect(fives(11)).toBe('11 пятёрок');
    expect(fives(12)).toBe('12 пятёрок');
    expect(fives(14)).toBe('14 пятёрок');
    expect(fives(111)).toBe('111 пятёрок');
  });

  it('looks at the last digit for larger numbers', () => {
    expect(fives(21)).toBe('21 пятёрка');
    expect(fives(22)).toBe('22 пятёрки');
    expect(fives(25)).toBe('25 пятёрок');
    expect(fives(101)).toBe('101 пятёрка');
  });
});

describe('numberWordRu', () => {
  it('agrees one and two with the gender of the noun', () => {
    expect(numberWordRu(1, 'feminine')).toBe('одна');
    expect(numberWordRu(1, 'masculine')).toBe('один');
    expect(numberWordRu(1, 'neuter')).toBe('одно');
    expect(numberWordRu(2, 'feminine')).toBe('две');
    expect(numberWordRu(2, 'masculine')).toBe('два');
  });

  it('writes 3..10 as words and larger numbers as digits', () => {
    expect(numberWordRu(3, 'feminine')).toBe('три');
    expect(numberWordRu(7, 'feminine')).toBe('семь');
    expect(numberWordRu(10, 'feminine')).toBe('десять');
    expect(numberWordRu(11, 'feminine')).toBe('11');
  });

  it('capitalizes a sentence start', () => {
    expect(capitalizeRu('две двойки')).toBe('Две двойки');
    expect(capitalizeRu('')).toBe('');
  });
});

describe('decimal rounding and formatting', () => {
  it('rounds halves up even where binary floating point would round down', () => {
    expect(roundTo(4.325, 2)).toBe(4.33);
    expect(roundTo(2.675, 2)).toBe(2.68);
    expect(roundTo(1.005, 2)).toBe(1.01);
    expect(roundTo(56.375, 1)).toBe(56.4);
  });

  it('uses the Russian decimal comma', () => {
    expect(formatDecimalRu(13 / 3, 2)).toBe('4,33');
    expect(formatDecimalRu(4.5, 2)).toBe('4,50');
    expect(formatDecimalRu(62.5, 1)).toBe('62,5');
  });
});
