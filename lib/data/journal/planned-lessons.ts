// The timetabled lessons of a range of dates for the courses of a `where`, each with whether its
// lesson row exists (the teacher opened it in the journal) and who must fill it in. A lesson row
// is created only when a teacher opens the slot, so a lesson never opened exists only here.
// plannedSlots keeps the cancelled and moved-away ones too: the teacher's home lists today so.
//
// Two statements whatever the range: the caller's `courses` fragment (which decides access) picks
// the course ids, then one SQL statement brings their timetable, changes, lesson rows, terms and
// holidays, as the diary week does (diary/week-rows.ts). This runs on every teacher's home page,
// where Prisma's nested selects would have cost a dozen statements.
import 'server-only';
import { getDb } from '../../db';
import { sqlRows } from '../../sql';
import type { Prisma } from '../../prisma-client';
import type { ChangeInput, HeldLessonInput, TimetableSlotInput } from '../../domain/diary-day';
import { planRange, takesPlace, type CourseCalendar, type DatedPlannedLesson } from '../../domain/planned-lessons';
import { dbDate } from '../dates';
import { courseTitle } from '../names';

export type PlannedJournalLesson = {
  courseId: number;
  courseTitle: string;
  date: string;
  slot: number;
  /** A lesson row exists for the course, date and slot, whoever opened it. */
  opened: boolean;
  /** Who keeps its record: the recorded substitute, else the course's teachers (primary first). */
  teachers: { id: number; name: string }[];
};

type Person = { id: number; lastName: string; firstName: string };
type ClassRow = { gradeLevel: number; letter: string; periodSchemeId: number };
type CourseRow = {
  id: number;
  academicYearId: number;
  year: { startDate: string; endDate: string };
  subject: { name: string };
  schoolClass: ClassRow | null;
  group: { name: string; schoolClass: ClassRow | null } | null;
  teachers: Person[];
};
type ChangeRow = Omit<ChangeInput, 'substitute'> & { substitute: Person | null };
/** A lesson row: `teacherId` keeps its record (a substitute set in the lesson form is there). */
export type LessonRowRef = HeldLessonInput & { id: number; teacherId: number; isSubstitution: boolean };
type Rows = {
  courses: CourseRow[];
  entries: TimetableSlotInput[];
  changes: ChangeRow[];
  held: LessonRowRef[];
  terms: { schemeId: number; academicYearId: number; startDate: string; endDate: string }[];
  holidays: { name: string; startDate: string; endDate: string; gradeLevels: number[] | null }[];
};

const personName = (p: { lastName: string; firstName: string }) => `${p.lastName} ${p.firstName}`;

/** Lessons that take place (not cancelled, not moved away) from `from` to `to`, both inclusive. */
export async function plannedLessons(schoolId: number, courses: Prisma.CourseWhereInput, from: string, to: string): Promise<PlannedJournalLesson[]> {
  return (await plannedSlots(schoolId, courses, from, to)).filter(takesPlace).map((p) => ({
    courseId: p.courseId, courseTitle: p.courseTitle, date: p.date, slot: p.slot, opened: p.lesson !== null,
    teachers: p.substituteTeacher ? [p.substituteTeacher] : p.courseTeachers,
  }));
}

/** A planned slot as the diary plans it, whatever its status, with its course's title and teachers. */
export type PlannedSlot = DatedPlannedLesson<LessonRowRef> & {
  courseTitle: string;
  /** The course's teachers, primary first. */
  courseTeachers: { id: number; name: string }[];
  /** The substitute recorded on the timetable-change page (status `substitution`). */
  substituteTeacher: { id: number; name: string } | null;
};

/**
 * Every slot planned from `from` to `to` for the courses of the `where`, cancelled and moved
 * away included (the teacher's home shows them so marked), on the courses' own study days.
 */
export async function plannedSlots(schoolId: number, courses: Prisma.CourseWhereInput, from: string, to: string): Promise<PlannedSlot[]> {
  if (from > to) return [];
  const first = dbDate(from);
  const last = dbDate(to);
  const scoped = await getDb().course.findMany({
    where: {
      AND: [
        { schoolId },
        courses,
        {
          OR: [
            { timetable: { some: { validFrom: { lte: last }, OR: [{ validTo: null }, { validTo: { gte: first } }] } } },
            { changes: { some: { OR: [{ date: { gte: first, lte: last } }, { newDate: { gte: first, lte: last } }] } } },
          ],
        },
      ],
    },
    select: { id: true },
  });
  if (!scoped.length) return [];
  const rows = await loadRows(schoolId, scoped.map((c) => c.id), from, to);
  return plan(rows, from, to);
}

async function loadRows(schoolId: number, courseIds: number[], from: string, to: string): Promise<Rows> {
  const [row] = await sqlRows<Rows>`
    SELECT
      COALESCE((
        SELECT json_agg(json_build_object(
                 'id', c.id, 'academicYearId', c.academic_year_id,
                 'year', json_build_object('startDate', ay.start_date, 'endDate', ay.end_date),
                 'subject', json_build_object('name', s.name),
                 'schoolClass', CASE WHEN k.id IS NULL THEN NULL ELSE
                   json_build_object('gradeLevel', k.grade_level, 'letter', k.letter, 'periodSchemeId', k.period_scheme_id) END,
                 'group', CASE WHEN g.id IS NULL THEN NULL ELSE json_build_object('name', g.name, 'schoolClass', CASE WHEN gk.id IS NULL THEN NULL ELSE
                   json_build_object('gradeLevel', gk.grade_level, 'letter', gk.letter, 'periodSchemeId', gk.period_scheme_id) END) END,
                 'teachers', COALESCE((
                   SELECT json_agg(json_build_object('id', u.id, 'lastName', u.last_name, 'firstName', u.first_name) ORDER BY ct.is_primary DESC, ct.teacher_id)
                     FROM course_teachers ct JOIN users u ON u.id = ct.teacher_id
                    WHERE ct.school_id = ${schoolId} AND ct.course_id = c.id), '[]')))
          FROM courses c
          JOIN subjects s ON s.id = c.subject_id
          JOIN academic_years ay ON ay.id = c.academic_year_id
          LEFT JOIN school_classes k ON k.id = c.class_id
          LEFT JOIN study_groups g ON g.id = c.group_id
          LEFT JOIN school_classes gk ON gk.id = g.class_id
         WHERE c.school_id = ${schoolId} AND c.id = ANY(${courseIds}::int[])), '[]') AS courses,
      COALESCE((
        SELECT json_agg(json_build_object('courseId', te.course_id, 'weekday', te.weekday, 'slot', te.slot, 'room', te.room,
                                          'validFrom', te.valid_from, 'validTo', te.valid_to))
          FROM timetable_entries te
         WHERE te.school_id = ${schoolId} AND te.course_id = ANY(${courseIds}::int[])
           AND te.valid_from <= ${to}::date AND (te.valid_to IS NULL OR te.valid_to >= ${from}::date)), '[]') AS entries,
      COALESCE((
        -- planDay applies a day's changes in order: the latest recorded wins, as openLesson decides.
        SELECT json_agg(json_build_object('courseId', tc.course_id, 'date', tc.date, 'slot', tc.slot, 'kind', tc.kind,
                          'newDate', tc.new_date, 'newSlot', tc.new_slot, 'room', tc.room, 'reason', tc.reason,
                          'substitute', CASE WHEN u.id IS NULL THEN NULL ELSE
                            json_build_object('id', u.id, 'lastName', u.last_name, 'firstName', u.first_name) END)
                        ORDER BY tc.id)
          FROM timetable_changes tc LEFT JOIN users u ON u.id = tc.substitute_teacher_id
         WHERE tc.school_id = ${schoolId} AND tc.course_id = ANY(${courseIds}::int[])
           AND (tc.date BETWEEN ${from}::date AND ${to}::date OR tc.new_date BETWEEN ${from}::date AND ${to}::date)), '[]') AS changes,
      COALESCE((
        -- Whoever opened it: a co-teacher or a substitute opening the slot fills it too.
        SELECT json_agg(json_build_object('id', l.id, 'courseId', l.course_id, 'date', l.date, 'slot', l.slot, 'teacherId', l.teacher_id, 'isSubstitution', l.is_substitution))
          FROM lessons l
         WHERE l.school_id = ${schoolId} AND l.course_id = ANY(${courseIds}::int[])
           AND l.date BETWEEN ${from}::date AND ${to}::date), '[]') AS held,
      COALESCE((
        SELECT json_agg(json_build_object('schemeId', p.scheme_id, 'academicYearId', p.academic_year_id, 'startDate', p.start_date, 'endDate', p.end_date))
          FROM study_periods p
         WHERE p.school_id = ${schoolId} AND p.kind = 'TERM' AND p.start_date <= ${to}::date AND p.end_date >= ${from}::date), '[]') AS terms,
      COALESCE((
        SELECT json_agg(json_build_object('name', h.name, 'startDate', h.start_date, 'endDate', h.end_date, 'gradeLevels', h.grade_levels))
          FROM holidays h
         WHERE h.school_id = ${schoolId} AND h.start_date <= ${to}::date AND h.end_date >= ${from}::date), '[]') AS holidays`;
  return row;
}

function plan(rows: Rows, from: string, to: string): PlannedSlot[] {
  const holidays = rows.holidays.map((h) => ({ ...h, gradeLevels: h.gradeLevels ?? [] }));
  const calendars = new Map<number, CourseCalendar>();
  const courseById = new Map(rows.courses.map((c) => [c.id, c]));
  for (const c of rows.courses) {
    // A group course follows its class's calendar; a cross-class stream has no class.
    const klass = c.schoolClass ?? c.group?.schoolClass ?? null;
    calendars.set(c.id, {
      terms: klass ? rows.terms.filter((t) => t.schemeId === klass.periodSchemeId && t.academicYearId === c.academicYearId) : [],
      year: c.year,
      holidays,
      gradeLevel: klass?.gradeLevel,
    });
  }

  // The substitute of a slot by id (planDay keeps only a display name); the latest change wins.
  const substituteOf = new Map<string, { id: number; name: string }>();
  for (const c of rows.changes) {
    if (c.kind === 'SUBSTITUTION' && c.substitute) substituteOf.set(`${c.courseId}:${c.date}:${c.slot}`, { id: c.substitute.id, name: personName(c.substitute) });
  }
  const changes: ChangeInput[] = rows.changes.map((c) => ({ ...c, substitute: c.substitute ? personName(c.substitute) : null }));
  const planned = planRange(from, to, rows.entries, changes, rows.held, (courseId) => calendars.get(courseId));

  return planned.flatMap((p) => {
    const course = courseById.get(p.courseId);
    if (!course) return [];
    const substitute = p.status === 'substitution' ? substituteOf.get(`${p.courseId}:${p.date}:${p.slot}`) : undefined;
    return [{
      ...p,
      courseTitle: courseTitle(course),
      courseTeachers: course.teachers.map((t) => ({ id: t.id, name: personName(t) })),
      substituteTeacher: substitute ?? null,
    }];
  });
}
