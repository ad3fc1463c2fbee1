// Attendance codes written in the journal cell instead of (or next to) a mark.

export const ATTENDANCE_CODES = ['Н', 'Б', 'УП', 'ОП'] as const;

export type AttendanceCode = (typeof ATTENDANCE_CODES)[number];

export const ATTENDANCE_LABELS: Record<AttendanceCode, string> = {
  Н: 'отсутствовал',
  Б: 'болел',
  УП: 'уважительная причина',
  ОП: 'опоздал',
};

export function isAttendanceCode(value: unknown): value is AttendanceCode {
  return typeof value === 'string' && (ATTENDANCE_CODES as readonly string[]).includes(value);
}

/**
 * Typed spellings accepted besides the Cyrillic code itself (compared after trimming
 * and lower-casing). Teachers often fill the journal with the keyboard left on the
 * English layout, so we accept:
 *  - phonetic Latin: n, b, up, op;
 *  - the Latin letter that looks like Cyrillic Н: h;
 *  - the keys that sit under the Cyrillic letters on the standard ЙЦУКЕН/QWERTY
 *    keyboard: y (Н), «,» (Б), eg (УП), jg (ОП).
 * None of these collide with each other, so the mapping stays unambiguous.
 */
const ALIASES: Record<string, AttendanceCode> = {
  н: 'Н',
  n: 'Н',
  h: 'Н',
  y: 'Н',
  б: 'Б',
  b: 'Б',
  ',': 'Б',
  уп: 'УП',
  up: 'УП',
  eg: 'УП',
  оп: 'ОП',
  op: 'ОП',
  jg: 'ОП',
};

/** Parses what a teacher typed into a journal cell; null if it is not an attendance code. */
export function parseAttendanceCode(input: string): AttendanceCode | null {
  return ALIASES[input.trim().toLowerCase()] ?? null;
}

/** ОП (late) means the pupil was at the lesson; every other code is an absence. */
export function isAbsence(code: AttendanceCode): boolean {
  return code !== 'ОП';
}

/** Illness and an excused reason are absences with a documented reason. */
export function isExcusedAbsence(code: AttendanceCode): boolean {
  return code === 'Б' || code === 'УП';
}
