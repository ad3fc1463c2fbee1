// The rows of the grid: pupils of the class (or group) during the period with their enrollment
// dates, so a pupil who joined or left shows greyed cells outside their time in the class.
import 'server-only';
import type { Actor } from '../../auth/actor';
import type { PrismaClient } from '../../prisma-client';
import type { GradingScaleKind } from '../../domain/grading';
import { formatAverage } from '../../domain/averages';
import type { RoundingPolicy } from '../../domain/rounding';
import { comparePupils, proposalShort, pupilFigures, type DateRange } from '../../domain/journal-grid';
import { dbDate, isoDate } from '../dates';
import { enrollmentRows } from './grid-rows';
import { enrolledBetween } from '../enrolled';
import type { PriorMarks } from './prior-marks';
import type { EarlierFinal, MovedOut } from './period-mark-class';

type CourseRef = { courseId: number; classId: number | null; groupId: number | null; groupClassId: number | null };
type Pupil = { id: number; lastName: string; firstName: string; ranges: DateRange[] };

export type FinalMarkCell = { value: string | null; special: string | null; deferredUntil: string | null; deferralReason: string | null; status: string; visibleFrom: string | null; version: number };

export type GridPupil = {
  id: number;
  name: string;
  ranges: DateRange[];
  /**
   * The marks of the subject in the class(es) the pupil left for this one during the period
   * (prior-marks.ts); count, averages and forecast include them. Empty for everyone else.
   */
  prior: PriorMarks;
  count: number;
  average: string;
  weightedAverage: string;
  /** «4», «4/5?» (the teacher decides) or «—». */
  forecast: string;
  final: FinalMarkCell | null;
  /** Moved to another class during the period: that class gives the period mark (period-mark-class.ts). */
  movedOut: MovedOut | null;
  /** A period mark of the subject the pupil got in the class they left for this one. */
  earlierFinal: EarlierFinal | null;
};

/** One query: the enrollments (class course) or group memberships (group course) overlapping the period. */
export async function gridPupils(db: PrismaClient, actor: Actor, c: CourseRef, period: { startDate: string; endDate: string }, readableIds: number[]): Promise<Pupil[]> {
  const from = dbDate(period.startDate);
  const to = dbDate(period.endDate);
  const overlap = enrolledBetween(from, to);
  // Bounded by the course ids the scoped query (readableCourses) returned.
  const course = { some: { id: { in: readableIds } } };
  const person = { id: true, lastName: true, firstName: true } as const;
  const range = (e: { startDate: Date; endDate: Date | null }) => ({ startDate: isoDate(e.startDate), endDate: e.endDate ? isoDate(e.endDate) : null });

  const byId = new Map<number, Pupil>();
  if (c.classId) {
    const rows = await enrollmentRows(db, { schoolId: actor.schoolId, readableIds, from, to, classId: c.classId });
    for (const r of rows) {
      let pupil = byId.get(r.studentId);
      if (!pupil) byId.set(r.studentId, (pupil = { id: r.studentId, lastName: r.lastName, firstName: r.firstName, ranges: [] }));
      pupil.ranges.push(range(r));
    }
  } else {
    const rows = await db.studyGroupMember.findMany({
      where: { groupId: c.groupId ?? -1, group: { courses: course } },
      select: { student: { select: { ...person, enrollments: { where: { ...overlap, ...(c.groupClassId ? { classId: c.groupClassId } : {}) }, select: { startDate: true, endDate: true } } } } },
    });
    for (const { student } of rows) {
      if (student.enrollments.length) byId.set(student.id, { id: student.id, lastName: student.lastName, firstName: student.firstName, ranges: student.enrollments.map(range) });
    }
  }
  return [...byId.values()].sort(comparePupils);
}

type Moves = { movedOut: Map<number, MovedOut>; earlierFinals: Map<number, EarlierFinal> };
type MarkRow = { studentId: number; numericValue: number | null; workTypeId: number };
type FinalRow = { studentId: number; value: string | null; special: string | null; deferredUntil: Date | null; deferralReason: string | null; status: string; visibleFrom: Date | null; version: number };

/**
 * Adds the per-pupil figures (count, averages, forecast by the school's policy, over the pupil's
 * marks here and their earlier class's marks of the period) and the final mark.
 */
export function pupilRows(pupils: Pupil[], marks: MarkRow[], finals: FinalRow[], prior: Map<number, PriorMarks>, moves: Moves, weights: Map<number, number>, policy: RoundingPolicy, scale: GradingScaleKind): GridPupil[] {
  const marksOf = new Map<number, MarkRow[]>();
  for (const m of marks) {
    const list = marksOf.get(m.studentId);
    if (list) list.push(m);
    else marksOf.set(m.studentId, [m]);
  }
  const finalOf = new Map(finals.map((f) => [f.studentId, f]));
  return pupils.map((p) => {
    const earlier = prior.get(p.id) ?? [];
    const all = [...(marksOf.get(p.id) ?? []), ...earlier.flatMap((g) => g.marks)];
    const f = pupilFigures(all.map((m) => ({ numericValue: m.numericValue, weight: weights.get(m.workTypeId) ?? 1 })), policy, scale);
    const fin = finalOf.get(p.id);
    return {
      id: p.id,
      name: `${p.lastName} ${p.firstName}`,
      ranges: p.ranges,
      prior: earlier,
      count: f.count,
      average: formatAverage(f.average),
      weightedAverage: formatAverage(f.weightedAverage),
      forecast: proposalShort(f.proposal),
      final: fin
        ? { value: fin.value, special: fin.special, deferredUntil: fin.deferredUntil ? isoDate(fin.deferredUntil) : null, deferralReason: fin.deferralReason, status: fin.status, visibleFrom: fin.visibleFrom?.toISOString() ?? null, version: fin.version }
        : null,
      movedOut: moves.movedOut.get(p.id) ?? null,
      earlierFinal: moves.earlierFinals.get(p.id) ?? null,
    };
  });
}
