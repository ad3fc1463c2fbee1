// Pure rules of the journal grid: what a typed cell means, who is in the course on a date,
// the per-pupil figures, and where the cursor goes. No database, no React: unit-tested alone.
import { average, weightedAverage, type WeightedMark } from './averages';
import { parseAttendanceCode, type AttendanceCode } from './attendance';
import { normalizeMarkValue, type GradingScaleKind } from './grading';
import { proposePeriodMark, ROUNDING_PRESETS, validateRoundingPolicy, type PeriodMarkProposal, type RoundingPolicy } from './rounding';

/** The database enum behind each journal code (schema.prisma AttendanceCode). */
export const ATTENDANCE_DB: Record<AttendanceCode, 'ABSENT' | 'ILL' | 'EXCUSED' | 'LATE'> = {
  Н: 'ABSENT',
  Б: 'ILL',
  УП: 'EXCUSED',
  ОП: 'LATE',
};

export type AttendanceDbCode = (typeof ATTENDANCE_DB)[AttendanceCode];

export function attendanceFromDb(code: AttendanceDbCode): AttendanceCode {
  return (Object.keys(ATTENDANCE_DB) as AttendanceCode[]).find((k) => ATTENDANCE_DB[k] === code) as AttendanceCode;
}

export type CellInput =
  | { kind: 'mark'; value: string }
  | { kind: 'attendance'; code: AttendanceCode }
  | { kind: 'empty' }
  | { kind: 'invalid'; text: string };

/**
 * What a teacher typed into a cell. A value of the course's scale wins over an attendance code,
 * so «зач» on a pass/fail scale is a mark; otherwise Н, Б, УП, ОП and their Latin look-alikes
 * (lib/domain/attendance.ts) are attendance.
 */
export function parseCellInput(text: string, scale: GradingScaleKind): CellInput {
  const trimmed = text.trim();
  if (trimmed === '') return { kind: 'empty' };
  const value = normalizeMarkValue(scale, trimmed);
  if (value !== null) return { kind: 'mark', value };
  const code = parseAttendanceCode(trimmed);
  if (code) return { kind: 'attendance', code };
  return { kind: 'invalid', text: trimmed };
}

/**
 * A column pasted from a spreadsheet: one cell per line, the first tab-separated field of each.
 * Trailing empty lines (spreadsheets end a copy with a newline) are dropped; inner blanks stay,
 * so a skipped pupil stays skipped.
 */
export function parsePastedColumn(text: string): string[] {
  const lines = text.replace(/\r\n?/g, '\n').split('\n').map((l) => l.split('\t')[0].trim());
  while (lines.length && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

export type DateRange = { startDate: string; endDate: string | null };

/** Whether the pupil belonged to the class (or group's class) on the date; ranges are inclusive. */
export function isEnrolledOn(ranges: readonly DateRange[], date: string): boolean {
  return ranges.some((r) => r.startDate <= date && (r.endDate === null || date <= r.endDate));
}

/** Whether any of the ranges overlaps the period, i.e. the pupil belongs in this period's grid. */
export function overlapsPeriod(ranges: readonly DateRange[], start: string, end: string): boolean {
  return ranges.some((r) => r.startDate <= end && (r.endDate === null || r.endDate >= start));
}

/**
 * Each pupil's time in the class from their enrollment rows (ISO dates): a pupil who left and came
 * back has several, and came with the first and left with the last. `end` null: still there.
 */
export function enrollmentSpans(rows: readonly { studentId: number; startDate: string; endDate: string | null }[]): Map<number, { start: string; end: string | null }> {
  const spans = new Map<number, { start: string; end: string | null }>();
  for (const { studentId, startDate, endDate } of rows) {
    const had = spans.get(studentId);
    spans.set(studentId, had
      ? { start: had.start < startDate ? had.start : startDate, end: had.end && endDate ? (had.end > endDate ? had.end : endDate) : null }
      : { start: startDate, end: endDate });
  }
  return spans;
}

/** Russian alphabetical order by surname, then first name; ties by id so the order is stable. */
export function comparePupils(
  a: { lastName: string; firstName: string; id: number },
  b: { lastName: string; firstName: string; id: number },
): number {
  return a.lastName.localeCompare(b.lastName, 'ru') || a.firstName.localeCompare(b.firstName, 'ru') || a.id - b.id;
}

export type PupilMark = { numericValue: number | null; weight: number };

export type PupilFigures = {
  count: number;
  average: number | null;
  weightedAverage: number | null;
  /** Null on scales the rounding policy does not speak about (ten-point, pass/fail). */
  proposal: PeriodMarkProposal | null;
};

/** Count, plain and weighted average and the period-mark proposal of one pupil's marks. */
export function pupilFigures(marks: readonly PupilMark[], policy: RoundingPolicy, scale: GradingScaleKind): PupilFigures {
  const numeric: WeightedMark[] = marks
    .filter((m): m is { numericValue: number; weight: number } => m.numericValue !== null)
    .map((m) => ({ value: m.numericValue, weight: m.weight }));
  return {
    count: marks.length,
    average: average(numeric.map((m) => m.value)),
    weightedAverage: weightedAverage(numeric),
    proposal: scale === 'FIVE_POINT' ? proposePeriodMark(numeric, policy) : null,
  };
}

/** The school's policy from its JSON setting; a malformed setting falls back to the standard rule. */
export function readRoundingPolicy(json: unknown): RoundingPolicy {
  const p = json as Partial<RoundingPolicy> | null;
  const t = p?.thresholds as Partial<RoundingPolicy['thresholds']> | undefined;
  const num = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
  if (!p || !t || !num(t[3]) || !num(t[4]) || !num(t[5])) return ROUNDING_PRESETS.standard;
  const policy = {
    thresholds: { 3: t[3], 4: t[4], 5: t[5] },
    teacherDecidesBand: num(p.teacherDecidesBand) ? p.teacherDecidesBand : 0,
    minMarks: num(p.minMarks) ? p.minMarks : 0,
  };
  return validateRoundingPolicy(policy).length ? ROUNDING_PRESETS.standard : policy;
}

/** A proposal in a few characters for the grid: «4», «4/5?», «—». */
export function proposalShort(p: PeriodMarkProposal | null): string {
  if (!p || p.kind === 'insufficient') return '—';
  return p.kind === 'mark' ? String(p.value) : `${p.lower}/${p.upper}?`;
}

/** When families may see a published final mark: after the school's delay, never before publishing. */
export function finalMarkVisibleFrom(publishedAt: Date, visibilityHours: number): Date {
  return new Date(publishedAt.getTime() + Math.max(0, visibilityHours) * 3_600_000);
}

/**
 * The column the journal opens on: the latest lesson already held (today's during the school day),
 * where a teacher writes; the first column when none is held yet. A quarter has 40+ columns, and
 * starting at its first lesson made a teacher on a phone scroll across weeks to reach today.
 */
export function startColumn(lessons: readonly { notHeld?: boolean }[]): number {
  for (let i = lessons.length - 1; i >= 0; i--) if (!lessons[i].notHeld) return i;
  return 0;
}

export type GridMove = 'up' | 'down' | 'left' | 'right' | 'next' | 'prev' | 'home' | 'end';

/** The cell the cursor lands on; it stops at the edges, and Tab wraps to the next row. */
export function moveCursor(pos: { row: number; col: number }, move: GridMove, rows: number, cols: number) {
  const clamp = (n: number, max: number) => Math.max(0, Math.min(max - 1, n));
  let { row, col } = pos;
  switch (move) {
    case 'up': row -= 1; break;
    case 'down': row += 1; break;
    case 'left': col -= 1; break;
    case 'right': col += 1; break;
    case 'home': col = 0; break;
    case 'end': col = cols - 1; break;
    case 'next':
      if (col < cols - 1) col += 1;
      else if (row < rows - 1) { row += 1; col = 0; }
      break;
    case 'prev':
      if (col > 0) col -= 1;
      else if (row > 0) { row -= 1; col = cols - 1; }
      break;
  }
  return { row: clamp(row, rows), col: clamp(col, cols) };
}

export type KeyAction =
  | { type: 'move'; move: GridMove }
  | { type: 'type'; char: string }
  | { type: 'commit'; then: GridMove | null }
  | { type: 'cancel' }
  | { type: 'clear' }
  | { type: 'backspace' }
  | { type: 'details' }
  | { type: 'none' };

type KeyLike = { key: string; shiftKey?: boolean; ctrlKey?: boolean; metaKey?: boolean; altKey?: boolean };

/** Spreadsheet keys: what a key press means given whether the cell is being typed into. */
export function keyAction(e: KeyLike, editing: boolean): KeyAction {
  if (e.ctrlKey || e.metaKey || e.altKey) return { type: 'none' };
  switch (e.key) {
    case 'F2': return { type: 'details' };
    case 'Enter': return e.shiftKey ? { type: 'details' } : { type: 'commit', then: 'down' };
    case 'Tab': return editing ? { type: 'commit', then: e.shiftKey ? 'prev' : 'next' } : { type: 'move', move: e.shiftKey ? 'prev' : 'next' };
    case 'Escape': return editing ? { type: 'cancel' } : { type: 'none' };
    case 'ArrowUp': return editing ? { type: 'commit', then: 'up' } : { type: 'move', move: 'up' };
    case 'ArrowDown': return editing ? { type: 'commit', then: 'down' } : { type: 'move', move: 'down' };
    case 'ArrowLeft': return editing ? { type: 'commit', then: 'left' } : { type: 'move', move: 'left' };
    case 'ArrowRight': return editing ? { type: 'commit', then: 'right' } : { type: 'move', move: 'right' };
    case 'Home': return editing ? { type: 'none' } : { type: 'move', move: 'home' };
    case 'End': return editing ? { type: 'none' } : { type: 'move', move: 'end' };
    case 'Delete': return { type: 'clear' };
    case 'Backspace': return editing ? { type: 'backspace' } : { type: 'clear' };
  }
  // One printable character: digits, letters of either layout, and the «,» of Б on QWERTY.
  if (e.key.length === 1 && /[0-9A-Za-zА-Яа-яЁё,.]/.test(e.key)) return { type: 'type', char: e.key };
  return { type: 'none' };
}
