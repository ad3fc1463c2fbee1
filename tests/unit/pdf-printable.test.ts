import { describe, expect, it } from 'vitest';
import { printable } from '../../lib/pdf/printable';
import { fontHasGlyph } from '../../lib/pdf/shared-fonts';

describe('text as PT Sans can print it', () => {
  it('keeps what the font has, Cyrillic, Latin and the usual signs, untouched', () => {
    const text = 'Ёжик, №\u00A05 — «Задание» (к 25.11), ½ ± 2 ≤ 3 € ₽ …\nEnglish: p. 45';
    expect(printable(text, fontHasGlyph)).toBe(text);
  });

  it('turns odd spaces into spaces, drops invisible joiners and what the font lacks, gives arrows and ticks a stand-in', () => {
    expect(printable('5\u202F000\u2009руб.', fontHasGlyph)).toBe('5 000 руб.');
    expect(printable('Отлично\u200D 👍🏻 ✔ → ☺ конец', fontHasGlyph)).toBe('Отлично + -> конец');
  });
});
