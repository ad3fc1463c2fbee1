// The school's lessons of one day by class, as the timetable-change page shows them: the
// timetable rows valid that day, lessons already opened, lessons moved in from another day, and
// the changes recorded for the date. On a holiday a class's timetable gives way to the holiday
// (seed 002: no lessons then); lesson rows and changes already there are still listed, being facts.
import 'server-only';
import { getDb } from '../../db';
import type { Actor } from '../../auth/actor';
import { slotTimeOf, type SlotTime } from '../../domain/bell-times';
import { holidayCoversGrade, isIsoDate, isoWeekday } from '../../domain/calendar';
import { compareRu, shortPersonName } from '../../domain/diary-format';
import { toSchoolDate } from '../../domain/timezone';
import type { TimetableChangeKind } from '../../generated/prisma/enums';
import type { Prisma } from '../../prisma-client';
import { schoolBells } from '../bells';
import { dbDate, isoDate } from '../dates';
import { className } from '../names';
import { heldSelect, wasHeld } from './slots';

export type DayChange = {
  id: number; kind: TimetableChangeKind; substitute: string | null;
  newDate: string | null; newSlot: number | null; room: string | null; reason: string | null;
};
export type DayLesson = {
  courseId: number; slot: number; subject: string; teachers: string; room: string | null;
  lessonId: number | null; held: boolean;
  /** Moved here from another day: `changeId` is the move, removable from here as from there. */
  movedFrom: { date: string; slot: number; changeId: number; reason: string | null } | null;
  changes: DayChange[];
};
export type TimetableDay = {
  date: string; today: string;
  /** A holiday of every grade on the date. */
  holiday: string | null;
  /** `holiday`: the class's grade is on holiday; its timetable is not listed. */
  classes: { name: string; holiday: string | null; lessons: DayLesson[] }[];
  slots: SlotTime[];
  teachers: { id: number; name: string }[];
};

const personName = { lastName: true, firstName: true, middleName: true } as const;
const courseSelect = {
  subject: { select: { name: true } },
  schoolClass: { select: { gradeLevel: true, letter: true } },
  group: { select: { name: true, schoolClass: { select: { gradeLevel: true, letter: true } } } },
  teachers: { select: { teacher: { select: personName } }, orderBy: [{ isPrimary: 'desc' }, { teacherId: 'asc' }] },
} satisfies Prisma.CourseSelect;

/** Sorts classless streams last. */
const NO_GRADE = 99;

/** Null without the right; `requested` a bad date: today on the school's clock. */
export async function timetableDay(actor: Actor, requested?: string | null, now = new Date()): Promise<TimetableDay | null> {
  if (!actor.permissions.has('timetable:manage')) return null;
  const today = toSchoolDate(now, actor.timeZone);
  const iso = requested && isIsoDate(requested) ? requested : today;
  const date = dbDate(iso);
  const schoolId = actor.schoolId;
  const db = getDb();
  const [entries, changes, lessons, bells, teachers, holidays] = await Promise.all([
    db.timetableEntry.findMany({
      where: { schoolId, weekday: isoWeekday(iso), validFrom: { lte: date }, OR: [{ validTo: null }, { validTo: { gte: date } }], academicYear: { startDate: { lte: date }, endDate: { gte: date } } },
      select: { courseId: true, slot: true, room: true, course: { select: courseSelect } },
    }),
    db.timetableChange.findMany({
      where: { schoolId, OR: [{ date }, { kind: 'MOVED', newDate: date }] },
      select: { id: true, courseId: true, date: true, slot: true, kind: true, newDate: true, newSlot: true, room: true, reason: true, substituteTeacher: { select: personName }, course: { select: courseSelect } },
      orderBy: { id: 'asc' },
    }),
    db.lesson.findMany({ where: { schoolId, date }, select: { id: true, courseId: true, slot: true, course: { select: courseSelect }, ...heldSelect } }),
    schoolBells(db, schoolId),
    db.user.findMany({ where: { schoolId, active: true, roles: { some: { role: 'TEACHER' } } }, select: { id: true, ...personName } }),
    db.holiday.findMany({
      where: { schoolId, startDate: { lte: date }, endDate: { gte: date }, academicYear: { startDate: { lte: date }, endDate: { gte: date } } },
      select: { name: true, gradeLevels: true }, orderBy: { id: 'asc' },
    }),
  ]);
  const holidayOf = (grade: number | null) => holidays.find((h) => holidayCoversGrade(h, grade))?.name ?? null;
  const resting = new Map<string, { name: string; grade: number; holiday: string; lessons: DayLesson[] }>();

  type Course = (typeof entries)[number]['course'];
  const cells = new Map<string, DayLesson & { className: string; grade: number }>();
  const cell = (courseId: number, slot: number, course: Course, room: string | null) => {
    const key = `${courseId}:${slot}`;
    const found = cells.get(key);
    if (found) return found;
    const klass = course.schoolClass ?? course.group?.schoolClass ?? null;
    const made = {
      courseId, slot, room, lessonId: null, held: false, movedFrom: null, changes: [],
      subject: course.group ? `${course.subject.name} (${course.group.name})` : course.subject.name,
      teachers: course.teachers.map((t) => shortPersonName(t.teacher)).join(', '),
      className: klass ? className(klass) : 'Без класса', grade: klass?.gradeLevel ?? NO_GRADE,
    };
    cells.set(key, made);
    return made;
  };
  for (const e of entries) {
    const klass = e.course.schoolClass ?? e.course.group?.schoolClass ?? null;
    const holiday = holidayOf(klass?.gradeLevel ?? null);
    if (!holiday) cell(e.courseId, e.slot, e.course, e.room);
    else if (klass) resting.set(className(klass), { name: className(klass), grade: klass.gradeLevel, holiday, lessons: [] });
  }
  for (const c of changes) {
    const change: DayChange = {
      id: c.id, kind: c.kind, substitute: c.substituteTeacher ? shortPersonName(c.substituteTeacher) : null,
      newDate: c.newDate ? isoDate(c.newDate) : null, newSlot: c.newSlot, room: c.room, reason: c.reason,
    };
    if (isoDate(c.date) === iso) cell(c.courseId, c.slot, c.course, null).changes.push(change);
    if (c.kind === 'MOVED' && change.newDate === iso) cell(c.courseId, c.newSlot ?? c.slot, c.course, c.room).movedFrom = { date: isoDate(c.date), slot: c.slot, changeId: c.id, reason: c.reason };
  }
  for (const l of lessons) Object.assign(cell(l.courseId, l.slot, l.course, null), { lessonId: l.id, held: wasHeld(l) });

  const byClass = new Map<string, { name: string; grade: number; holiday: string | null; lessons: DayLesson[] }>(resting);
  for (const { className: name, grade, ...lesson } of cells.values()) {
    const group = byClass.get(name) ?? { name, grade, holiday: holidayOf(grade === NO_GRADE ? null : grade), lessons: [] };
    group.lessons.push(lesson);
    byClass.set(name, group);
  }
  const classes = [...byClass.values()]
    .sort((a, b) => a.grade - b.grade || compareRu(a.name, b.name))
    .map(({ name, holiday, lessons }) => ({ name, holiday, lessons: lessons.sort((a, b) => a.slot - b.slot || compareRu(a.subject, b.subject)) }));
  const everyGrade = holidays.find((h) => h.gradeLevels.length === 0)?.name ?? null;
  return {
    date: iso, today, holiday: everyGrade,
    // A school-wide holiday is said once, above the classes; a class is listed then only for lessons opened on it.
    classes: everyGrade ? classes.filter((c) => c.lessons.length > 0) : classes,
    slots: bells.map(slotTimeOf),
    teachers: teachers.map((t) => ({ id: t.id, name: `${t.lastName} ${t.firstName}${t.middleName ? ` ${t.middleName}` : ''}` })).sort((a, b) => compareRu(a.name, b.name)),
  };
}
