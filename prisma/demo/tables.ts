// Column lists of the big tables for copyRows (property → SQL column → type). Columns left out get
// their database defaults (version = 1, session_version = 1…); updated_at has none (Prisma fills
// @updatedAt on the client), so it is always listed.
import type { ColumnSpec } from './bulk';

const school: ColumnSpec = ['schoolId', 'school_id', 'int'];
const created: ColumnSpec = ['createdAt', 'created_at', 'timestamp'];
const updated: ColumnSpec = ['updatedAt', 'updated_at', 'timestamp'];

export const USERS: readonly ColumnSpec[] = [
  school,
  ['login', 'login', 'text'],
  ['passwordHash', 'password_hash', 'text'],
  ['lastName', 'last_name', 'text'],
  ['firstName', 'first_name', 'text'],
  ['middleName', 'middle_name', 'text'],
  ['birthDate', 'birth_date', 'date'],
  ['email', 'email', 'text'],
  ['phone', 'phone', 'text'],
  ['active', 'active', 'bool'],
  created,
  updated,
];

export const USER_ROLES: readonly ColumnSpec[] = [school, ['userId', 'user_id', 'int'], ['role', 'role', '"Role"']];

export const PLANNED_TOPICS: readonly ColumnSpec[] = [
  school,
  ['courseId', 'course_id', 'int'],
  ['ordinal', 'ordinal', 'int'],
  ['title', 'title', 'text'],
  ['hours', 'hours', 'int'],
  ['lessonKind', 'lesson_kind', '"LessonKind"'],
];

export const LESSONS: readonly ColumnSpec[] = [
  school,
  ['courseId', 'course_id', 'int'],
  ['date', 'date', 'date'],
  ['slot', 'slot', 'int'],
  ['topic', 'topic', 'text'],
  ['lessonKind', 'lesson_kind', '"LessonKind"'],
  ['plannedTest', 'planned_test', 'bool'],
  ['plannedTopicId', 'planned_topic_id', 'int'],
  ['teacherId', 'teacher_id', 'int'],
  ['isSubstitution', 'is_substitution', 'bool'],
  ['topicEnteredAt', 'topic_entered_at', 'timestamp'],
  ['attendanceEnteredAt', 'attendance_entered_at', 'timestamp'],
  created,
  updated,
];

export const MARKS: readonly ColumnSpec[] = [
  school,
  ['studentId', 'student_id', 'int'],
  ['courseId', 'course_id', 'int'],
  ['lessonId', 'lesson_id', 'int'],
  ['position', 'position', 'int'],
  ['workTypeId', 'work_type_id', 'int'],
  ['value', 'value', 'text'],
  ['numericValue', 'numeric_value', 'float8'],
  ['comment', 'comment', 'text'],
  ['createdById', 'created_by_id', 'int'],
  ['updatedById', 'updated_by_id', 'int'],
  created,
  updated,
];

export const ATTENDANCE: readonly ColumnSpec[] = [
  school,
  ['studentId', 'student_id', 'int'],
  ['lessonId', 'lesson_id', 'int'],
  ['code', 'code', '"AttendanceCode"'],
  ['comment', 'comment', 'text'],
  ['createdById', 'created_by_id', 'int'],
  ['updatedById', 'updated_by_id', 'int'],
  created,
  updated,
];

export const HOMEWORK: readonly ColumnSpec[] = [
  school,
  ['lessonId', 'lesson_id', 'int'],
  ['studentId', 'student_id', 'int'],
  ['text', 'text', 'text'],
  ['dueDate', 'due_date', 'date'],
  ['createdById', 'created_by_id', 'int'],
  created,
  updated,
];

export const FINAL_MARKS: readonly ColumnSpec[] = [
  school,
  ['studentId', 'student_id', 'int'],
  ['courseId', 'course_id', 'int'],
  ['periodId', 'period_id', 'int'],
  ['value', 'value', 'text'],
  ['special', 'special', '"FinalMarkSpecial"'],
  ['deferredUntil', 'deferred_until', 'date'],
  ['deferralReason', 'deferral_reason', 'text'],
  ['status', 'status', '"FinalMarkStatus"'],
  ['publishedAt', 'published_at', 'timestamp'],
  ['visibleFrom', 'visible_from', 'timestamp'],
  ['createdById', 'created_by_id', 'int'],
  ['updatedById', 'updated_by_id', 'int'],
  created,
  updated,
];

export const DIARY_VISITS: readonly ColumnSpec[] = [school, ['userId', 'user_id', 'int'], ['studentId', 'student_id', 'int'], ['date', 'date', 'date']];
