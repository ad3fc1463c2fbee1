// The course-bound rows of a diary week in one statement: timetable rows valid in the week, the
// week's timetable changes (and lessons moved into it), the lessons held with the class
// homework, the pupil's own homework and the pupil's attendance, homework due in the week, and what
// was announced in slots whose lessons were moved into the week. Runs with the pupil and the
// course ids of loadDiaryStudent, i.e. behind the scoped gate query.
import 'server-only';
import { sqlRows } from '../../sql';
import type { Actor } from '../../auth/actor';
import type { ChangeInput, TimetableSlotInput } from '../../domain/diary-day';
import { shortPersonName, type LessonKindName } from '../../domain/diary-format';
import type { AttendanceCodeName } from '../../domain/diary-marks';
import type { DiaryStudent } from './context';

export type WeekHomework = {
  id: number;
  text: string;
  dueDate: string | null;
  /** Given to this pupil alone (индивидуальное задание). */
  individual: boolean;
  attachments: { id: number; fileName: string; size: number }[];
};

export type WeekLessonRow = {
  id: number;
  courseId: number;
  date: string;
  slot: number;
  topic: string | null;
  kind: LessonKindName;
  plannedTest: boolean;
  /** Who taught it, «Петрова А. И.»; differs from the course teacher on a substitution. */
  teacher: string;
  isSubstitution: boolean;
  /** The teacher recorded «домашнее задание не задано». */
  noHomework: boolean;
  /** Marks or absences were entered: the lesson took place, whatever the timetable change says. */
  held: boolean;
  homework: WeekHomework[];
  attendance: { code: AttendanceCodeName; comment: string | null } | null;
};

/** Homework given earlier and due on a day of the week, shown at that day's lesson («к уроку»). */
export type DueHomework = WeekHomework & { courseId: number; dueDate: string; givenOn: string };

/**
 * A row opened in advance (a test announced) in a slot whose lesson was moved into the week and
 * never held there: what it announced goes with the lesson to its new day.
 */
export type AnnouncedLesson = { courseId: number; date: string; slot: number; topic: string | null; kind: LessonKindName; plannedTest: boolean };

/** Homework due in the week is looked for among lessons of the four weeks before it. */
export const DUE_LOOKBACK_DAYS = 28;

export type WeekRows = { entries: TimetableSlotInput[]; changes: ChangeInput[]; lessons: WeekLessonRow[]; due: DueHomework[]; announced: AnnouncedLesson[] };

type Name = { lastName: string; firstName: string; middleName: string | null };
type RawChange = Omit<ChangeInput, 'substitute'> & { substitute: Name | null };
type RawLesson = Omit<WeekLessonRow, 'teacher'> & { teacher: Name };
type Row = { entries: TimetableSlotInput[]; changes: RawChange[]; lessons: RawLesson[]; due: DueHomework[]; announced: AnnouncedLesson[] };

export async function loadWeekRows(actor: Actor, student: DiaryStudent, monday: string, sunday: string): Promise<WeekRows> {
  // A group left has no lessons in the pupil's week (its marks are listed with the day's others).
  const courseIds = [...student.courses.values()].filter((c) => !c.former).map((c) => c.id);
  if (!courseIds.length) return { entries: [], changes: [], lessons: [], due: [], announced: [] };
  const schoolId = actor.schoolId;
  const timezone = student.school.timezone;
  const [row] = await sqlRows<Row>`
    -- The week's lessons moved in from another day: read once, used by \`due\` and \`announced\`.
    WITH moved AS (
      SELECT tc.course_id, tc.date, tc.slot FROM timetable_changes tc
       WHERE tc.school_id = ${schoolId} AND tc.course_id = ANY(${courseIds}::int[]) AND tc.kind = 'MOVED'
         AND tc.new_date BETWEEN ${monday}::date AND ${sunday}::date
    )
    SELECT
      COALESCE((
        SELECT json_agg(json_build_object('courseId', te.course_id, 'weekday', te.weekday, 'slot', te.slot, 'room', te.room,
                                          'validFrom', te.valid_from, 'validTo', te.valid_to))
          FROM timetable_entries te
         WHERE te.school_id = ${schoolId} AND te.course_id = ANY(${courseIds}::int[])
           AND te.valid_from <= ${sunday}::date AND (te.valid_to IS NULL OR te.valid_to >= ${monday}::date)), '[]') AS entries,
      COALESCE((
        SELECT json_agg(json_build_object('courseId', tc.course_id, 'date', tc.date, 'slot', tc.slot, 'kind', tc.kind,
                          'newDate', tc.new_date, 'newSlot', tc.new_slot, 'room', tc.room, 'reason', tc.reason,
                          'substitute', CASE WHEN u.id IS NULL THEN NULL ELSE
                            json_build_object('lastName', u.last_name, 'firstName', u.first_name, 'middleName', u.middle_name) END)
                        ORDER BY tc.created_at)
          FROM timetable_changes tc LEFT JOIN users u ON u.id = tc.substitute_teacher_id
         WHERE tc.school_id = ${schoolId} AND tc.course_id = ANY(${courseIds}::int[])
           AND (tc.date BETWEEN ${monday}::date AND ${sunday}::date OR tc.new_date BETWEEN ${monday}::date AND ${sunday}::date)), '[]') AS changes,
      COALESCE((
        SELECT json_agg(json_build_object(
                 'id', l.id, 'courseId', l.course_id, 'date', l.date, 'slot', l.slot, 'topic', l.topic, 'kind', l.lesson_kind,
                 'plannedTest', l.planned_test, 'isSubstitution', l.is_substitution, 'noHomework', l.no_homework_at IS NOT NULL,
                 -- Marks and absences are taken from the lesson's day on, and a topic written on or
                 -- after that day (on the school's clock) is the lesson's record: each shows it was held.
                 'held', l.attendance_entered_at IS NOT NULL OR EXISTS (SELECT 1 FROM marks mk WHERE mk.lesson_id = l.id)
                         OR EXISTS (SELECT 1 FROM attendance ak WHERE ak.lesson_id = l.id)
                         OR COALESCE(((l.topic_entered_at AT TIME ZONE 'UTC') AT TIME ZONE ${timezone})::date >= l.date, false),
                 'teacher', json_build_object('lastName', t.last_name, 'firstName', t.first_name, 'middleName', t.middle_name),
                 'homework', COALESCE((
                   SELECT json_agg(json_build_object('id', h.id, 'text', h.text, 'dueDate', h.due_date, 'individual', h.student_id IS NOT NULL,
                            'attachments', COALESCE((SELECT json_agg(json_build_object('id', a.id, 'fileName', a.file_name, 'size', a.size) ORDER BY a.id)
                                                       FROM homework_attachments a WHERE a.school_id = ${schoolId} AND a.homework_id = h.id), '[]'))
                          ORDER BY h.student_id NULLS FIRST, h.id)
                     FROM homework h WHERE h.school_id = ${schoolId} AND h.lesson_id = l.id AND (h.student_id IS NULL OR h.student_id = ${student.id})), '[]'),
                 'attendance', (SELECT json_build_object('code', at.code, 'comment', at.comment)
                                  FROM attendance at WHERE at.lesson_id = l.id AND at.student_id = ${student.id})))
          FROM lessons l JOIN users t ON t.id = l.teacher_id
         WHERE l.school_id = ${schoolId} AND l.course_id = ANY(${courseIds}::int[])
           AND l.date BETWEEN ${monday}::date AND ${sunday}::date), '[]') AS lessons,
      COALESCE((
        SELECT json_agg(json_build_object('id', h.id, 'courseId', l.course_id, 'text', h.text, 'dueDate', h.due_date, 'givenOn', l.date,
                          'individual', h.student_id IS NOT NULL, 'attachments', '[]'::json) ORDER BY h.id)
          FROM lessons l
          -- Per lesson by index (OFFSET 0 keeps it so): as a join the planner scanned all the
          -- school's homework for its due dates, which grows with every week of the year.
          CROSS JOIN LATERAL (
            SELECT h.id, h.text, h.due_date, h.student_id FROM homework h
             WHERE h.school_id = ${schoolId} AND h.lesson_id = l.id
               -- Due in the week, or on the old day of a lesson moved into it (it brings its homework along).
               AND (h.due_date BETWEEN ${monday}::date AND ${sunday}::date
                    OR (l.course_id, h.due_date) IN (SELECT course_id, date FROM moved))
               AND (h.student_id IS NULL OR h.student_id = ${student.id})
            OFFSET 0) h
         WHERE l.school_id = ${schoolId} AND l.course_id = ANY(${courseIds}::int[])
           AND l.date BETWEEN ${monday}::date - ${DUE_LOOKBACK_DAYS}::int AND ${sunday}::date), '[]') AS due,
      COALESCE((
        SELECT json_agg(json_build_object('courseId', l.course_id, 'date', l.date, 'slot', l.slot, 'topic', l.topic,
                                          'kind', l.lesson_kind, 'plannedTest', l.planned_test))
          FROM moved tc
          JOIN lessons l ON l.course_id = tc.course_id AND l.date = tc.date AND l.slot = tc.slot AND l.school_id = ${schoolId}
         WHERE l.attendance_entered_at IS NULL AND NOT EXISTS (SELECT 1 FROM marks mk WHERE mk.lesson_id = l.id)
           AND NOT EXISTS (SELECT 1 FROM attendance ak WHERE ak.lesson_id = l.id)
           AND (l.topic_entered_at IS NULL OR ((l.topic_entered_at AT TIME ZONE 'UTC') AT TIME ZONE ${timezone})::date < l.date)), '[]') AS announced`;
  return {
    entries: row.entries,
    changes: row.changes.map((c) => ({ ...c, substitute: c.substitute ? shortPersonName(c.substitute) : null })),
    lessons: row.lessons.map((l) => ({ ...l, teacher: shortPersonName(l.teacher) })),
    due: row.due,
    announced: row.announced,
  };
}
