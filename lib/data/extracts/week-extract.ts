// One pupil's weekly extract: checks the right to print it, then reads the week through
// diaryWeek, the same function behind the diary's week view, so paper and screen agree.
import 'server-only';
import { getDb } from '../../db';
import { fullName, type Actor } from '../../auth/actor';
import type { Permission } from '../../auth/permissions';
import { toSchoolDate } from '../../domain/timezone';
import type { WeekExtract } from '../../pdf/extract-model';
import { closedDiary } from '../diary/closed';
import { diaryWeek } from '../diary/week';
import { lateEntries } from '../late-entries';
import { printableStudents, readerForPrinting } from './access';
import { REFUSALS, type Outcome } from './errors';
import { extractFromDiaryWeek } from './from-diary-week';
import { parseWeek } from './params';
import { deliversPaper, recordPrints } from './printed';

/** The class teacher's full name, for the signature line. */
export async function classTeacherName(schoolId: number, classId: number | null): Promise<string | null> {
  if (classId === null) return null;
  const row = await getDb().schoolClass.findFirst({ where: { id: classId, schoolId }, select: { classTeacher: { select: { lastName: true, firstName: true, middleName: true } } } });
  return row?.classTeacher ? fullName(row.classTeacher) : null;
}

/**
 * The printed extract: the week, and the entries of earlier weeks recorded since the previous
 * printed extract (printed.ts), read while the week is. `since` is that print's moment, or null.
 */
export async function readPrintedExtract(reader: Actor, studentId: number, monday: string, since: Promise<Date | null>, teacherName: (classId: number | null) => Promise<string | null>, now: Date): Promise<WeekExtract | null> {
  const school = { id: reader.schoolId, timezone: reader.timeZone };
  const late = since.then((from) => (from ? lateEntries(school, studentId, monday, from, now) : []));
  const [extract, entries] = await Promise.all([readExtract(reader, studentId, monday, teacherName, now), late]);
  return extract && { ...extract, late: entries };
}

/** Reads one extract for a reader already allowed to print it. */
export async function readExtract(reader: Actor, studentId: number, monday: string, teacherName: (classId: number | null) => Promise<string | null>, now: Date): Promise<WeekExtract | null> {
  const week = await diaryWeek(reader, studentId, monday, now);
  if (!week) return null;
  return extractFromDiaryWeek(week, { classTeacherName: await teacherName(week.student.classId) });
}

/** Rights under which the school's pupils are visible anyway (journals, the user list). */
const ROSTER_PERMISSIONS: Permission[] = ['journal:read:own', 'journal:read:school', 'users:read'];

export async function loadWeekExtract(actor: Actor, studentId: number, rawWeek: string | null, now = new Date()): Promise<Outcome<{ extract: WeekExtract }>> {
  const db = getDb();
  // The week first: a class teacher's right depends on it. A malformed or future week is refused
  // alike for every pupil id, so the answer tells nothing about the pupil.
  const week = parseWeek(rawWeek, toSchoolDate(now, actor.timeZone));
  if (!week.ok) return week;
  // The right to print, with the pupil's class teachers (for the signature line).
  const allowed = await db.user.findFirst({
    where: { AND: [{ id: studentId }, printableStudents(actor, week.monday)] },
    select: { enrollments: { select: { classId: true, schoolClass: { select: { classTeacher: { select: { lastName: true, firstName: true, middleName: true } } } } } } },
  });
  if (!allowed) {
    // A parent whose own child's diary the family's refusal closed is told so.
    if (actor.permissions.has('diary:read:children') && (await closedDiary(actor, studentId))) return REFUSALS.diaryClosed;
    // Staff, who see the school's pupils anyway, and a pupil asking for themself are told why;
    // a family is told «not found» for any other child, so ids cannot map out the school.
    const knowsPupils = studentId === actor.id || ROSTER_PERMISSIONS.some((p) => actor.permissions.has(p));
    if (!knowsPupils) return REFUSALS.pupilNotFound;
    const exists = await db.user.count({ where: { id: studentId, schoolId: actor.schoolId, roles: { some: { role: 'STUDENT' } } } });
    return exists ? REFUSALS.pupilDenied : REFUSALS.pupilNotFound;
  }
  const teachers = new Map(allowed.enrollments.map((e) => [e.classId, e.schoolClass.classTeacher ? fullName(e.schoolClass.classTeacher) : null]));
  const teacherOf = async (classId: number | null) => (classId === null ? null : (teachers.get(classId) ?? null));
  // Recorded once allowed, before it is drawn, like the route's audit row: should the drawing
  // fail, printing the week again carries the same section (printed.ts).
  const delivered = deliversPaper(actor, { classIds: allowed.enrollments.map((e) => e.classId) });
  const since = recordPrints(actor.schoolId, actor.id, [studentId], week.monday, now, delivered).then((m) => m.get(studentId) ?? null);
  const extract = await readPrintedExtract(readerForPrinting(actor), studentId, week.monday, since, teacherOf, now);
  return extract ? { ok: true, extract } : REFUSALS.pupilNotFound;
}
