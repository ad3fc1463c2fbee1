// What happens in each lesson: attendance (ill spells over consecutive days, excused days, single
// absences and lateness), marks drawn from each pupil's ability (none in grade 1), and homework.
import type { AttendanceCode, LessonKind } from '../../lib/generated/prisma/enums';
import type { Prisma } from '../../lib/prisma-client';
import { addDays, isoWeekday } from '../../lib/domain/calendar';
import { bell, moscowInstant, periodIndexOf, periodsFor, schoolDays, dateValue } from './calendar';
import { SUBJECT_BY_CODE, type SubjectCode } from './curriculum';
import { pupilsOf, type SchoolContext, type WorkTypeName } from './context';
import { cellsBy, nextLessonDate, type LessonPlan } from './journal';
import type { Pupil } from './people';
import { clamp, type Rng } from './rng';
import { ATTENDANCE_COMMENTS, homeworkChance, homeworkText, individualHomeworkText, markComment } from './texts';

/** One mark as the period results see it. */
export type MarkLogEntry = { value: number | null; passed: boolean | null; weight: number };

/** Scripted cases the period results must show: a deferral for illness and a «н/а». */
export type Scripted = {
  deferral?: { pupil: Pupil; from: string; to: string };
  notAttested?: { pupil: Pupil; courseKey: string; from: string; to: string };
};

export function planScripted(ctx: SchoolContext, byClass: Map<number, Pupil[]>): Scripted {
  const rng = ctx.rng.fork('scripted');
  const q1 = ctx.cal.quarters[0];
  const out: Scripted = {};
  // Pupils exempt from PE on medical grounds.
  const exemptClasses = ctx.classes.filter((c) => [3, 6, 8].includes(c.grade) && c.letter === 'Б');
  for (const c of exemptClasses) {
    const list = (byClass.get(c.idx) ?? []).filter((p) => p.enrollments.length === 1 && p.enrollments[0].end === null);
    rng.pick(list).peExempt = true;
  }
  if (q1.endDate >= ctx.cal.today) return out;
  const stable = (grade: number, letter: string) =>
    (byClass.get(ctx.classes.find((c) => c.grade === grade && c.letter === letter)!.idx) ?? []).filter(
      (p) => p.enrollments.length === 1 && p.enrollments[0].start === ctx.cal.yearStart && p.enrollments[0].end === null && !p.peExempt && p.family.children.length === 1,
    );
  const days = schoolDays(ctx.cal, 8, q1.startDate, q1.endDate);
  const defPupil = rng.pick(stable(8, 'А'));
  out.deferral = { pupil: defPupil, from: days[days.length - 8], to: q1.endDate };
  const naPupil = rng.pick(stable(9, 'Б'));
  const course = ctx.courses.find((k) => k.classIdx === naPupil.enrollments[0].classIdx && k.subject === 'phys')!;
  out.notAttested = { pupil: naPupil, courseKey: course.key, from: q1.startDate, to: q1.endDate };
  return out;
}

type DayAbsence = { code: 'ILL' | 'EXCUSED'; comment: string | null };

function planAbsences(ctx: SchoolContext, rng: Rng, scripted: Scripted): Map<Pupil, Map<string, DayAbsence>> {
  const out = new Map<Pupil, Map<string, DayAbsence>>();
  for (const p of ctx.pupils) {
    const days = new Map<string, DayAbsence>();
    for (const e of p.enrollments) {
      const grade = ctx.classes[e.classIdx].grade;
      const to = e.end && e.end < ctx.cal.lastJournalDay ? e.end : ctx.cal.lastJournalDay;
      const list = schoolDays(ctx.cal, grade, e.start, to);
      for (let i = 0; i < list.length; i++) {
        if (rng.chance(0.0085 * p.sickliness)) {
          const length = rng.chance(0.15) ? rng.int(6, 9) : rng.int(2, 5);
          for (let j = i; j < Math.min(list.length, i + length); j++) {
            days.set(list[j], { code: 'ILL', comment: j === i && rng.chance(0.4) ? rng.pick(ATTENDANCE_COMMENTS.ILL) : null });
          }
          i += length;
        } else if (rng.chance(0.005)) {
          days.set(list[i], { code: 'EXCUSED', comment: rng.chance(0.7) ? rng.pick(ATTENDANCE_COMMENTS.EXCUSED) : null });
        }
      }
    }
    out.set(p, days);
  }
  const d = scripted.deferral;
  if (d) {
    const days = out.get(d.pupil)!;
    const grade = ctx.classes[d.pupil.enrollments[0].classIdx].grade;
    for (const day of schoolDays(ctx.cal, grade, d.from, d.to)) days.set(day, { code: 'ILL', comment: day === d.from ? 'Справка из поликлиники' : null });
  }
  return out;
}

function workTypeFor(kind: LessonKind, subject: SubjectCode, rng: Rng): WorkTypeName {
  switch (kind) {
    case 'TEST':
      return 'Контрольная работа';
    case 'QUIZ':
      return 'Самостоятельная работа';
    case 'DICTATION':
      return 'Диктант';
    case 'LAB':
      return 'Лабораторная работа';
    case 'PRACTICAL':
      return (subject === 'tech' || subject === 'project') && rng.chance(0.5) ? 'Проект' : 'Практическая работа';
    default:
      return subject === 'pe' || rng.chance(0.7) ? 'Ответ на уроке' : 'Домашняя работа';
  }
}

/** Share of pupils marked in an ordinary lesson: more in one-hour subjects, so everyone gets ≥ 3 a term. */
function ordinaryRate(hoursPerWeek: number): number {
  return hoursPerWeek <= 1 ? 0.42 : hoursPerWeek === 2 ? 0.33 : 0.28;
}

const FULL_ROLL: Partial<Record<LessonKind, number>> = { TEST: 1, DICTATION: 1, QUIZ: 0.9, LAB: 0.85, PRACTICAL: 0.7, EXCURSION: 0.1 };

export type LessonRecords = {
  marks: Prisma.MarkCreateManyInput[];
  attendance: Prisma.AttendanceCreateManyInput[];
  homework: Prisma.HomeworkCreateManyInput[];
  /** Lessons without class homework, where the teacher recorded «не задано», and when. */
  noHomework: { lessonId: number; at: Date }[];
  /** Marks per `${pupilId}:${subject}:${periodIndex}`, for the period results. */
  log: Map<string, MarkLogEntry[]>;
};

export function planRecords(ctx: SchoolContext, lessons: readonly LessonPlan[], byClass: Map<number, Pupil[]>, scripted: Scripted): LessonRecords {
  const rng = ctx.rng.fork('records');
  const absences = planAbsences(ctx, rng.fork('absences'), scripted);
  const { byCourse } = cellsBy(ctx);
  const weekdays = new Map([...byCourse.entries()].map(([k, cells]) => [k, new Set(cells.map((c) => c.weekday))]));
  const schoolId = ctx.schoolId;
  const marks: Prisma.MarkCreateManyInput[] = [];
  const attendance: Prisma.AttendanceCreateManyInput[] = [];
  const homework: Prisma.HomeworkCreateManyInput[] = [];
  const noHomework: { lessonId: number; at: Date }[] = [];
  const log = new Map<string, MarkLogEntry[]>();
  const counts = new Map<string, number>();
  const today = ctx.cal.today;
  const na = scripted.notAttested;

  /** Writes one mark and logs it for the period results; returns the numeric value. */
  const emit = (lesson: LessonPlan, p: Pupil, position: number, type: WorkTypeName, markDay: string, periodIdx: number): number | null => {
    const { course, date } = lesson;
    const subject = course.subject;
    const teacherId = lesson.teacher.person.id;
    let value: string;
    let numeric: number | null = null;
    let passed: boolean | null = null;
    if (SUBJECT_BY_CODE[subject].scale === 'PASS_FAIL') {
      passed = !rng.chance(p.ability < 3.3 ? 0.12 : 0.03);
      value = passed ? 'зач' : 'незач';
    } else {
      numeric = drawMark(rng, p, subject, lesson.kind);
      value = String(numeric);
    }
    const extra = rng.int(0, 100);
    const at = markDay === date ? moscowInstant(date, bell(lesson.slot).end + extra) : moscowInstant(markDay, 16 * 60 + extra * 3);
    marks.push({
      schoolId,
      studentId: p.person.id,
      courseId: course.id,
      lessonId: lesson.id,
      position,
      workTypeId: ctx.workTypes[type].id,
      value,
      numericValue: numeric,
      comment: rng.chance(0.035) ? markComment(numeric ?? (passed ? 5 : 2), lesson.kind, rng) : null,
      createdById: teacherId,
      updatedById: teacherId,
      createdAt: at,
      updatedAt: at,
    });
    const key = `${p.person.id}:${subject}:${periodIdx}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
    if (!log.has(key)) log.set(key, []);
    log.get(key)!.push({ value: numeric, passed, weight: ctx.workTypes[type].weight });
    return numeric;
  };
  /** Lessons of ended terms where a pupil was present but not marked, per pupil × subject × term. */
  const unmarked = new Map<string, LessonPlan[]>();

  const ordered = [...lessons].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.slot - b.slot || a.course.key.localeCompare(b.course.key)));
  // The last three lessons of a course in a term: teachers make sure everyone has three marks.
  const closing = new Set<LessonPlan>();
  const byCoursePeriod = new Map<string, LessonPlan[]>();
  for (const l of ordered) {
    const periods = periodsFor(ctx.cal, l.course.grade);
    const idx = periodIndexOf(periods, l.date);
    if (idx < 0 || periods[idx].endDate >= today) continue;
    const key = `${l.course.key}|${idx}`;
    if (!byCoursePeriod.has(key)) byCoursePeriod.set(key, []);
    byCoursePeriod.get(key)!.push(l);
  }
  for (const list of byCoursePeriod.values()) for (const l of list.slice(-3)) closing.add(l);
  for (const lesson of ordered) {
    const { course, date } = lesson;
    const subject = course.subject;
    const teacherId = lesson.teacher.person.id;
    const end = bell(lesson.slot).end;
    const periodIdx = periodIndexOf(periodsFor(ctx.cal, course.grade), date);
    const pupils = pupilsOf(ctx, course, date, byClass);
    const present: Pupil[] = [];
    for (const p of pupils) {
      const day = absences.get(p)?.get(date);
      let code: AttendanceCode | null = day?.code ?? null;
      let comment = day?.comment ?? null;
      if (!code) {
        if (na && p === na.pupil && course.key === na.courseKey && date >= na.from && date <= na.to && rng.chance(0.8)) code = 'ABSENT';
        else if (rng.chance(0.004 * p.truancy * (lesson.slot >= 6 ? 2 : 1))) code = 'ABSENT';
        else if (rng.chance(lesson.slot === 1 ? 0.022 : 0.002)) {
          code = 'LATE';
          comment = rng.chance(0.3) ? rng.pick(ATTENDANCE_COMMENTS.LATE) : null;
        }
      }
      if (code) {
        attendance.push({
          schoolId,
          studentId: p.person.id,
          lessonId: lesson.id,
          code,
          comment,
          createdById: teacherId,
          updatedById: teacherId,
          createdAt: lesson.attendanceEnteredAt,
          updatedAt: lesson.attendanceEnteredAt,
        });
      }
      if (!code || code === 'LATE') present.push(p);
    }

    // Marks: none in grade 1; everyone present on tests and dictations; a share otherwise.
    const lessonMarks: { p: Pupil; value: number | null }[] = [];
    if (course.grade >= 2) {
      const eligible = present.filter(
        (p) => !(subject === 'pe' && p.peExempt) && !(na && p === na.pupil && course.key === na.courseKey && date >= na.from && date <= na.to),
      );
      const full = FULL_ROLL[lesson.kind];
      let chosen: Pupil[];
      if (full !== undefined) chosen = eligible.filter(() => rng.chance(full));
      else {
        const k = Math.round(eligible.length * ordinaryRate(course.hoursPerWeek) * (0.75 + rng.next() * 0.5));
        const keyed = eligible.map((p) => ({ p, key: (counts.get(`${p.person.id}:${subject}:${periodIdx}`) ?? 0) + rng.next() * 2.5 }));
        keyed.sort((a, b) => a.key - b.key);
        chosen = keyed.slice(0, k).map((x) => x.p);
      }
      if (closing.has(lesson)) {
        for (const p of eligible) if (!chosen.includes(p) && (counts.get(`${p.person.id}:${subject}:${periodIdx}`) ?? 0) < 3) chosen.push(p);
      }
      // Test marks are entered after checking, within the week; ordinary ones on the day.
      const delayed = lesson.kind !== 'LESSON' && lesson.kind !== 'EXCURSION';
      let markDay = delayed ? addDays(date, rng.int(0, 3)) : date;
      if (markDay > today) markDay = today;
      for (const p of chosen) {
        const positions = lesson.kind === 'DICTATION' ? (rng.chance(0.6) ? 2 : 1) : lesson.kind === 'LESSON' && rng.chance(0.06) ? 2 : 1;
        const firstType = workTypeFor(lesson.kind, subject, rng);
        for (let position = 0; position < positions; position++) {
          const type: WorkTypeName = position === 0 ? firstType : lesson.kind === 'DICTATION' ? 'Диктант' : firstType === 'Ответ на уроке' ? 'Домашняя работа' : 'Ответ на уроке';
          const value = emit(lesson, p, position, type, markDay, periodIdx);
          if (position === 0) lessonMarks.push({ p, value });
        }
      }
      if (periodIdx >= 0 && periodsFor(ctx.cal, course.grade)[periodIdx].endDate < today) {
        for (const p of eligible) {
          if (chosen.includes(p)) continue;
          const key = `${p.person.id}:${subject}:${periodIdx}`;
          if (!unmarked.has(key)) unmarked.set(key, []);
          unmarked.get(key)!.push(lesson);
        }
      }
    }

    // Homework for the whole class on most lessons; «работа над ошибками» after a failed test.
    // Mostly right after the lesson; about 1 % the next evening, past the school's deadline.
    const createdAt = rng.chance(0.01) ? moscowInstant(addDays(date, 1), 20 * 60 + rng.int(0, 60)) : moscowInstant(date, end + rng.int(1, 90));
    const due = nextLessonDate(ctx, weekdays.get(course.key) ?? new Set([isoWeekday(date)]), course.grade, date);
    const dueDate = due ? dateValue(due) : null;
    if (rng.chance(homeworkChance(subject, course.grade))) {
      homework.push({ schoolId, lessonId: lesson.id, studentId: null, text: homeworkText(subject, course.grade, lesson.ordinal, lesson.kind, rng), dueDate, createdById: teacherId, createdAt, updatedAt: createdAt });
    } else {
      // No homework that day: the teacher says so in the journal, at the same moment.
      noHomework.push({ lessonId: lesson.id, at: createdAt });
    }
    for (const m of lessonMarks) {
      const failedTest = lesson.kind === 'TEST' && m.value !== null && m.value <= 2 && rng.chance(0.5);
      if (failedTest || (lesson.kind === 'LESSON' && m.value === 2 && rng.chance(0.05))) {
        homework.push({ schoolId, lessonId: lesson.id, studentId: m.p.person.id, text: individualHomeworkText(subject, rng), dueDate, createdById: teacherId, createdAt, updatedAt: createdAt });
      }
    }
  }
  // Before a term closes the teacher makes sure everyone has at least three marks (the policy's
  // minimum): pupils still short get marks on lessons they attended (latest first).
  for (const [key, list] of unmarked) {
    const have = counts.get(key) ?? 0;
    if (have >= 3) continue;
    const periodIdx = Number(key.split(':')[2]);
    const pupil = ctx.pupils.find((p) => p.person.id === Number(key.split(':')[0]))!;
    for (const lesson of list.slice(-(3 - have))) emit(lesson, pupil, 0, workTypeFor(lesson.kind, lesson.course.subject, rng), lesson.date, periodIdx);
  }
  return { marks, attendance, homework, noHomework, log };
}

const SUBJECT_EASE: Partial<Record<SubjectCode, number>> = { pe: 0.45, music: 0.5, art: 0.45, tech: 0.4, obzr: 0.25, alg: -0.15, geom: -0.2, phys: -0.15, chem: -0.15, rus: -0.1 };

/** A five-point mark around the pupil's ability in the subject; «1» is all but unheard of. */
function drawMark(rng: Rng, p: Pupil, subject: SubjectCode, kind: LessonKind): number {
  let offset = p.subjectOffset[subject];
  if (offset === undefined) {
    offset = rng.normal(0, 0.28);
    p.subjectOffset[subject] = offset;
  }
  const mean = clamp(p.ability + offset + (SUBJECT_EASE[subject] ?? 0) * (5 - p.ability) / 2, 2.6, 5) + (kind === 'TEST' ? -0.15 : 0);
  // Strong pupils are steadier: a 4.9 pupil gets «5» nearly always, a 3.0 pupil anything from 2 to 4.
  const x = rng.normal(mean, 0.35 + 0.2 * (5 - mean) + (kind === 'TEST' ? 0.1 : 0));
  if (x < 1.2 && rng.chance(0.15)) return 1;
  return clamp(Math.round(x), 2, 5);
}
