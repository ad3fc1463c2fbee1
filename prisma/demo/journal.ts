// Timetable changes and the lessons held from 1 September up to `today`: one lesson per timetable
// cell on every school day, the topic taken from the next row of the course's KTP, taught by the
// course's teacher or by the substitute.
import type { LessonKind, TimetableChangeKind } from '../../lib/generated/prisma/enums';
import { addDays, isoWeekday } from '../../lib/domain/calendar';
import type { CoursePlan } from './assignments';
import { bell, isSchoolDay, moscowInstant, schoolDays } from './calendar';
import type { SchoolContext } from './context';
import type { Teacher } from './people';

export type ChangePlan = {
  course: CoursePlan;
  date: string;
  slot: number;
  kind: TimetableChangeKind;
  substitute?: Teacher;
  newDate?: string;
  newSlot?: number;
  room?: string;
  reason: string;
  createdAt: Date;
};

export type LessonPlan = {
  course: CoursePlan;
  date: string;
  slot: number;
  ordinal: number;
  kind: LessonKind;
  topic: string | null;
  plannedTopicId: number | null;
  teacher: Teacher;
  isSubstitution: boolean;
  topicEnteredAt: Date;
  attendanceEnteredAt: Date;
  id: number;
};

type Cell = { course: CoursePlan; weekday: number; slot: number };

/** Timetable cells of each teacher and of each course. */
export function cellsBy(ctx: SchoolContext) {
  const byTeacher = new Map<Teacher, Cell[]>();
  const byCourse = new Map<string, Cell[]>();
  ctx.timetable.grid.forEach((days) =>
    days.forEach((slots, d) =>
      slots.forEach((u, s) => {
        for (const course of ctx.timetable.units[u].courses) {
          const cell = { course, weekday: d + 1, slot: s + 1 };
          const t = course.teacher!;
          if (!byTeacher.has(t)) byTeacher.set(t, []);
          byTeacher.get(t)!.push(cell);
          if (!byCourse.has(course.key)) byCourse.set(course.key, []);
          byCourse.get(course.key)!.push(cell);
        }
      }),
    ),
  );
  return { byTeacher, byCourse };
}

function maxSlots(grade: number): number {
  return grade <= 4 ? 5 : grade <= 6 ? 6 : 7;
}

export function planChanges(ctx: SchoolContext): ChangePlan[] {
  const rng = ctx.rng.fork('changes');
  const { cal, timetable } = ctx;
  const { byTeacher } = cellsBy(ctx);
  const changes: ChangePlan[] = [];
  const taken = new Set<string>(); // course|date|slot
  const subBusy = new Set<string>(); // teacher-name|date|slot for substitutes and moved lessons
  const gradeOf = (c: CoursePlan) => c.grade;
  const free = (t: Teacher, date: string, slot: number) =>
    !timetable.busy.get(t)?.has(`${isoWeekday(date)}:${slot}`) && !subBusy.has(`${t.person.login}|${date}|${slot}`);
  const findSubstitute = (cell: Cell, date: string): Teacher | undefined => {
    const absent = cell.course.teacher!;
    const pool = ctx.teachers.filter((t) => t !== absent && t.kind !== 'primary' && free(t, date, cell.slot));
    const same = pool.filter((t) => t.subjects.includes(cell.course.subject));
    const list = same.length ? same : pool;
    return list.length ? rng.pick(list) : undefined;
  };
  const substitute = (cell: Cell, date: string, reason: string, createdAt: Date) => {
    const key = `${cell.course.key}|${date}|${cell.slot}`;
    if (taken.has(key) || !isSchoolDay(cal, gradeOf(cell.course), date)) return false;
    const sub = findSubstitute(cell, date);
    if (!sub) return false;
    taken.add(key);
    subBusy.add(`${sub.person.login}|${date}|${cell.slot}`);
    changes.push({ course: cell.course, date, slot: cell.slot, kind: 'SUBSTITUTION', substitute: sub, reason, createdAt });
    return true;
  };
  const weekdayDays = (from: string, to: string) => schoolDays(cal, 5, from, to).filter((d) => isoWeekday(d) <= 5);
  const subjectTeachers = ctx.teachers.filter((t) => t.kind === 'subject' && t !== ctx.demo.mathTeacher && t !== ctx.demo.russianTeacher);

  // 1. A teacher off sick for two days some weeks ago: all of their lessons are covered.
  const pastDays = weekdayDays(cal.yearStart, addDays(cal.today, -1));
  const recent = pastDays.filter((d) => d >= addDays(cal.today, -35) && d <= addDays(cal.today, -7));
  const window = recent.length >= 2 ? recent : pastDays;
  if (window.length >= 2) {
    const i = rng.int(0, window.length - 2);
    const days = [window[i], window[i + 1]];
    const ill = rng.pick(subjectTeachers);
    for (const date of days) {
      for (const cell of byTeacher.get(ill) ?? []) {
        if (cell.weekday === isoWeekday(date)) substitute(cell, date, 'Болезнь учителя', moscowInstant(date, 7 * 60 + 40));
      }
    }
  }

  // 2. A cancelled lesson and a moved one in the last weeks.
  const pickCell = (teacherFilter: (t: Teacher) => boolean, date: string, classIdx?: number) => {
    const cells = [...byTeacher.entries()].filter(([t]) => teacherFilter(t)).flatMap(([, c]) => c);
    const today = cells.filter(
      (c) =>
        c.weekday === isoWeekday(date) &&
        (classIdx === undefined || c.course.classIdx === classIdx) &&
        isSchoolDay(cal, c.course.grade, date) &&
        !taken.has(`${c.course.key}|${date}|${c.slot}`),
    );
    return today.length ? rng.pick(today) : undefined;
  };
  const lastWeeks = pastDays.filter((d) => d >= addDays(cal.today, -21));
  if (lastWeeks.length >= 3) {
    const date = rng.pick(lastWeeks.slice(0, -1));
    const cell = pickCell((t) => subjectTeachers.includes(t), date);
    if (cell) {
      taken.add(`${cell.course.key}|${date}|${cell.slot}`);
      changes.push({ course: cell.course, date, slot: cell.slot, kind: 'CANCELLED', reason: 'Болезнь учителя, замена не найдена', createdAt: moscowInstant(date, 7 * 60 + 30) });
    }
    moveOne(lastWeeks);
  }

  // 3. The coming week: a teacher of 7А away on a course; a moved lesson and a room change.
  const next = weekdayDays(addDays(cal.today, 1), addDays(cal.today, 7));
  const c7a = ctx.classes.find((c) => c.grade === 7 && c.letter === 'А')!;
  if (next.length >= 2) {
    const date = next[1];
    const candidates = subjectTeachers.filter((t) => (byTeacher.get(t) ?? []).some((c) => c.course.classIdx === c7a.idx && c.weekday === isoWeekday(date)));
    if (candidates.length) {
      const away = rng.pick(candidates);
      const cells = (byTeacher.get(away) ?? []).filter((c) => c.weekday === isoWeekday(date)).sort((a, b) => Number(b.course.classIdx === c7a.idx) - Number(a.course.classIdx === c7a.idx));
      for (const cell of cells.slice(0, 2)) substitute(cell, date, 'Курсы повышения квалификации', moscowInstant(addDays(cal.today, 0), 15 * 60));
    }
    moveOne(next, c7a.idx);
    const roomDate = next[0];
    const cell = pickCell((t) => t.kind === 'subject' && /^\d+$/.test(t.room), roomDate);
    if (cell) {
      taken.add(`${cell.course.key}|${roomDate}|${cell.slot}`);
      changes.push({ course: cell.course, date: roomDate, slot: cell.slot, kind: 'ROOM', room: 'Актовый зал', reason: 'Ремонт кабинета', createdAt: moscowInstant(cal.today, 12 * 60) });
    }
  }
  return changes;

  /** Moves one lesson to the end of another day of the same week, where class and teacher are free. */
  function moveOne(days: string[], classIdx?: number) {
    for (let attempt = 0; attempt < 30; attempt++) {
      const date = rng.pick(days);
      const cell = pickCell((t) => t.kind === 'subject', date, attempt < 25 ? classIdx : undefined);
      if (!cell) continue;
      const week = days.filter((d) => d !== date && addDays(d, -isoWeekday(d)) === addDays(date, -isoWeekday(date)));
      // Preferably to a later day of the week; an earlier one only if nothing later fits.
      const later = rng.shuffle(week.filter((d) => d > date));
      for (const target of [...later, ...rng.shuffle(week.filter((d) => d < date))]) {
        const wd = isoWeekday(target);
        if (!isSchoolDay(cal, cell.course.grade, target)) continue;
        const newSlot = (timetable.grid[cell.course.classIdx][wd - 1]?.length ?? 0) + 1;
        if (newSlot > maxSlots(cell.course.grade) || !free(cell.course.teacher!, target, newSlot)) continue;
        if (changes.some((c) => c.kind === 'MOVED' && c.course.classIdx === cell.course.classIdx && c.newDate === target)) continue;
        taken.add(`${cell.course.key}|${date}|${cell.slot}`);
        subBusy.add(`${cell.course.teacher!.person.login}|${target}|${newSlot}`);
        const createdAt = moscowInstant(addDays(date < cal.today ? date : cal.today, date < cal.today ? -3 : 0), 14 * 60);
        changes.push({ course: cell.course, date, slot: cell.slot, kind: 'MOVED', newDate: target, newSlot, reason: 'Перенос урока по заявлению учителя', createdAt });
        return;
      }
    }
  }
}

/** Every lesson held from the start of the year up to the last journal day. */
export function planLessons(ctx: SchoolContext, changes: readonly ChangePlan[]): LessonPlan[] {
  const rng = ctx.rng.fork('lessons');
  const { cal, timetable } = ctx;
  const changeAt = new Map(changes.map((c) => [`${c.course.key}|${c.date}|${c.slot}`, c]));
  const counters = new Map<string, number>();
  const lessons: LessonPlan[] = [];
  for (const c of ctx.classes) {
    for (const date of schoolDays(cal, c.grade, cal.yearStart, cal.lastJournalDay)) {
      const slots = timetable.grid[c.idx][isoWeekday(date) - 1] ?? [];
      slots.forEach((u, s) => {
        for (const course of timetable.units[u].courses) {
          const change = changeAt.get(`${course.key}|${date}|${s + 1}`);
          if (change?.kind === 'CANCELLED') continue;
          let lessonDate = date;
          let slot = s + 1;
          if (change?.kind === 'MOVED') {
            lessonDate = change.newDate!;
            slot = change.newSlot!;
            if (lessonDate > cal.lastJournalDay) continue;
          }
          const ordinal = (counters.get(course.key) ?? 0) + 1;
          counters.set(course.key, ordinal);
          const planned = ctx.ktp.get(course.key)?.[ordinal - 1];
          const sub = change?.kind === 'SUBSTITUTION' ? change.substitute! : undefined;
          const start = bell(slot).start;
          // Entered on the lesson day: during the lesson, a few in the evening.
          const late = rng.chance(0.03);
          const topicEnteredAt = late ? moscowInstant(lessonDate, 19 * 60 + rng.int(0, 150)) : moscowInstant(lessonDate, start + rng.int(5, 44));
          lessons.push({
            course,
            date: lessonDate,
            slot,
            ordinal,
            kind: planned?.kind ?? 'LESSON',
            topic: planned?.title ?? 'Повторение и обобщение изученного',
            plannedTopicId: planned?.id ?? null,
            teacher: sub ?? course.teacher!,
            isSubstitution: Boolean(sub),
            topicEnteredAt,
            attendanceEnteredAt: late ? topicEnteredAt : moscowInstant(lessonDate, start + rng.int(2, 12)),
            id: 0,
          });
        }
      });
    }
  }
  return lessons;
}

/** The next date a course meets after `date` (for homework due dates), or null past the year's end. */
export function nextLessonDate(ctx: SchoolContext, weekdays: ReadonlySet<number>, grade: number, date: string): string | null {
  for (let d = addDays(date, 1), i = 0; i < 40; d = addDays(d, 1), i++) {
    if (weekdays.has(isoWeekday(d)) && isSchoolDay(ctx.cal, grade, d)) return d;
  }
  return null;
}
