import { describe, expect, it } from 'vitest';
import {
  ATTENDANCE_CODES,
  ATTENDANCE_LABELS,
  isAbsence,
  isAttendanceCode,
  isExcusedAbsence,
  parseAttendanceCode,
} from '../../lib/domain/attendance';

describe('attendance codes', () => {
  it('has the four journal codes with their meaning', () => {
    expect([...ATTENDANCE_CODES]).toEqual(['Н', 'Б', 'УП', 'ОП']);
    expect(ATTENDANCE_LABELS['Н']).toBe('отсутствовал');
    expect(ATTENDANCE_LABELS['Б']).toBe('болел');
    expect(ATTENDANCE_LABELS['УП']).toBe('уважительная причина');
    expect(ATTENDANCE_LABELS['ОП']).toBe('опоздал');
  });

  it('recognises only the Cyrillic codes as stored values', () => {
    expect(isAttendanceCode('Н')).toBe(true);
    expect(isAttendanceCode('УП')).toBe(true);
    expect(isAttendanceCode('H')).toBe(false); // Latin H
    expect(isAttendanceCode('н')).toBe(false);
    expect(isAttendanceCode(5)).toBe(false);
  });

  it('parses what a teacher types, in either case and layout', () => {
    expect(parseAttendanceCode('н')).toBe('Н');
    expect(parseAttendanceCode(' Н ')).toBe('Н');
    expect(parseAttendanceCode('n')).toBe('Н');
    expect(parseAttendanceCode('H')).toBe('Н');
    expect(parseAttendanceCode('y')).toBe('Н'); // the Н key on the English layout
    expect(parseAttendanceCode('b')).toBe('Б');
    expect(parseAttendanceCode(',')).toBe('Б');
    expect(parseAttendanceCode('уп')).toBe('УП');
    expect(parseAttendanceCode('UP')).toBe('УП');
    expect(parseAttendanceCode('eg')).toBe('УП');
    expect(parseAttendanceCode('оп')).toBe('ОП');
    expect(parseAttendanceCode('op')).toBe('ОП');
    expect(parseAttendanceCode('jg')).toBe('ОП');
  });

  it('rejects anything else instead of guessing', () => {
    expect(parseAttendanceCode('')).toBeNull();
    expect(parseAttendanceCode('5')).toBeNull();
    expect(parseAttendanceCode('нн')).toBeNull();
    expect(parseAttendanceCode('x')).toBeNull();
  });

  it('counts a late pupil as present', () => {
    expect(isAbsence('ОП')).toBe(false);
    expect(isAbsence('Н')).toBe(true);
    expect(isAbsence('Б')).toBe(true);
    expect(isAbsence('УП')).toBe(true);
  });

  it('treats illness and an excused reason as excused absences', () => {
    expect(isExcusedAbsence('Б')).toBe(true);
    expect(isExcusedAbsence('УП')).toBe(true);
    expect(isExcusedAbsence('Н')).toBe(false);
    expect(isExcusedAbsence('ОП')).toBe(false);
  });
});
