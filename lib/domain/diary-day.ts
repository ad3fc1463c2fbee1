// One day of a pupil's diary: the timetable of that weekday, with the day's changes applied
// (substitution, moved, cancelled, another room), and the lessons actually held matched to it.
// A paper diary lists what was planned and what happened; so does this, so a cancelled lesson
// stays visible (crossed out) and a lesson held outside the timetable still appears.
import { isoWeekday } from './calendar';

export type TimetableSlotInput = {
  courseId: number;
  weekday: number;
  slot: number;
  room: string | null;
  validFrom: string;
  validTo: string | null;
};

export type ChangeKindName = 'SUBSTITUTION' | 'MOVED' | 'CANCELLED' | 'ROOM';

export type ChangeInput = {
  courseId: number;
  date: string;
  slot: number;
  kind: ChangeKindName;
  /** Display name of the substitute teacher (SUBSTITUTION). */
  substitute: string | null;
  newDate: string | null;
  newSlot: number | null;
  room: string | null;
  reason: string | null;
};

export type HeldLessonInput = {
  courseId: number;
  date: string;
  slot: number;
  /**
   * Whether the row shows the lesson took place (marks or absences entered, which the journal
   * takes only from the lesson's day on). Undefined: not known, as for the deadline report.
   */
  held?: boolean;
};

/**
 * - regular: as in the timetable;
 * - substitution: another teacher takes it;
 * - cancelled: it does not take place;
 * - moved-away: it was moved from this day and slot to `movedTo`;
 * - moved-in: it was moved here from `movedFrom`;
 * - extra: a lesson held that the timetable does not list (an added lesson).
 */
export type DiaryLessonStatus = 'regular' | 'substitution' | 'cancelled' | 'moved-away' | 'moved-in' | 'extra';

export type PlannedLesson<L> = {
  courseId: number;
  slot: number;
  status: DiaryLessonStatus;
  room: string | null;
  /** True when a change gave the lesson another room than the timetable's. */
  roomChanged: boolean;
  substitute: string | null;
  movedTo: { date: string; slot: number } | null;
  movedFrom: { date: string; slot: number } | null;
  reason: string | null;
  /** The lesson row held in this slot, if any. */
  lesson: L | null;
};

/** Whether a timetable row applies on the date (weekday and validity range, both ends inclusive). */
export function timetableAppliesOn(entry: TimetableSlotInput, date: string): boolean {
  return entry.weekday === isoWeekday(date) && entry.validFrom <= date && (entry.validTo === null || date <= entry.validTo);
}

const STATUS_ORDER: Record<DiaryLessonStatus, number> = {
  cancelled: 0,
  'moved-away': 1,
  regular: 2,
  substitution: 2,
  'moved-in': 2,
  extra: 3,
};

/**
 * The day's lessons in slot order. `entries`, `changes` and `lessons` may cover more than the
 * day (a whole week): only what concerns `date` is used. The caller has already limited them to
 * the pupil's courses on that date. `today`, when given, keeps a lesson row in a slot moved away
 * from counting as held there before its day has come (a row opened in advance, e.g. to announce
 * a test, is no lesson held).
 */
export function planDay<L extends HeldLessonInput>(
  date: string,
  entries: readonly TimetableSlotInput[],
  changes: readonly ChangeInput[],
  lessons: readonly L[],
  today?: string,
): PlannedLesson<L>[] {
  const cells = new Map<string, PlannedLesson<L>>();
  const key = (courseId: number, slot: number) => `${courseId}:${slot}`;
  const blank = (courseId: number, slot: number, room: string | null, status: DiaryLessonStatus): PlannedLesson<L> => ({
    courseId, slot, status, room, roomChanged: false, substitute: null, movedTo: null, movedFrom: null, reason: null, lesson: null,
  });

  for (const e of entries) {
    if (timetableAppliesOn(e, date)) cells.set(key(e.courseId, e.slot), blank(e.courseId, e.slot, e.room, 'regular'));
  }

  // Lessons moved in first: a change recorded later at the lesson's new place (a substitute, a
  // room, cancelled or moved on) applies to it whatever order the caller read the changes in.
  for (const c of changes) {
    if (c.kind === 'MOVED' && c.newDate === date) {
      const slot = c.newSlot ?? c.slot;
      const arrived = blank(c.courseId, slot, c.room, 'moved-in');
      arrived.movedFrom = { date: c.date, slot: c.slot };
      arrived.reason = c.reason;
      // A moved lesson lands in a slot; if the same course already sits there, keep one cell.
      if (!cells.has(key(c.courseId, slot))) cells.set(key(c.courseId, slot), arrived);
    }
  }

  for (const c of changes) {
    if (c.date === date) {
      const k = key(c.courseId, c.slot);
      const cell = cells.get(k) ?? blank(c.courseId, c.slot, null, 'regular');
      cells.set(k, cell);
      cell.reason = c.reason ?? cell.reason;
      if (c.room && c.room !== cell.room) {
        cell.room = c.room;
        cell.roomChanged = true;
      }
      if (c.kind === 'SUBSTITUTION') {
        cell.status = 'substitution';
        cell.substitute = c.substitute;
      } else if (c.kind === 'CANCELLED') {
        cell.status = 'cancelled';
      } else if (c.kind === 'MOVED') {
        cell.status = 'moved-away';
        cell.movedTo = c.newDate ? { date: c.newDate, slot: c.newSlot ?? c.slot } : null;
      }
    }
  }

  for (const l of lessons) {
    if (l.date !== date) continue;
    const k = key(l.courseId, l.slot);
    const cell = cells.get(k);
    const gone = cell?.status === 'moved-away' || cell?.status === 'cancelled';
    if (cell && !gone) {
      cell.lesson = l;
    } else if (cell && (l.held === false || (cell.status === 'moved-away' && l.held === undefined && today !== undefined && date > today))) {
      // Cancelled or moved away, and nothing shows it was held: a row opened in advance (a test
      // announced, homework set) before the change; its topic and homework are no lesson's.
      continue;
    } else if (cell && cell.status === 'cancelled' && l.held === undefined) {
      cell.lesson = l; // not known whether held: the cancellation stands
    } else if (cell) {
      // Held after all in the slot it was moved from: show it as held, not as moved.
      cell.status = 'regular';
      cell.movedTo = null;
      cell.lesson = l;
    } else {
      const extra = blank(l.courseId, l.slot, null, 'extra');
      extra.lesson = l;
      cells.set(k, extra);
    }
  }

  return [...cells.values()].sort((a, b) => a.slot - b.slot || STATUS_ORDER[a.status] - STATUS_ORDER[b.status] || a.courseId - b.courseId);
}
