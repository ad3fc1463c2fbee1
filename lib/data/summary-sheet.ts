// The summary sheet (сводная ведомость, seed 000 §5) of a class for a period or the year:
// final marks of every pupil in every subject, and per subject the class statistics computed by
// lib/domain/statistics.ts. Readable by the class teacher and by management ('reports:read:school').
// The subjects include the streams the class's pupils are in (lib/data/class-courses.ts); only the
// class's own pupils' final marks are read.
import 'server-only';
import { getDb } from '../db';
import { fullName, type Actor } from '../auth/actor';
import { classStatistics, type FinalResult } from '../domain/statistics';
import { toSchoolDate } from '../domain/timezone';
import { enrollmentSpans } from '../domain/journal-grid';
import { cellResult, type SummaryCell, type SummaryPeriod, type SummarySheet, type SummarySubject } from '../pdf/summary-model';
import type { FinalMarkSpecial } from '../generated/prisma/enums';
import { dbDate, isoDate } from './dates';
import { classCourses, enrolledBetween, isCrossClass, lastClassBetween } from './class-courses';
import { className } from './names';
import { reportableClasses } from './extracts/access';
import { REFUSALS, type Outcome } from './extracts/errors';

const SPECIAL_TEXT: Record<FinalMarkSpecial, 'н/а' | 'осв.' | 'зач.'> = { NOT_ATTESTED: 'н/а', EXEMPT: 'осв.', PASSED: 'зач.' };

type FinalRow = { value: string | null; special: FinalMarkSpecial | null; deferredUntil: Date | null; status: 'DRAFT' | 'PUBLISHED' };

function cellOf(row: FinalRow | undefined): SummaryCell {
  if (!row) return { kind: 'none' };
  const draft = row.status === 'DRAFT';
  if (row.special) return { kind: 'special', text: SPECIAL_TEXT[row.special], draft };
  if (row.value !== null) return { kind: 'value', text: row.value, draft };
  if (row.deferredUntil) return { kind: 'deferred', until: isoDate(row.deferredUntil), draft };
  return { kind: 'none' };
}

/**
 * The term containing today once its final marks are being set; before that the last term that
 * has ended (the sheet is mostly wanted at the end of a term); the first period otherwise.
 */
async function defaultPeriod(periods: SummaryPeriod[], today: string, classId: number): Promise<SummaryPeriod> {
  const terms = periods.filter((p) => p.kind === 'TERM');
  const current = terms.find((p) => p.startDate <= today && today <= p.endDate);
  const ended = terms.filter((p) => p.endDate < today).pop();
  if (current && ended) {
    const [from, to] = [dbDate(current.startDate), dbDate(current.endDate)];
    // The class's pupils' final marks only: a stream's other classes may have started theirs.
    const started = await getDb().finalMark.count({
      where: { periodId: current.id, course: classCourses(classId, from, to), student: { enrollments: { some: enrolledBetween(classId, from, to) } } },
    });
    return started ? current : ended;
  }
  return current ?? ended ?? periods[0];
}

async function loadClass(actor: Actor, classId: number) {
  const db = getDb();
  const cls = await db.schoolClass.findFirst({
    where: { AND: [{ id: classId }, reportableClasses(actor)] },
    select: {
      id: true, gradeLevel: true, letter: true, academicYearId: true, periodSchemeId: true,
      academicYear: { select: { label: true } },
      school: { select: { name: true, timezone: true } },
      classTeacher: { select: { lastName: true, firstName: true, middleName: true } },
    },
  });
  if (cls) return { ok: true as const, cls };
  const exists = await db.schoolClass.count({ where: { id: classId, schoolId: actor.schoolId } });
  return exists ? REFUSALS.reportsDenied : REFUSALS.classNotFound;
}

export async function summarySheet(actor: Actor, classId: number, periodId: number | null, now = new Date()): Promise<Outcome<{ sheet: SummarySheet }>> {
  const loaded = await loadClass(actor, classId);
  if (!loaded.ok) return loaded;
  const { cls } = loaded;
  const db = getDb();
  const today = toSchoolDate(now, cls.school.timezone);

  const periodRows = await db.studyPeriod.findMany({
    where: { schoolId: actor.schoolId, academicYearId: cls.academicYearId, OR: [{ schemeId: cls.periodSchemeId }, { kind: 'YEAR' }] },
    orderBy: [{ kind: 'asc' }, { ordinal: 'asc' }],
    select: { id: true, name: true, kind: true, startDate: true, endDate: true },
  });
  const periods = periodRows.map((p) => ({ ...p, startDate: isoDate(p.startDate), endDate: isoDate(p.endDate) }));
  const period = periodId === null ? (periods.length ? await defaultPeriod(periods, today, cls.id) : undefined) : periods.find((p) => p.id === periodId);
  if (!period) return REFUSALS.periodNotFound;

  const [from, to] = [dbDate(period.startDate), dbDate(period.endDate)];
  const [enrollments, courses] = await Promise.all([
    db.enrollment.findMany({
      where: { schoolId: actor.schoolId, ...enrolledBetween(cls.id, from, to) },
      select: { startDate: true, endDate: true, student: { select: { id: true, lastName: true, firstName: true, middleName: true } } },
    }),
    db.course.findMany({
      where: { schoolId: actor.schoolId, academicYearId: cls.academicYearId, ...classCourses(cls.id, from, to) },
      select: {
        id: true, subjectId: true, classId: true, subject: { select: { name: true } }, gradingScale: { select: { kind: true } },
        // Whether a pupil of the class is in the group; a stream's other members are not read.
        group: { select: { classId: true, members: { where: { student: { enrollments: { some: enrolledBetween(cls.id, from, to) } } }, select: { studentId: true } } } },
      },
      orderBy: { subjectId: 'asc' },
    }),
  ]);
  const pupilIds = [...new Set(enrollments.map((e) => e.student.id))];
  const [finals, lastClass] = pupilIds.length && courses.length
    ? await Promise.all([
        db.finalMark.findMany({
          where: { schoolId: actor.schoolId, periodId: period.id, courseId: { in: courses.map((c) => c.id) }, studentId: { in: pupilIds } },
          select: { studentId: true, courseId: true, value: true, special: true, deferredUntil: true, status: true },
        }),
        lastClassBetween(db, actor.schoolId, pupilIds, from, to),
      ])
    : [[], new Map<number, number>()];
  // A stream's final mark of a pupil who moved between its classes stands in the class the period
  // ends with them in, as the class overview shows it (lib/data/class-courses.ts).
  const crossClass = new Set(courses.filter(isCrossClass).map((c) => c.id));
  const finalOf = new Map(finals.filter((f) => !crossClass.has(f.courseId) || lastClass.get(f.studentId) === cls.id).map((f) => [`${f.studentId}:${f.courseId}`, f]));

  // One column per subject: a subject taught in groups (English, group 1 and 2), or in a subgroup
  // and a stream, is one column.
  const subjectIds = [...new Set(courses.map((c) => c.subjectId))];
  const spans = enrollmentSpans(enrollments.map((e) => ({ studentId: e.student.id, startDate: isoDate(e.startDate), endDate: e.endDate && isoDate(e.endDate) })));
  const pupils = enrollments
    .sort((a, b) => fullName(a.student).localeCompare(fullName(b.student), 'ru') || a.student.id - b.student.id)
    .filter((e, i, all) => all.findIndex((x) => x.student.id === e.student.id) === i)
    .map((e) => {
      const cells = subjectIds.map((subjectId): SummaryCell => {
        const own = courses.filter((c) => c.subjectId === subjectId && (c.classId !== null || c.group?.members.some((m) => m.studentId === e.student.id)));
        if (!own.length) return { kind: 'not-studied' };
        const cellsOfCourses = own.map((c) => cellOf(finalOf.get(`${e.student.id}:${c.id}`)));
        return cellsOfCourses.find((c) => c.kind === 'value' || c.kind === 'special') ?? cellsOfCourses.find((c) => c.kind === 'deferred') ?? { kind: 'none' };
      });
      const { start, end } = spans.get(e.student.id)!;
      const left = end && end < period.endDate ? `выбыл(а) ${end.split('-').reverse().join('.')}` : null;
      const came = start > period.startDate ? `прибыл(а) ${start.split('-').reverse().join('.')}` : null;
      return { id: e.student.id, name: fullName(e.student), note: left ?? came, cells };
    });

  const subjects = subjectIds.map((subjectId, i): SummarySubject => {
    const own = courses.filter((c) => c.subjectId === subjectId);
    const fivePoint = own.every((c) => c.gradingScale.kind === 'FIVE_POINT');
    const results = pupils.map((p) => cellResult(p.cells[i])).filter((r): r is FinalResult => r !== undefined);
    return { subjectId, name: own[0].subject.name, fivePoint, statistics: fivePoint ? classStatistics(results) : null };
  });

  return {
    ok: true,
    sheet: {
      schoolName: cls.school.name,
      classId: cls.id,
      className: className(cls),
      classTeacherName: cls.classTeacher ? fullName(cls.classTeacher) : null,
      yearLabel: cls.academicYear.label,
      period,
      periods,
      subjects,
      pupils,
      generatedOn: today,
    },
  };
}
