// Which class gives a pupil's period mark (четвертная, годовая) when the pupil was transferred
// during the period (pupil-class-change.ts): the class they are in by the period's end. Their marks
// of the period in the earlier class count there (prior-marks.ts), so the earlier class's teacher
// gives no period mark for them: two period marks in one subject would leave the summary sheet, the
// diary's «Итоги» and the results letters showing whichever they find. A pupil who left the school
// (no later class) keeps their period mark in the class they left: its teacher may still give it
// for the days the pupil was there. The year follows the same rule (the class at year end).
import 'server-only';
import type { Prisma } from '../../prisma-client';
import { formatDateRu } from '../../domain/calendar';
import { FINAL_SPECIAL_LABELS } from '../../domain/diary-format';
import { isoDate } from '../dates';
import { enrolledBetween } from '../enrolled';
import { className } from '../names';

/**
 * Waits for a transfer or promotion of the school in flight (they hold lockForPromotion's lock
 * exclusively) and keeps them out until the final-mark write commits, so the pupil's class cannot
 * change between the check here and the write. Shared: final-mark writes do not wait for each other.
 * Taken before any row lock, in lockForPromotion's order.
 */
export async function holdPupilClasses(tx: Prisma.TransactionClient, schoolId: number) {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock_shared(hashtext('classes.promote'), ${schoolId}::int)`;
}

type Db = Pick<Prisma.TransactionClient, 'enrollment' | 'finalMark'>;
type Period = { id: number; startDate: Date; endDate: Date };
type Enrollment = { studentId: number; classId: number; startDate: Date; endDate: Date | null; schoolClass: { gradeLevel: number; letter: string } };

/** The class a pupil was moved to from the course's class during the period, and their first day there. */
export type MovedOut = { className: string; since: string; /** For the final-marks page. */ note: string };

/** A period mark of the same subject given in a class the pupil left for this one («в 5А выставлена: 4»). */
export type EarlierFinal = { className: string; mark: string; published: boolean };

const movedOutNote = (m: { className: string; since: string }) => `переведён(а) в ${m.className} с ${formatDateRu(m.since)} — отметку за период ставит учитель ${m.className}`;
export const movedOutRefusal = (m: MovedOut) => `Ученик переведён в ${m.className} с ${formatDateRu(m.since)}: отметку за период ставит учитель ${m.className}`;
export const earlierFinalRefusal = (e: EarlierFinal) =>
  `В ${e.className} за этот период уже выставлена и опубликована отметка: ${e.mark}. Вторую отметку по предмету за период не ставят.`;

/**
 * Of one pupil's enrollments overlapping the period: left `classId` before the period's last day
 * (and not back in it by then) and in another class on a later day of the period — the last such
 * class, the one whose teacher gives the mark.
 */
export function movedOutFrom(enrollments: readonly Enrollment[], classId: number, periodEnd: Date): MovedOut | null {
  const here = enrollments.filter((e) => e.classId === classId);
  if (!here.length || here.some((e) => e.endDate === null || e.endDate >= periodEnd)) return null;
  const left = Math.max(...here.map((e) => e.endDate!.getTime()));
  const later = enrollments
    .filter((e) => e.classId !== classId && e.startDate.getTime() > left && e.startDate <= periodEnd)
    .sort((a, b) => b.startDate.getTime() - a.startDate.getTime())[0];
  if (!later) return null;
  const moved = { className: className(later.schoolClass), since: isoDate(later.startDate) };
  return { ...moved, note: movedOutNote(moved) };
}

/** Pupils of `studentIds` moved out of class `classId` to another class during the period. One query. */
export async function movedOutOf(db: Db, schoolId: number, classId: number, studentIds: number[], period: Period): Promise<Map<number, MovedOut>> {
  const out = new Map<number, MovedOut>();
  if (!studentIds.length) return out;
  const rows = await db.enrollment.findMany({
    where: { schoolId, studentId: { in: studentIds }, ...enrolledBetween(period.startDate, period.endDate) },
    select: { studentId: true, classId: true, startDate: true, endDate: true, schoolClass: { select: { gradeLevel: true, letter: true } } },
  });
  for (const id of studentIds) {
    const moved = movedOutFrom(rows.filter((r) => r.studentId === id), classId, period.endDate);
    if (moved) out.set(id, moved);
  }
  return out;
}

/**
 * Period marks of the subject given to `studentIds` in the period by a course of another class
 * (or of another class's group): given there before the transfer was recorded. One query.
 */
export async function earlierFinals(db: Db, schoolId: number, c: { courseId: number; classId: number; subjectId: number }, studentIds: number[], periodId: number): Promise<Map<number, EarlierFinal>> {
  const out = new Map<number, EarlierFinal>();
  if (!studentIds.length) return out;
  const rows = await db.finalMark.findMany({
    where: {
      schoolId, periodId, studentId: { in: studentIds }, courseId: { not: c.courseId },
      course: { schoolId, subjectId: c.subjectId, OR: [{ classId: { not: c.classId } }, { group: { classId: { not: c.classId } } }] },
    },
    select: {
      studentId: true, value: true, special: true, deferredUntil: true, status: true,
      course: { select: { schoolClass: { select: { gradeLevel: true, letter: true } }, group: { select: { schoolClass: { select: { gradeLevel: true, letter: true } } } } } },
    },
    orderBy: { id: 'asc' },
  });
  for (const r of rows) {
    const cls = r.course.schoolClass ?? r.course.group?.schoolClass;
    if (!cls) continue; // a stream's course: it has no class of its own and goes on across the move
    const mark = r.value ?? (r.special ? FINAL_SPECIAL_LABELS[r.special] : r.deferredUntil ? `отсрочка до ${formatDateRu(isoDate(r.deferredUntil))}` : '—');
    const seen = out.get(r.studentId);
    // A published one wins over a draft: it is the one families see.
    if (!seen || (!seen.published && r.status === 'PUBLISHED')) out.set(r.studentId, { className: className(cls), mark, published: r.status === 'PUBLISHED' });
  }
  return out;
}
