import { describe, expect, it } from 'vitest';
import {
  attendanceFromDb,
  ATTENDANCE_DB,
  comparePupils,
  finalMarkVisibleFrom,
  isEnrolledOn,
  keyAction,
  moveCursor,
  overlapsPeriod,
  parseCellInput,
  parsePastedColumn,
  proposalShort,
  pupilFigures,
  readRoundingPolicy,
  startColumn,
} from '../../lib/domain/journal-grid';
import { ROUNDING_PRESETS } from '../../lib/domain/rounding';

describe('what a typed cell means', () => {
  it('reads marks of the course scale, attendance codes and their Latin look-alikes', () => {
    expect(parseCellInput('5', 'FIVE_POINT')).toEqual({ kind: 'mark', value: '5' });
    expect(parseCellInput(' 10 ', 'TEN_POINT')).toEqual({ kind: 'mark', value: '10' });
    expect(parseCellInput('н', 'FIVE_POINT')).toEqual({ kind: 'attendance', code: 'Н' });
    expect(parseCellInput('h', 'FIVE_POINT')).toEqual({ kind: 'attendance', code: 'Н' });
    expect(parseCellInput('up', 'FIVE_POINT')).toEqual({ kind: 'attendance', code: 'УП' });
    expect(parseCellInput('ОП', 'FIVE_POINT')).toEqual({ kind: 'attendance', code: 'ОП' });
    expect(parseCellInput('', 'FIVE_POINT')).toEqual({ kind: 'empty' });
  });

  it('refuses values outside the scale instead of guessing', () => {
    expect(parseCellInput('6', 'FIVE_POINT')).toEqual({ kind: 'invalid', text: '6' });
    expect(parseCellInput('0', 'FIVE_POINT')).toEqual({ kind: 'invalid', text: '0' });
    expect(parseCellInput('11', 'TEN_POINT')).toEqual({ kind: 'invalid', text: '11' });
  });

  it('on a pass/fail scale «зач» is a mark, not attendance', () => {
    expect(parseCellInput('Зач.', 'PASS_FAIL')).toEqual({ kind: 'mark', value: 'зач' });
    expect(parseCellInput('н', 'PASS_FAIL')).toEqual({ kind: 'attendance', code: 'Н' });
  });

  it('maps journal codes to the database enum and back', () => {
    for (const [code, db] of Object.entries(ATTENDANCE_DB)) expect(attendanceFromDb(db)).toBe(code);
  });
});

describe('a column pasted from a spreadsheet', () => {
  it('takes the first field of each line, keeps inner blanks, drops the trailing newline', () => {
    expect(parsePastedColumn('5\r\n4\tx\r\n\r\nн\r\n')).toEqual(['5', '4', '', 'н']);
    expect(parsePastedColumn('')).toEqual([]);
  });
});

describe('enrollment dates', () => {
  const ranges = [{ startDate: '2026-09-01', endDate: '2026-10-05' }, { startDate: '2026-11-10', endDate: null }];
  it('a pupil who left and came back is in the class only inside the ranges, ends inclusive', () => {
    expect(isEnrolledOn(ranges, '2026-10-05')).toBe(true);
    expect(isEnrolledOn(ranges, '2026-10-06')).toBe(false);
    expect(isEnrolledOn(ranges, '2026-11-10')).toBe(true);
    expect(isEnrolledOn(ranges, '2027-05-01')).toBe(true);
    expect(overlapsPeriod(ranges, '2026-10-06', '2026-11-09')).toBe(false);
    expect(overlapsPeriod(ranges, '2026-10-06', '2026-11-10')).toBe(true);
  });

  it('sorts pupils by Russian alphabet: Ё after Е, surname then name', () => {
    const names = [
      { id: 1, lastName: 'Ёлкин', firstName: 'Иван' },
      { id: 2, lastName: 'Елисеев', firstName: 'Пётр' },
      { id: 3, lastName: 'Абрамова', firstName: 'Юлия' },
      { id: 4, lastName: 'Абрамова', firstName: 'Анна' },
    ];
    expect([...names].sort(comparePupils).map((p) => p.id)).toEqual([4, 3, 2, 1]);
  });
});

describe('per-pupil figures', () => {
  const marks = [
    { numericValue: 5, weight: 1 },
    { numericValue: 4, weight: 1 },
    { numericValue: 3, weight: 2 }, // a test weighs double
  ];
  it('count, plain and weighted average and the proposal by the school policy', () => {
    const f = pupilFigures(marks, ROUNDING_PRESETS.standard, 'FIVE_POINT');
    expect(f.count).toBe(3);
    expect(f.average).toBeCloseTo(4);
    expect(f.weightedAverage).toBeCloseTo(3.75);
    expect(f.proposal).toEqual({ kind: 'mark', value: 4, weightedAverage: 3.75 });
  });

  it('4,50 is «5» under 2.5/3.5/4.5 and «4» under 2.6/3.6/4.6, and the teacher decides in the band', () => {
    const m = [{ numericValue: 5, weight: 1 }, { numericValue: 4, weight: 1 }, { numericValue: 5, weight: 1 }, { numericValue: 4, weight: 1 }];
    expect(proposalShort(pupilFigures(m, ROUNDING_PRESETS.standard, 'FIVE_POINT').proposal)).toBe('5');
    expect(proposalShort(pupilFigures(m, ROUNDING_PRESETS.strict, 'FIVE_POINT').proposal)).toBe('4');
    expect(proposalShort(pupilFigures(m, ROUNDING_PRESETS.teacherDecides, 'FIVE_POINT').proposal)).toBe('4/5?');
  });

  it('too few marks give no proposal; non-numeric marks count but do not average', () => {
    const f = pupilFigures([{ numericValue: 5, weight: 1 }, { numericValue: null, weight: 1 }], ROUNDING_PRESETS.standard, 'FIVE_POINT');
    expect(f.count).toBe(2);
    expect(f.average).toBe(5);
    expect(proposalShort(f.proposal)).toBe('—');
    expect(pupilFigures(marks, ROUNDING_PRESETS.standard, 'TEN_POINT').proposal).toBeNull();
  });

  it('reads the school policy JSON and falls back to the standard rule when malformed', () => {
    expect(readRoundingPolicy({ thresholds: { 3: 2.6, 4: 3.6, 5: 4.6 }, teacherDecidesBand: 0.1, minMarks: 2 })).toEqual({ thresholds: { 3: 2.6, 4: 3.6, 5: 4.6 }, teacherDecidesBand: 0.1, minMarks: 2 });
    expect(readRoundingPolicy({ thresholds: { 3: '2.5' } })).toEqual(ROUNDING_PRESETS.standard);
    expect(readRoundingPolicy(null)).toEqual(ROUNDING_PRESETS.standard);
  });

  it('falls back to the standard rule for a policy that validateRoundingPolicy refuses', () => {
    // Thresholds in the wrong order would propose «5» for an average of 3,00.
    expect(readRoundingPolicy({ thresholds: { 3: 4.5, 4: 3.5, 5: 2.5 }, teacherDecidesBand: 0, minMarks: 3 })).toEqual(ROUNDING_PRESETS.standard);
    expect(readRoundingPolicy({ thresholds: { 3: 2.5, 4: 3.5, 5: 4.5 }, teacherDecidesBand: 0, minMarks: 2.5 })).toEqual(ROUNDING_PRESETS.standard);
    expect(readRoundingPolicy({ thresholds: { 3: 2.6, 4: 3.6, 5: 4.6 }, teacherDecidesBand: 0.7, minMarks: 3 })).toEqual(ROUNDING_PRESETS.standard);
  });
});

describe('final mark visibility', () => {
  it('families see a published mark after the school delay, or at once with 0 hours', () => {
    const at = new Date('2026-10-26T10:00:00Z');
    expect(finalMarkVisibleFrom(at, 24).toISOString()).toBe('2026-10-27T10:00:00.000Z');
    expect(finalMarkVisibleFrom(at, 0).toISOString()).toBe(at.toISOString());
  });
});

describe('spreadsheet keys', () => {
  it('moves with arrows and Tab, stopping at the edges and wrapping Tab to the next row', () => {
    expect(moveCursor({ row: 0, col: 0 }, 'up', 3, 4)).toEqual({ row: 0, col: 0 });
    expect(moveCursor({ row: 0, col: 3 }, 'next', 3, 4)).toEqual({ row: 1, col: 0 });
    expect(moveCursor({ row: 1, col: 0 }, 'prev', 3, 4)).toEqual({ row: 0, col: 3 });
    expect(moveCursor({ row: 2, col: 1 }, 'down', 3, 4)).toEqual({ row: 2, col: 1 });
    expect(moveCursor({ row: 1, col: 1 }, 'end', 3, 4)).toEqual({ row: 1, col: 3 });
  });

  it('digits and letters type, Enter commits and goes down, F2 and Shift+Enter open details', () => {
    expect(keyAction({ key: '5' }, false)).toEqual({ type: 'type', char: '5' });
    expect(keyAction({ key: 'н' }, false)).toEqual({ type: 'type', char: 'н' });
    expect(keyAction({ key: ',' }, false)).toEqual({ type: 'type', char: ',' });
    expect(keyAction({ key: 'Enter' }, true)).toEqual({ type: 'commit', then: 'down' });
    expect(keyAction({ key: 'Enter', shiftKey: true }, false)).toEqual({ type: 'details' });
    expect(keyAction({ key: 'F2' }, false)).toEqual({ type: 'details' });
    expect(keyAction({ key: 'Tab' }, true)).toEqual({ type: 'commit', then: 'next' });
    expect(keyAction({ key: 'ArrowDown' }, false)).toEqual({ type: 'move', move: 'down' });
    expect(keyAction({ key: 'Delete' }, false)).toEqual({ type: 'clear' });
    expect(keyAction({ key: 'Backspace' }, true)).toEqual({ type: 'backspace' });
    expect(keyAction({ key: 'Escape' }, true)).toEqual({ type: 'cancel' });
    expect(keyAction({ key: 'v', ctrlKey: true }, false)).toEqual({ type: 'none' });
  });
});

describe('where the journal opens', () => {
  it('on the latest lesson already held, past lessons opened in advance', () => {
    expect(startColumn([{}, {}, {}, { notHeld: true }, { notHeld: true }])).toBe(2);
    expect(startColumn([{}, {}, {}])).toBe(2);
  });

  it('on the first column when no lesson is held yet, or none is open', () => {
    expect(startColumn([{ notHeld: true }, { notHeld: true }])).toBe(0);
    expect(startColumn([])).toBe(0);
  });
});
