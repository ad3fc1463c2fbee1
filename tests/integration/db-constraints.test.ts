// The rules the database itself enforces, whatever code writes to it (constraints migration,
// unique keys and foreign keys of the schema). Each refused write must leave the data as it was.
import { beforeEach, describe, expect, it } from 'vitest';
import { refusedBy, resetDb, testDb } from '../support/db';
import { createMark, createSchoolFixture, createUser, day, enroll, type SchoolFixture } from '../support/fixtures';

const UNIQUE_VIOLATION = '23505';
const FOREIGN_KEY_VIOLATION = '23503';
/** What ON DELETE RESTRICT reports on newer PostgreSQL (17+, PGlite) instead of 23503. */
const RESTRICT_VIOLATION = '23001';
const REFERENCED = [FOREIGN_KEY_VIOLATION, RESTRICT_VIOLATION];
const CHECK_VIOLATION = '23514';
const EXCLUSION_VIOLATION = '23P01';
const INSUFFICIENT_PRIVILEGE = '42501';

const db = testDb();
let fx: SchoolFixture;

beforeEach(async () => {
  await resetDb();
  fx = await createSchoolFixture(db);
});

describe('attendance', () => {
  const absent = (studentId: number) => ({
    schoolId: fx.schoolId,
    lessonId: fx.lessonId,
    studentId,
    code: 'ABSENT' as const,
    createdById: fx.teacherId,
    updatedById: fx.teacherId,
  });

  it('keeps one record per pupil per lesson', async () => {
    await db.attendance.create({ data: absent(fx.studentIds[0]) });
    expect(await refusedBy(db.attendance.create({ data: { ...absent(fx.studentIds[0]), code: 'LATE' } }))).toBe(UNIQUE_VIOLATION);
    expect(await db.attendance.findMany({ select: { studentId: true, code: true } })).toEqual([{ studentId: fx.studentIds[0], code: 'ABSENT' }]);

    await db.attendance.create({ data: absent(fx.studentIds[1]) });
    expect(await db.attendance.count()).toBe(2);
  });
});

describe('mark values', () => {
  it('accepts only values of the course’s grading scale', async () => {
    expect(await refusedBy(createMark(db, fx, { value: '6' }))).toBe(CHECK_VIOLATION);
    expect(await refusedBy(createMark(db, fx, { value: 'зач' }))).toBe(CHECK_VIOLATION);
    expect(await refusedBy(createMark(db, fx, { value: '' }))).toBe(CHECK_VIOLATION);
    expect(await db.mark.count()).toBe(0);

    const markId = await createMark(db, fx, { value: '5' });
    expect(await db.mark.count()).toBe(1);

    expect(await refusedBy(db.mark.update({ where: { id: markId }, data: { value: '7' } }))).toBe(CHECK_VIOLATION);
    expect(await db.mark.findUniqueOrThrow({ where: { id: markId } })).toMatchObject({ value: '5' });

    await db.mark.update({ where: { id: markId }, data: { value: '4' } });
    expect(await db.mark.findUniqueOrThrow({ where: { id: markId } })).toMatchObject({ value: '4' });
  });

  it('checks final marks against the scale too', async () => {
    const finalMark = (value: string) => ({
      schoolId: fx.schoolId,
      studentId: fx.studentIds[0],
      courseId: fx.courseId,
      periodId: fx.studyPeriodId,
      value,
      createdById: fx.teacherId,
      updatedById: fx.teacherId,
    });
    expect(await refusedBy(db.finalMark.create({ data: finalMark('6') }))).toBe(CHECK_VIOLATION);
    expect(await db.finalMark.count()).toBe(0);
    await db.finalMark.create({ data: finalMark('5') });
    expect(await db.finalMark.count()).toBe(1);
  });
});

describe('enrollments', () => {
  let pupilId: number;
  let otherClassId: number;

  beforeEach(async () => {
    pupilId = await createUser(db, fx.schoolId, ['STUDENT'], { lastName: 'Переводов', firstName: 'Илья' });
    const other = await db.schoolClass.create({
      data: { schoolId: fx.schoolId, academicYearId: fx.academicYearId, gradeLevel: 5, letter: 'Б', periodSchemeId: fx.periodSchemeId },
    });
    otherClassId = other.id;
  });

  const enrollmentsOf = (studentId: number) =>
    db.enrollment.findMany({ where: { studentId }, orderBy: { startDate: 'asc' }, select: { classId: true, startDate: true, endDate: true } });

  it('refuses a pupil in two classes at once', async () => {
    await enroll(db, fx.schoolId, pupilId, fx.classId, '2026-09-01', '2026-12-31');
    const before = await enrollmentsOf(pupilId);

    expect(await refusedBy(enroll(db, fx.schoolId, pupilId, otherClassId, '2026-12-01', '2027-05-31'))).toBe(EXCLUSION_VIOLATION);
    // Both ends count: a transfer on the last day of the first enrollment is still an overlap.
    expect(await refusedBy(enroll(db, fx.schoolId, pupilId, otherClassId, '2026-12-31'))).toBe(EXCLUSION_VIOLATION);
    // An enrollment that contains the existing one.
    expect(await refusedBy(enroll(db, fx.schoolId, pupilId, otherClassId, '2026-08-01', '2027-01-31'))).toBe(EXCLUSION_VIOLATION);
    expect(await enrollmentsOf(pupilId)).toEqual(before);
  });

  it('accepts a transfer starting the day after the previous enrollment ends', async () => {
    await enroll(db, fx.schoolId, pupilId, fx.classId, '2026-09-01', '2026-12-31');
    await enroll(db, fx.schoolId, pupilId, otherClassId, '2027-01-01');
    expect(await enrollmentsOf(pupilId)).toEqual([
      { classId: fx.classId, startDate: day('2026-09-01'), endDate: day('2026-12-31') },
      { classId: otherClassId, startDate: day('2027-01-01'), endDate: null },
    ]);
  });

  it('treats an open-ended enrollment as lasting for ever', async () => {
    await enroll(db, fx.schoolId, pupilId, fx.classId, '2026-09-01');
    expect(await refusedBy(enroll(db, fx.schoolId, pupilId, otherClassId, '2027-03-01', '2027-05-31'))).toBe(EXCLUSION_VIOLATION);
    expect(await refusedBy(enroll(db, fx.schoolId, pupilId, otherClassId, '2028-09-01'))).toBe(EXCLUSION_VIOLATION);
    expect(await enrollmentsOf(pupilId)).toHaveLength(1);
  });

  it('refuses an update that makes enrollments overlap', async () => {
    const first = await enroll(db, fx.schoolId, pupilId, fx.classId, '2026-09-01', '2026-12-31');
    await enroll(db, fx.schoolId, pupilId, otherClassId, '2027-01-01');
    expect(await refusedBy(db.enrollment.update({ where: { id: first }, data: { endDate: null } }))).toBe(EXCLUSION_VIOLATION);
    expect(await db.enrollment.findUniqueOrThrow({ where: { id: first } })).toMatchObject({ endDate: day('2026-12-31') });
  });

  it('lets different pupils share dates', async () => {
    // The fixture's pupils are enrolled in the class open-ended; another pupil may join them.
    await enroll(db, fx.schoolId, pupilId, fx.classId, '2026-09-01');
    expect(await db.enrollment.count({ where: { classId: fx.classId } })).toBe(fx.studentIds.length + 1);
  });
});

describe('marks are never deleted along with something else', () => {
  it('refuses to delete a lesson that has marks', async () => {
    await createMark(db, fx, { value: '5' });
    expect(REFERENCED).toContain(await refusedBy(db.lesson.delete({ where: { id: fx.lessonId } })));
    expect(await db.lesson.count({ where: { id: fx.lessonId } })).toBe(1);
    expect(await db.mark.count()).toBe(1);
  });

  it('refuses to delete a pupil who has marks, and keeps everything of theirs', async () => {
    const pupilId = fx.studentIds[0];
    await createMark(db, fx, { value: '4', studentId: pupilId });
    const enrollmentsBefore = await db.enrollment.count({ where: { studentId: pupilId } });

    expect(REFERENCED).toContain(await refusedBy(db.user.delete({ where: { id: pupilId } })));
    expect(await db.user.count({ where: { id: pupilId } })).toBe(1);
    expect(await db.mark.count({ where: { studentId: pupilId } })).toBe(1);
    expect(await db.enrollment.count({ where: { studentId: pupilId } })).toBe(enrollmentsBefore);
    expect(await db.guardianship.count({ where: { studentId: pupilId } })).toBe(1);
  });

  it('keeps marks when a teacher is taken off the course', async () => {
    await createMark(db, fx, { value: '5', studentId: fx.studentIds[0] });
    await createMark(db, fx, { value: '3', studentId: fx.studentIds[1] });
    const before = await db.mark.findMany({ orderBy: { id: 'asc' } });

    await db.courseTeacher.delete({ where: { courseId_teacherId: { courseId: fx.courseId, teacherId: fx.teacherId } } });
    expect(await db.courseTeacher.count({ where: { courseId: fx.courseId } })).toBe(0);
    expect(await db.mark.findMany({ orderBy: { id: 'asc' } })).toEqual(before);
  });
});

describe('school settings', () => {
  const settings = () => db.school.findUniqueOrThrow({ where: { id: fx.schoolId }, select: { resultVisibilityHours: true, markEntryDays: true, homeworkGraceMinutes: true, forecastDayOfMonth: true, schoolDaysPerWeek: true } });

  it("hold the settings form's limits (results within 72 h, marks within 7 days, homework within 120 min), whatever writes them", async () => {
    const before = await settings();
    for (const beyond of [
      'result_visibility_hours = 73', 'result_visibility_hours = -1', 'mark_entry_days = 8', 'mark_entry_days = 0',
      'homework_grace_minutes = 121', 'homework_grace_minutes = -1', 'forecast_day_of_month = 29', 'school_days_per_week = 7',
    ]) {
      expect(await refusedBy(db.$executeRawUnsafe(`UPDATE schools SET ${beyond} WHERE id = $1`, fx.schoolId)), beyond).toBe(CHECK_VIOLATION);
    }
    expect(await settings()).toEqual(before);
    // The limits themselves are allowed.
    await db.$executeRaw`UPDATE schools SET result_visibility_hours = 72, mark_entry_days = 7, homework_grace_minutes = 120 WHERE id = ${fx.schoolId}`;
    expect(await settings()).toMatchObject({ resultVisibilityHours: 72, markEntryDays: 7, homeworkGraceMinutes: 120 });
  });
});

describe('audit log', () => {
  it('is append-only: rows cannot be changed or removed', async () => {
    const entry = await db.auditLog.create({
      data: { schoolId: fx.schoolId, actorId: fx.teacherId, action: 'mark.create', entityType: 'Mark', entityId: '1', newValue: { value: '5' } },
    });
    await db.auditLog.create({ data: { schoolId: fx.schoolId, action: 'auth.login.failure', ip: '127.0.0.1' } });
    const before = await db.auditLog.findMany({ orderBy: { id: 'asc' } });

    expect(await refusedBy(db.auditLog.update({ where: { id: entry.id }, data: { action: 'mark.delete' } }))).toBe(INSUFFICIENT_PRIVILEGE);
    expect(await refusedBy(db.auditLog.updateMany({ data: { newValue: { value: '2' } } }))).toBe(INSUFFICIENT_PRIVILEGE);
    expect(await refusedBy(db.auditLog.delete({ where: { id: entry.id } }))).toBe(INSUFFICIENT_PRIVILEGE);
    expect(await refusedBy(db.auditLog.deleteMany())).toBe(INSUFFICIENT_PRIVILEGE);
    expect(await refusedBy(db.$executeRawUnsafe('DELETE FROM audit_log'))).toBe(INSUFFICIENT_PRIVILEGE);
    expect(await refusedBy(db.$executeRawUnsafe('TRUNCATE audit_log'))).toBe(INSUFFICIENT_PRIVILEGE);

    expect(await db.auditLog.findMany({ orderBy: { id: 'asc' } })).toEqual(before);
  });
});

describe('courses', () => {
  it('belong to a class or to a group, never both and never neither', async () => {
    const group = await db.studyGroup.create({
      data: { schoolId: fx.schoolId, academicYearId: fx.academicYearId, classId: fx.classId, kind: 'SUBGROUP', name: 'Группа 1' },
    });
    const course = (target: { classId?: number; groupId?: number }) => ({
      schoolId: fx.schoolId,
      academicYearId: fx.academicYearId,
      subjectId: fx.subjectId,
      gradingScaleId: fx.gradingScaleId,
      ...target,
    });
    const before = await db.course.count();

    expect(await refusedBy(db.course.create({ data: course({ classId: fx.classId, groupId: group.id }) }))).toBe(CHECK_VIOLATION);
    expect(await refusedBy(db.course.create({ data: course({}) }))).toBe(CHECK_VIOLATION);
    expect(await db.course.count()).toBe(before);

    await db.course.create({ data: course({ groupId: group.id }) });
    expect(await db.course.count()).toBe(before + 1);
    expect(await refusedBy(db.course.update({ where: { id: fx.courseId }, data: { groupId: group.id } }))).toBe(CHECK_VIOLATION);
  });
});

describe('final marks', () => {
  const finalMark = (content: { value?: string; special?: 'NOT_ATTESTED' | 'EXEMPT' | 'PASSED'; deferredUntil?: Date }, studentIndex = 0) => ({
    schoolId: fx.schoolId,
    studentId: fx.studentIds[studentIndex],
    courseId: fx.courseId,
    periodId: fx.studyPeriodId,
    createdById: fx.teacherId,
    updatedById: fx.teacherId,
    ...content,
  });

  it('must say something: a value, a special value or a deferral', async () => {
    expect(await refusedBy(db.finalMark.create({ data: finalMark({}) }))).toBe(CHECK_VIOLATION);
    expect(await refusedBy(db.finalMark.create({ data: finalMark({ value: '5', special: 'EXEMPT' }) }))).toBe(CHECK_VIOLATION);
    expect(await db.finalMark.count()).toBe(0);

    await db.finalMark.create({ data: finalMark({ special: 'NOT_ATTESTED' }, 0) });
    await db.finalMark.create({ data: finalMark({ deferredUntil: day('2026-11-15') }, 1) });
    expect(await db.finalMark.count()).toBe(2);
  });
});
