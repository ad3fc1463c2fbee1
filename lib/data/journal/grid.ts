// The journal grid of one course and one study period, loaded in a fixed number of queries:
// (access, course, periods, work types) then (lessons, pupils, marks, attendance, final marks) in
// parallel.
// Nothing is loaded per pupil or per lesson, so the page costs the same for 10 pupils or 35.
import 'server-only';
import { getDb } from '../../db';
import type { Actor } from '../../auth/actor';
import type { GradingScaleKind } from '../../domain/grading';
import { describePolicy, type RoundingPolicy } from '../../domain/rounding';
import { toSchoolDate } from '../../domain/timezone';
import { findStudyPeriod } from '../../domain/calendar';
import { attendanceFromDb, readRoundingPolicy } from '../../domain/journal-grid';
import { cellKey, type CellAttendance, type CellMark, type CellState } from '../../domain/journal-grid-cells';
import { dbDate, isoDate } from '../dates';
import { isCourseReadable } from '../scope-sql';
import { courseHeader } from './course-header';
import { gridPupils, pupilRows, type GridPupil } from './grid-pupils';
import { attendanceRows, finalMarkRows, lessonRows, markRows, periodRows, workTypeRows } from './grid-rows';
import { priorMarkRows, priorMarksByPupil } from './prior-marks';
import { earlierFinals, movedOutOf } from './period-mark-class';

export type GridLesson = { id: number; date: string; slot: number; kind: string; topic: string | null; plannedTest: boolean; isSubstitution: boolean; writable: boolean;
  /** After today on the school's clock: marks and absences wait until it is held (save-cell refuses them). */
  notHeld: boolean };
export type GridMark = CellMark;
export type GridAttendance = CellAttendance;
export type GridCell = CellState;
export type GridPeriod = { id: number; name: string; kind: string; startDate: string; endDate: string; status: 'OPEN' | 'CLOSED' };

export type JournalGrid = {
  course: {
    id: number; title: string; scale: { kind: GradingScaleKind; values: string[] };
    /** Marks, attendance and lessons may be written: the actor teaches it, in a current school year. */
    writable: boolean;
    /** Final marks may be set (their period permitting): the actor teaches it, whatever the year (yearEnded). */
    finalsWritable: boolean;
    /** The course's school year is no longer current: its journal is read only (yearEnded). */
    yearEnded: boolean;
  };
  period: GridPeriod;
  periods: GridPeriod[];
  lessons: GridLesson[];
  pupils: GridPupil[];
  /** Keyed `${studentId}:${lessonId}`; absent keys are empty cells. */
  cells: Record<string, GridCell>;
  workTypes: { id: number; name: string; shortName: string; weight: number }[];
  policyText: string;
  /** The school's rounding policy and every work type's weight, for figures recomputed in the browser. */
  policy: RoundingPolicy;
  weights: Record<number, number>;
};

export async function loadJournalGrid(actor: Actor, courseId: number, periodId?: number, now = new Date()): Promise<JournalGrid | null> {
  const db = getDb();
  // The scoped query decides access; its ids then bound every other read of the page.
  const [readable, course, periods, workTypes] = await Promise.all([
    isCourseReadable(actor, courseId),
    courseHeader(db, actor.schoolId, courseId, actor.id),
    periodRows(db, actor.schoolId, courseId),
    workTypeRows(db, actor.schoolId),
  ]);
  if (!readable || !course) return null;
  const readableIds = [courseId];

  // A closed school year closes its terms too (every write of the year is refused, see lockOpenPeriod).
  const yearClosed = periods.some((p) => p.kind === 'YEAR' && p.status === 'CLOSED');
  const gridPeriods: GridPeriod[] = periods.map((p) => ({ ...p, status: yearClosed ? 'CLOSED' : p.status, startDate: isoDate(p.startDate), endDate: isoDate(p.endDate) }));
  const today = toSchoolDate(now, course.timezone);
  const terms = gridPeriods.filter((p) => p.kind === 'TERM');
  const period =
    gridPeriods.find((p) => p.id === periodId) ??
    findStudyPeriod(terms, today) ??
    [...terms].reverse().find((p) => p.endDate < today) ??
    terms[0] ??
    gridPeriods[0];
  if (!period) return null;

  const from = dbDate(period.startDate);
  const to = dbDate(period.endDate);
  const range = { schoolId: actor.schoolId, readableIds, from, to };
  const [lessons, pupils, marks, attendance, finals, prior] = await Promise.all([
    lessonRows(db, range),
    gridPupils(db, actor, { courseId, classId: course.classId, groupId: course.groupId, groupClassId: course.groupClassId }, period, readableIds),
    markRows(db, range),
    attendanceRows(db, range),
    finalMarkRows(db, { schoolId: actor.schoolId, readableIds, periodId: period.id }),
    priorMarkRows(db, { ...range, courseIds: [courseId] }),
  ]);

  // Pupils who left the class or joined it during the period (a few, often none): whether another
  // class gives their period mark, or already gave it (period-mark-class.ts).
  const classId = course.classId ?? course.groupClassId;
  const left = pupils.filter((p) => p.ranges.every((r) => r.endDate !== null && r.endDate < period.endDate)).map((p) => p.id);
  const joined = pupils.filter((p) => p.ranges.every((r) => r.startDate > period.startDate)).map((p) => p.id);
  const [movedOut, earlier] = classId === null
    ? [new Map(), new Map()]
    : await Promise.all([
        movedOutOf(db, actor.schoolId, classId, left, { id: period.id, startDate: from, endDate: to }),
        earlierFinals(db, actor.schoolId, { courseId, classId, subjectId: course.subjectId }, joined, period.id),
      ]);

  const teaches = course.teaches && actor.permissions.has('marks:write');
  const yearEnded = !actor.currentYears.includes(course.academicYearId);
  const cells: Record<string, GridCell> = {};
  const cell = (s: number, l: number) => (cells[cellKey(s, l)] ??= { marks: [], attendance: null });
  for (const m of marks) cell(m.studentId, m.lessonId).marks.push({ position: m.position, value: m.value, workTypeId: m.workTypeId, comment: m.comment, version: m.version });
  for (const a of attendance) cell(a.studentId, a.lessonId).attendance = { code: attendanceFromDb(a.code), comment: a.comment, version: a.version };

  const policy = readRoundingPolicy(course.roundingPolicy);
  const scale = course.scale;
  return {
    course: { id: course.id, title: course.title, scale, writable: teaches && !yearEnded, finalsWritable: teaches, yearEnded },
    period,
    periods: gridPeriods,
    lessons: lessons.map((l) => ({
      id: l.id, date: isoDate(l.date), slot: l.slot, kind: l.lessonKind, topic: l.topic, plannedTest: l.plannedTest, isSubstitution: l.isSubstitution,
      writable: !yearEnded && (teaches || (l.isSubstitution && l.teacherId === actor.id && actor.permissions.has('marks:write'))),
      notHeld: isoDate(l.date) > today,
    })),
    pupils: pupilRows(pupils, marks, finals, priorMarksByPupil(prior), { movedOut, earlierFinals: earlier }, new Map(workTypes.map((w) => [w.id, w.weight])), policy, scale.kind),
    cells,
    workTypes: workTypes.filter((w) => !w.archived).map(({ archived: _a, ...w }) => w).sort((a, b) => a.weight - b.weight || a.id - b.id),
    policy,
    weights: Object.fromEntries(workTypes.map((w) => [w.id, w.weight])),
    policyText: scale.kind === 'FIVE_POINT' ? describePolicy(policy, period.kind === 'YEAR' ? 'year' : 'term') : 'Для этой шкалы отметка за период не предлагается автоматически.',
  };
}
