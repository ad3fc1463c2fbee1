// What each person may see, as Prisma `where` fragments. Every query in lib/data includes one of
// these, so access is decided inside the query and a forgotten check returns nothing rather
// than everything. Each fragment starts from the actor's school: no one reads another school.
import 'server-only';
import { Prisma } from '../prisma-client';
import type { Actor } from '../auth/actor';
import { dbDate } from './dates';
import { notEndedBy, schoolToday } from './enrolled';

/** Matches no row. Used when the actor holds no permission that grants the read. */
export const NOTHING = { id: -1 } as const;

/**
 * Pupils whose diary is open to their family online: all but those whose decision in force is a
 * refusal of electronic processing (seed 000 §1), who get paper extracts from the class teacher.
 * Only an explicit refusal closes it: a family with no decision recorded yet keeps the diary.
 *
 * The one rule for a decision whose signer is gone (unlinked from the pupil, disabled, deleted),
 * read alike here and by delivery (deliveriesOf, consents.ts): a refusal stays in force until the
 * school records a new decision, whoever signed it, because electronic processing must not resume
 * by itself when a parent leaves; a grant speaks only for the parent who signed it and then counts
 * as no decision (the diary stays open, as with none recorded; nothing goes by e-mail).
 */
export const REFUSAL_IN_FORCE: Prisma.ConsentWhereInput = { inForce: true, decision: 'REFUSED' };
export const OPEN_TO_FAMILY: Prisma.UserWhereInput = { consentsAbout: { none: REFUSAL_IN_FORCE } };

/**
 * Pupils whose diary (every subject, attendance, results, the family's view) the actor may read:
 * their own children, themself (both while the family has not refused: OPEN_TO_FAMILY), their
 * class as its class teacher this year, or any pupil with the school-wide right. A subject teacher
 * reads their course's journal (readableCourses), not the rest of the pupil's diary: deny by
 * default (DOMAIN.md «Roles»).
 *
 * `on`, a date 'YYYY-MM-DD': only pupils whose diary of that day the actor may read. A class
 * teacher's duty ends when the pupil leaves their class (seed 000: staff see what their duty
 * needs): after a move to another class during the year, the former class teacher reads the diary
 * up to the last day in their class (the enrollment's end date, the same dates that limit their
 * printed extracts, extracts/access.ts), and nothing of the new class after it. The days before
 * stay open to them, as they were while the pupil was theirs (and as the new class teacher reads
 * the pupil's earlier weeks). Without `on`: the pupils whose diary the actor may read on some day.
 * The diary's gate returns the same last day (readableUntil, scope-sql.ts).
 *
 * A class teacher's reading begins when the pupil is in their class (an enrollment begun by today,
 * on the school's clock, `now`): the class teacher of next year's class, made by the promotion in
 * the summer (promotion.ts), reads nothing of a pupil moved up until the new year's first day,
 * while this year's class teacher keeps reading to the enrollment's end (the day before next year's first).
 */
export function readableDiaries(actor: Actor, on?: string, now = new Date()): Prisma.UserWhereInput {
  const p = actor.permissions;
  const school = { schoolId: actor.schoolId, roles: { some: { role: 'STUDENT' as const } } };
  if (p.has('journal:read:school')) return school;
  const or: Prisma.UserWhereInput[] = [];
  if (p.has('diary:read:children')) or.push({ guardians: { some: { parentId: actor.id } }, ...OPEN_TO_FAMILY });
  if (p.has('diary:read:self')) or.push({ id: actor.id, ...OPEN_TO_FAMILY });
  if (actor.classTeacherOf.length) {
    // One enrollment both begun and reaching `on`: next year's (not begun) in a class the actor
    // also leads must not reopen the weeks since the pupil left the actor's class of this year.
    const begun = { classId: { in: [...actor.classTeacherOf] }, startDate: { lte: schoolToday(actor.timeZone, now) } };
    or.push({ enrollments: { some: on === undefined ? begun : { ...begun, ...notEndedBy(dbDate(on)) } } });
  }
  return or.length ? { AND: [school, { OR: or }] } : NOTHING;
}

/**
 * Courses whose journal the actor may read. A teacher keeps the journals of their own courses of
 * earlier years (their own records); leading a class gives its courses for the current years only
 * (actor.classTeacherOf).
 */
export function readableCourses(actor: Actor): Prisma.CourseWhereInput {
  const p = actor.permissions;
  const school = { schoolId: actor.schoolId };
  if (p.has('journal:read:school')) return school;
  const or: Prisma.CourseWhereInput[] = [];
  if (p.has('journal:read:own')) {
    or.push({ teachers: { some: { teacherId: actor.id } } });
    or.push({ lessons: { some: { teacherId: actor.id, isSubstitution: true } } });
  }
  if (actor.classTeacherOf.length) {
    or.push({ classId: { in: [...actor.classTeacherOf] } });
    or.push({ group: { classId: { in: [...actor.classTeacherOf] } } });
  }
  return or.length ? { AND: [school, { OR: or }] } : NOTHING;
}

/** Courses the actor teaches and so may write marks, attendance and homework for. */
export function writableCourses(actor: Actor): Prisma.CourseWhereInput {
  if (!actor.permissions.has('marks:write')) return NOTHING;
  return { schoolId: actor.schoolId, teachers: { some: { teacherId: actor.id } } };
}

/** Lessons the actor may write: of courses they teach, or lessons they substitute. */
export function writableLessons(actor: Actor): Prisma.LessonWhereInput {
  if (!actor.permissions.has('marks:write')) return NOTHING;
  return {
    schoolId: actor.schoolId,
    OR: [{ course: { teachers: { some: { teacherId: actor.id } } } }, { teacherId: actor.id, isSubstitution: true }],
  };
}

/**
 * writableLessons as an SQL condition on a lesson aliased `l`, for the raw query of the cell save
 * (the hottest write). Keep the two in step.
 */
export function writableLessonSql(actor: Actor): Prisma.Sql {
  if (!actor.permissions.has('marks:write')) return Prisma.sql`false`;
  return Prisma.sql`(l.school_id = ${actor.schoolId} AND (
    EXISTS (SELECT 1 FROM course_teachers ct WHERE ct.course_id = l.course_id AND ct.teacher_id = ${actor.id})
    OR (l.teacher_id = ${actor.id} AND l.is_substitution)))`;
}

/** Classes the actor may read as a whole (class teacher, management). */
export function readableClasses(actor: Actor): Prisma.SchoolClassWhereInput {
  if (actor.permissions.has('journal:read:school')) return { schoolId: actor.schoolId };
  if (actor.classTeacherOf.length) return { schoolId: actor.schoolId, id: { in: [...actor.classTeacherOf] } };
  return NOTHING;
}
