// What every journal write checks before it touches a row: the lesson is writable by this actor
// (their course, or a lesson they substitute), its school year is a current one, the pupil belongs
// to the course on the lesson date, and the study period containing the date is not closed. Each
// check is a scoped query.
import 'server-only';
import type { Actor } from '../../auth/actor';
import type { Prisma, PrismaClient } from '../../prisma-client';
import type { GradingScaleKind } from '../../domain/grading';
import { formatDateRu } from '../../domain/calendar';
import { toSchoolDate } from '../../domain/timezone';
import { isoDate } from '../dates';
import { writableLessons } from '../scope';
import { fail, MESSAGES, type Failure } from './result';
import { enrolledOn } from '../enrolled';

type Db = PrismaClient | Prisma.TransactionClient;

/** Quarter end: a whole school saving at once queues for connections rather than failing. */
export const TX_OPTIONS = { maxWait: 60_000, timeout: 20_000 } as const;

export type LessonContext = {
  ok: true;
  lessonId: number;
  courseId: number;
  schoolId: number;
  date: Date;
  isoDate: string;
  kind: string;
  scale: { kind: GradingScaleKind; values: string[] };
  classId: number | null;
  groupId: number | null;
  groupClassId: number | null;
  /** The period scheme of the class (null for a cross-class stream). */
  schemeId: number | null;
};

/** The lesson if this actor may write it; one query. */
export async function writableLesson(db: Db, actor: Actor, lessonId: number): Promise<LessonContext | Failure> {
  const lesson = await db.lesson.findFirst({
    where: { AND: [{ id: lessonId }, writableLessons(actor)] },
    select: {
      id: true, courseId: true, schoolId: true, date: true, lessonKind: true,
      course: {
        select: {
          classId: true, groupId: true, academicYearId: true,
          gradingScale: { select: { kind: true, values: true } },
          schoolClass: { select: { periodSchemeId: true } },
          group: { select: { classId: true, schoolClass: { select: { periodSchemeId: true } } } },
        },
      },
    },
  });
  if (!lesson) {
    // Tell "someone else's lesson" from "no such lesson" only within the actor's own school.
    const exists = await db.lesson.count({ where: { id: lessonId, schoolId: actor.schoolId } });
    return fail(exists ? MESSAGES.lessonNotWritable : MESSAGES.lessonNotFound);
  }
  const c = lesson.course;
  const ended = yearEnded(actor, c.academicYearId);
  if (ended) return ended;
  return {
    ok: true,
    lessonId: lesson.id,
    courseId: lesson.courseId,
    schoolId: lesson.schoolId,
    date: lesson.date,
    isoDate: isoDate(lesson.date),
    kind: lesson.lessonKind,
    scale: { kind: c.gradingScale.kind, values: c.gradingScale.values },
    classId: c.classId,
    groupId: c.groupId,
    groupClassId: c.group?.classId ?? null,
    schemeId: c.schoolClass?.periodSchemeId ?? c.group?.schoolClass?.periodSchemeId ?? null,
  };
}

/**
 * Refuses routine journal writes (marks, attendance, topics, homework) into a course of a school
 * year that is no longer current (actor.currentYears): once the next year has begun, last year's
 * journal is a record, read but not kept. The summer after the year still counts as the year, so
 * its last entries and corrections are made then. Final marks are not routine: they follow their
 * period's status only (a deferred year mark is often set in the next year), and management's
 * closing and opening of periods is untouched.
 */
export function yearEnded(actor: Pick<Actor, 'currentYears'>, academicYearId: number): Failure | null {
  return actor.currentYears.includes(academicYearId) ? null : fail(MESSAGES.yearEnded);
}

/** The pupils of a course on a date, as a `where` on users (class enrollment, or group membership). */
export function courseMembersOn(ctx: Pick<LessonContext, 'schoolId' | 'classId' | 'groupId' | 'groupClassId'>, date: Date): Prisma.UserWhereInput {
  if (ctx.classId) return { schoolId: ctx.schoolId, enrollments: { some: { classId: ctx.classId, ...enrolledOn(date) } } };
  return {
    schoolId: ctx.schoolId,
    groupMemberships: { some: { groupId: ctx.groupId ?? -1 } },
    enrollments: { some: { ...(ctx.groupClassId ? { classId: ctx.groupClassId } : {}), ...enrolledOn(date) } },
  };
}

export async function pupilInCourse(db: Db, ctx: LessonContext, studentIds: readonly number[]): Promise<boolean> {
  const unique = [...new Set(studentIds)];
  const n = await db.user.count({ where: { AND: [{ id: { in: unique } }, courseMembersOn(ctx, ctx.date)] } });
  return n === unique.length;
}

/**
 * Refuses marks and absences for a lesson not yet held (say, opened in advance to announce a test):
 * they are entered «по факту» (seed 002 §3.4, §3.6). Judged by the date on the school's clock.
 */
export function notHeldYet(actor: Actor, ctx: Pick<LessonContext, 'isoDate'>, field?: string, now = new Date()): Failure | null {
  return ctx.isoDate > toSchoolDate(now, actor.timeZone) ? fail(MESSAGES.notHeldYet, field) : null;
}

/**
 * Refuses when a period containing the date is closed. Run inside the write's transaction:
 * FOR SHARE makes a concurrent close (an UPDATE of the same row) wait for this write to commit,
 * and this write wait for a close in progress, so no write slips into a period being closed.
 */
export async function periodOpen(tx: Prisma.TransactionClient, ctx: Pick<LessonContext, 'schoolId' | 'schemeId' | 'date'>): Promise<Failure | null> {
  const rows = await tx.$queryRaw<{ status: string }[]>`
    SELECT status::text AS status FROM study_periods
     WHERE school_id = ${ctx.schoolId} AND start_date <= ${ctx.date}::date AND end_date >= ${ctx.date}::date
       AND (${ctx.schemeId}::int IS NULL OR scheme_id IS NULL OR scheme_id = ${ctx.schemeId}::int)
     FOR SHARE`;
  return rows.some((r) => r.status === 'CLOSED') ? fail(MESSAGES.periodClosed) : null;
}

/**
 * A course is taught in its school year: a lesson dated outside it (a mistyped year) would be in
 * no journal period, so no grid would show it, and it could not be removed. The one refusal for
 * opening a lesson, a timetable change and a timetable row.
 */
export function outsideYear(year: { label: string; startDate: Date; endDate: Date }, iso: string, field: string): Failure | null {
  const from = isoDate(year.startDate);
  const to = isoDate(year.endDate);
  return iso < from || iso > to ? fail(`Дата вне учебного года ${year.label} (${formatDateRu(from)} – ${formatDateRu(to)})`, field) : null;
}
