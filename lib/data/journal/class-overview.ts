// The class teacher's read-only overview of their class for a period: every subject's marks as
// averages, attendance totals and final marks, per pupil. A fixed set of queries, scoped by
// readableClasses (class teacher of this class, or management). Besides the class's and its
// subgroups' courses it covers the streams its pupils are in (lib/data/class-courses.ts), and of
// every course only the class's own pupils' rows are read.
import 'server-only';
import { getDb } from '../../db';
import type { Actor } from '../../auth/actor';
import { average, formatAverage, weightedAverage } from '../../domain/averages';
import { ATTENDANCE_CODES, type AttendanceCode } from '../../domain/attendance';
import { findStudyPeriod } from '../../domain/calendar';
import { attendanceFromDb, comparePupils, enrollmentSpans, isEnrolledOn, type DateRange } from '../../domain/journal-grid';
import { toSchoolDate } from '../../domain/timezone';
import { dbDate, isoDate } from '../dates';
import { className } from '../names';
import { classCourses, enrolledBetween, isCrossClass, lastClassBetween } from '../class-courses';
import { readableClasses, readableCourses } from '../scope';
import { FINAL_SPECIAL_LABELS } from './final-marks';
import { priorMarkRows } from './prior-marks';

/** `prior`: «5А: 5 5», the marks from the class the pupil left for this one in the period, counted in the figures; absent for others. */
type Cell = { count: number; average: string; weighted: string; final: string | null; prior?: string };

export async function classOverview(actor: Actor, classId: number, periodId?: number, now = new Date()) {
  const db = getDb();
  const cls = await db.schoolClass.findFirst({
    where: { AND: [{ id: classId }, readableClasses(actor)] },
    select: { id: true, gradeLevel: true, letter: true, periodSchemeId: true, academicYearId: true, school: { select: { timezone: true } } },
  });
  if (!cls) return null;
  const [periods, workTypes] = await Promise.all([
    db.studyPeriod.findMany({
      where: { schoolId: actor.schoolId, academicYearId: cls.academicYearId, OR: [{ schemeId: cls.periodSchemeId }, { schemeId: null }] },
      orderBy: [{ kind: 'asc' }, { startDate: 'asc' }],
      select: { id: true, name: true, kind: true, startDate: true, endDate: true, status: true },
    }),
    db.workType.findMany({ where: { schoolId: actor.schoolId }, select: { id: true, weight: true } }),
  ]);
  const list = periods.map((p) => ({ ...p, startDate: isoDate(p.startDate), endDate: isoDate(p.endDate) }));
  const today = toSchoolDate(now, cls.school.timezone);
  const terms = list.filter((p) => p.kind === 'TERM');
  // Between terms (the holidays) the term just ended, as the journal grid does.
  const period =
    list.find((p) => p.id === periodId) ?? findStudyPeriod(terms, today) ?? [...terms].reverse().find((p) => p.endDate < today) ?? terms[0] ?? list[0];
  if (!period) return null;
  const from = dbDate(period.startDate);
  const to = dbDate(period.endDate);
  const ofClass = { schoolId: actor.schoolId, academicYearId: cls.academicYearId, ...classCourses(cls.id, from, to) };

  const [enrollments, courses, journals] = await Promise.all([
    db.enrollment.findMany({
      where: { ...enrolledBetween(cls.id, from, to), schoolClass: readableClasses(actor) },
      select: { startDate: true, endDate: true, student: { select: { id: true, lastName: true, firstName: true } } },
    }),
    db.course.findMany({
      where: ofClass,
      orderBy: [{ subject: { name: 'asc' } }, { id: 'asc' }],
      select: { id: true, classId: true, subject: { select: { name: true, shortName: true } }, group: { select: { name: true, kind: true, classId: true } }, gradingScale: { select: { kind: true } } },
    }),
    // A stream's journal stays its teachers' (and management's): the column links to it only for them.
    db.course.findMany({ where: { AND: [ofClass, readableCourses(actor)] }, select: { id: true } }),
  ]);
  // The courses and pupils come from the class the gate above let through: of a stream, only the
  // class's own pupils' marks, attendance and final marks are read.
  const scoped = { courseId: { in: courses.map((c) => c.id) }, studentId: { in: [...new Set(enrollments.map((e) => e.student.id))] } };

  const [allMarks, allAbsences, allFinals, lastClass, prior] = await Promise.all([
    db.mark.findMany({ where: { ...scoped, lesson: { date: { gte: from, lte: to } } }, select: { studentId: true, courseId: true, numericValue: true, workTypeId: true, lesson: { select: { date: true } } } }),
    db.attendance.findMany({ where: { studentId: scoped.studentId, lesson: { courseId: scoped.courseId, date: { gte: from, lte: to } } }, select: { studentId: true, code: true, lesson: { select: { date: true } } } }),
    db.finalMark.findMany({ where: { ...scoped, periodId: period.id }, select: { studentId: true, courseId: true, value: true, special: true, deferredUntil: true, status: true } }),
    lastClassBetween(db, actor.schoolId, scoped.studentId.in, from, to),
    // The class's courses (gated with the class above): a pupil who joined the class during the
    // period brings the subject's marks of their earlier class (prior-marks.ts), as in the journal.
    priorMarkRows(db, { schoolId: actor.schoolId, readableIds: scoped.courseId.in, courseIds: scoped.courseId.in, from, to }),
  ]);
  // A pupil who moved between classes of a stream: its marks and absences of their days in this
  // class, its final mark if the period ends with them here (lib/data/class-courses.ts).
  const ranges = new Map<number, DateRange[]>();
  for (const e of enrollments) ranges.set(e.student.id, [...(ranges.get(e.student.id) ?? []), { startDate: isoDate(e.startDate), endDate: e.endDate && isoDate(e.endDate) }]);
  const here = (r: { studentId: number; lesson: { date: Date } | null }) => !!r.lesson && isEnrolledOn(ranges.get(r.studentId) ?? [], isoDate(r.lesson.date));
  const crossClass = new Set(courses.filter(isCrossClass).map((c) => c.id));
  const marks = allMarks.filter(here);
  const attendance = allAbsences.filter(here);
  const finals = allFinals.filter((f) => !crossClass.has(f.courseId) || lastClass.get(f.studentId) === cls.id);

  const readable = new Set(journals.map((c) => c.id));
  const weight = new Map(workTypes.map((w) => [w.id, w.weight]));
  const pupils = new Map<number, { id: number; lastName: string; firstName: string; left: string | null; joined: string | null }>();
  const spans = enrollmentSpans(enrollments.map((e) => ({ studentId: e.student.id, startDate: isoDate(e.startDate), endDate: e.endDate && isoDate(e.endDate) })));
  for (const { student: s } of enrollments) {
    const { start, end } = spans.get(s.id)!;
    pupils.set(s.id, { ...s, left: end && end < period.endDate ? end : null, joined: start > period.startDate ? start : null });
  }
  const byPupilCourse = new Map<string, { value: number; weight: number }[]>();
  for (const m of marks) {
    if (m.numericValue === null) continue;
    const k = `${m.studentId}:${m.courseId}`;
    const arr = byPupilCourse.get(k) ?? [];
    arr.push({ value: m.numericValue, weight: weight.get(m.workTypeId) ?? 1 });
    byPupilCourse.set(k, arr);
  }
  const priorOf = new Map<string, { marks: { value: number; weight: number }[]; text: string[] }>();
  for (const m of prior) {
    const k = `${m.studentId}:${m.courseId}`;
    const entry = priorOf.get(k) ?? { marks: [], text: [] };
    priorOf.set(k, entry);
    if (m.numericValue !== null) entry.marks.push({ value: m.numericValue, weight: weight.get(m.workTypeId) ?? 1 });
    const name = `${m.grade}${m.letter}:`;
    if (!entry.text.includes(name)) entry.text.push(name);
    entry.text.push(m.value);
  }
  const finalOf = new Map(finals.map((f) => [`${f.studentId}:${f.courseId}`, f.value ?? (f.special ? FINAL_SPECIAL_LABELS[f.special] : f.deferredUntil ? 'отср.' : null)]));
  const absences = new Map<number, Record<AttendanceCode, number>>();
  for (const a of attendance) {
    const row = absences.get(a.studentId) ?? (Object.fromEntries(ATTENDANCE_CODES.map((c) => [c, 0])) as Record<AttendanceCode, number>);
    row[attendanceFromDb(a.code)] += 1;
    absences.set(a.studentId, row);
  }

  const rows = [...pupils.values()].sort(comparePupils).map((p) => {
    const cells: Record<number, Cell> = {};
    const all: { value: number; weight: number }[] = [];
    for (const c of courses) {
      const earlier = priorOf.get(`${p.id}:${c.id}`);
      const ms = [...(byPupilCourse.get(`${p.id}:${c.id}`) ?? []), ...(earlier?.marks ?? [])];
      // A «10» of a ten-point course is not a «10» on the five-point scale: the overall average keeps to one scale.
      if (c.gradingScale.kind === 'FIVE_POINT') all.push(...ms);
      cells[c.id] = {
        count: ms.length, average: formatAverage(average(ms.map((m) => m.value))), weighted: formatAverage(weightedAverage(ms)),
        final: finalOf.get(`${p.id}:${c.id}`) ?? null, ...(earlier ? { prior: earlier.text.join(' ') } : {}),
      };
    }
    return { id: p.id, name: `${p.lastName} ${p.firstName}`, left: p.left, joined: p.joined, cells, overall: formatAverage(weightedAverage(all)), absences: absences.get(p.id) ?? null };
  });
  // The class's average of a course: the marks given in this class's journal only.
  const courseAverage = Object.fromEntries(
    courses.map((c) => [c.id, formatAverage(weightedAverage([...pupils.keys()].flatMap((id) => byPupilCourse.get(`${id}:${c.id}`) ?? [])))]),
  );
  return {
    classId: cls.id,
    className: className(cls),
    period,
    periods: list,
    courses: courses.map((c) => ({ id: c.id, title: courseTitle(c), fullTitle: c.group ? `${c.subject.name}, ${c.group.name}` : c.subject.name, journal: readable.has(c.id) })),
    rows,
    courseAverage,
  };
}

type CourseNames = { subject: { shortName: string }; group: { name: string; kind: string; classId: number | null } | null };

/** «Англ, гр. 1» for a subgroup; a group from several classes (a stream, an individual plan) is «Физ, поток», «Физ, ИУП». */
function courseTitle(c: CourseNames): string {
  if (!c.group) return c.subject.shortName;
  if (c.group.classId === null) return `${c.subject.shortName}, ${c.group.kind === 'INDIVIDUAL' ? 'ИУП' : 'поток'}`;
  return `${c.subject.shortName}, гр. ${/\d+/.exec(c.group.name)?.[0] ?? c.group.name}`;
}
