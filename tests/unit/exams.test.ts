import { describe, expect, it } from 'vitest';
import { examFitsGrade, parseExamEntry } from '@/lib/domain/exams';

describe('ГИА results', () => {
  it('matches exams to grades: ОГЭ in 9, ЕГЭ in 11, ГВЭ in both', () => {
    expect([examFitsGrade('OGE', 9), examFitsGrade('OGE', 11), examFitsGrade('EGE', 11), examFitsGrade('EGE', 9), examFitsGrade('GVE', 9), examFitsGrade('GVE', 11)])
      .toEqual([true, false, true, false, true, true]);
  });

  it('reads empty fields as not sat and trims what was typed', () => {
    expect(parseExamEntry('OGE', ' ', '')).toEqual({ ok: true, entry: { score: null, mark: null } });
    expect(parseExamEntry('OGE', ' 27 ', '5 ')).toEqual({ ok: true, entry: { score: 27, mark: '5' } });
    expect(parseExamEntry('EGE', '0', '')).toEqual({ ok: true, entry: { score: 0, mark: null } });
    // ЕГЭ base-level mathematics: a mark, no score.
    expect(parseExamEntry('EGE', '', '4')).toEqual({ ok: true, entry: { score: null, mark: '4' } });
  });

  it('refuses scores that are not whole numbers from 0 to 100 and marks off 2–5', () => {
    expect(parseExamEntry('EGE', '101', '')).toEqual({ ok: false, errors: { score: 'Балл — от 0 до 100' } });
    for (const bad of ['-1', '7.5', '1e2', 'сорок']) expect(parseExamEntry('EGE', bad, '')).toEqual({ ok: false, errors: { score: 'Балл — целое неотрицательное число' } });
    for (const bad of ['1', '6', '4+', 'пять']) expect(parseExamEntry('OGE', '', bad)).toEqual({ ok: false, errors: { mark: 'Отметка — от 2 до 5' } });
    expect(parseExamEntry('OGE', '12', '')).toEqual({ ok: false, errors: { mark: 'Укажите отметку (2–5)' } });
  });
});
