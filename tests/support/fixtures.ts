// Minimal rows for database tests, built through Prisma. `createSchoolFixture` makes one small
// school (a class of pupils with a teacher, one five-point course with a lesson) and returns the
// ids; the smaller builders add more of each kind to it.
//
//   const school = await createSchoolFixture(testDb());
//   const mark = await createMark(testDb(), school, { value: '5' });
import type { PrismaClient } from '../../lib/prisma-client';
import type { GradingScaleKind, Role } from '../../lib/generated/prisma/enums';
import { GRADING_SCALES } from '../../lib/domain/grading';
import { ROUNDING_PRESETS } from '../../lib/domain/rounding';

/** A date-only value (columns of type date) from 'YYYY-MM-DD'. */
export const day = (isoDate: string): Date => new Date(`${isoDate}T00:00:00Z`);

export type SchoolFixture = {
  schoolId: number;
  academicYearId: number;
  periodSchemeId: number;
  /** The first quarter of the year. */
  studyPeriodId: number;
  classId: number;
  subjectId: number;
  gradingScaleId: number;
  courseId: number;
  workTypeId: number;
  lessonId: number;
  adminId: number;
  teacherId: number;
  /** Pupils enrolled in the class from the first day of the year, open-ended. */
  studentIds: number[];
  /** Parent of the first pupil. */
  parentId: number;
};

let sequence = 0;
/** Unique within the process; each worker has its own database, so unique enough for logins. */
const nextId = () => `${process.pid}-${++sequence}`;

export async function createSchool(prisma: PrismaClient, name = 'Школа № 1'): Promise<number> {
  const school = await prisma.school.create({
    data: { name: `МБОУ «${name}»`, shortName: name, roundingPolicy: ROUNDING_PRESETS.standard },
  });
  return school.id;
}

/** A user holding `roles` (none: a pupil or parent without an account is still a user). */
export async function createUser(
  prisma: PrismaClient,
  schoolId: number,
  roles: Role[],
  data: { lastName?: string; firstName?: string; login?: string | null } = {},
): Promise<number> {
  const user = await prisma.user.create({
    data: {
      schoolId,
      login: data.login === undefined ? `user-${nextId()}` : data.login,
      lastName: data.lastName ?? 'Иванов',
      firstName: data.firstName ?? 'Иван',
      roles: { create: roles.map((role) => ({ schoolId, role })) },
    },
  });
  return user.id;
}

/** A grading scale of `kind` with the standard values (lib/domain/grading.ts). */
export async function createGradingScale(prisma: PrismaClient, schoolId: number, kind: GradingScaleKind): Promise<number> {
  const scale = GRADING_SCALES[kind];
  const row = await prisma.gradingScale.create({ data: { schoolId, kind, name: scale.label, values: [...scale.values] } });
  return row.id;
}

export async function createLesson(
  prisma: PrismaClient,
  fx: Pick<SchoolFixture, 'schoolId' | 'courseId' | 'teacherId'>,
  data: { date?: string; slot?: number; topic?: string } = {},
): Promise<number> {
  const lesson = await prisma.lesson.create({
    data: {
      schoolId: fx.schoolId,
      courseId: fx.courseId,
      teacherId: fx.teacherId,
      date: day(data.date ?? '2026-09-01'),
      slot: data.slot ?? 1,
      topic: data.topic ?? 'Вводный урок',
    },
  });
  return lesson.id;
}

/** A mark for a pupil (default: the first) in the fixture's lesson. */
export async function createMark(
  prisma: PrismaClient,
  fx: Pick<SchoolFixture, 'schoolId' | 'courseId' | 'lessonId' | 'workTypeId' | 'teacherId' | 'studentIds'>,
  data: { value: string; studentId?: number; lessonId?: number | null; position?: number },
): Promise<number> {
  const numeric = Number(data.value);
  const mark = await prisma.mark.create({
    data: {
      schoolId: fx.schoolId,
      courseId: fx.courseId,
      lessonId: data.lessonId === undefined ? fx.lessonId : data.lessonId,
      studentId: data.studentId ?? fx.studentIds[0],
      workTypeId: fx.workTypeId,
      value: data.value,
      numericValue: Number.isFinite(numeric) ? numeric : null,
      position: data.position ?? 0,
      createdById: fx.teacherId,
      updatedById: fx.teacherId,
    },
  });
  return mark.id;
}

/** Puts a pupil in a class from `from` to `to` (inclusive; open-ended when omitted). */
export async function enroll(
  prisma: PrismaClient,
  schoolId: number,
  studentId: number,
  classId: number,
  from: string,
  to?: string,
): Promise<number> {
  const enrollment = await prisma.enrollment.create({
    data: { schoolId, studentId, classId, startDate: day(from), endDate: to ? day(to) : null },
  });
  return enrollment.id;
}

/** One school with everything a journal entry needs; see SchoolFixture for what is in it. */
export async function createSchoolFixture(prisma: PrismaClient, options: { pupils?: number } = {}): Promise<SchoolFixture> {
  const schoolId = await createSchool(prisma);
  const academicYear = await prisma.academicYear.create({
    data: { schoolId, startYear: 2026, label: '2026/2027', startDate: day('2026-09-01'), endDate: day('2027-05-31') },
  });
  const academicYearId = academicYear.id;
  const scheme = await prisma.periodScheme.create({ data: { schoolId, name: 'Четверти', kind: 'QUARTERS' } });
  const period = await prisma.studyPeriod.create({
    data: {
      schoolId,
      academicYearId,
      schemeId: scheme.id,
      name: '1 четверть',
      ordinal: 1,
      startDate: day('2026-09-01'),
      endDate: day('2026-10-25'),
    },
  });

  const adminId = await createUser(prisma, schoolId, ['ADMIN'], { lastName: 'Админова', firstName: 'Анна' });
  const teacherId = await createUser(prisma, schoolId, ['TEACHER'], { lastName: 'Учителева', firstName: 'Мария' });
  const schoolClass = await prisma.schoolClass.create({
    data: { schoolId, academicYearId, gradeLevel: 5, letter: 'А', classTeacherId: teacherId, periodSchemeId: scheme.id },
  });
  const classId = schoolClass.id;

  const studentIds: number[] = [];
  for (let i = 1; i <= (options.pupils ?? 2); i++) {
    const studentId = await createUser(prisma, schoolId, ['STUDENT'], { lastName: `Ученик${i}`, firstName: 'Пётр' });
    await enroll(prisma, schoolId, studentId, classId, '2026-09-01');
    studentIds.push(studentId);
  }
  const parentId = await createUser(prisma, schoolId, ['PARENT'], { lastName: 'Ученик1', firstName: 'Ольга' });
  await prisma.guardianship.create({ data: { schoolId, parentId, studentId: studentIds[0], relation: 'мать' } });

  const subject = await prisma.subject.create({ data: { schoolId, name: 'Математика', shortName: 'Мат' } });
  const gradingScaleId = await createGradingScale(prisma, schoolId, 'FIVE_POINT');
  const course = await prisma.course.create({
    data: {
      schoolId,
      academicYearId,
      subjectId: subject.id,
      classId,
      gradingScaleId,
      teachers: { create: { schoolId, teacherId, isPrimary: true } },
    },
  });
  const workType = await prisma.workType.create({ data: { schoolId, name: 'Работа на уроке', shortName: 'Урок', weight: 1 } });
  const lessonId = await createLesson(prisma, { schoolId, courseId: course.id, teacherId });

  return {
    schoolId,
    academicYearId,
    periodSchemeId: scheme.id,
    studyPeriodId: period.id,
    classId,
    subjectId: subject.id,
    gradingScaleId,
    courseId: course.id,
    workTypeId: workType.id,
    lessonId,
    adminId,
    teacherId,
    studentIds,
    parentId,
  };
}

export type StreamFixture = {
  /** 5Б: a second class of the year with its own class teacher and pupils. */
  otherClassId: number;
  otherTeacherId: number;
  otherStudentIds: number[];
  /** Teaches the stream course only: class teacher of neither class. */
  streamTeacherId: number;
  subjectId: number;
  groupId: number;
  courseId: number;
  lessonId: number;
};

/**
 * A cross-class stream (учебный поток): a second class 5Б, and a physics course of a group with no
 * class whose members are `members` of the fixture's class (default: its first pupil) and the first
 * of 5Б's pupils, taught by a teacher of neither class, with one lesson on 2 September.
 */
export async function createStreamFixture(
  prisma: PrismaClient,
  fx: SchoolFixture,
  options: { members?: number[]; pupils?: number } = {},
): Promise<StreamFixture> {
  const { schoolId, academicYearId } = fx;
  const otherTeacherId = await createUser(prisma, schoolId, ['TEACHER'], { lastName: 'Классная', firstName: 'Бэлла' });
  const otherClass = await prisma.schoolClass.create({
    data: { schoolId, academicYearId, gradeLevel: 5, letter: 'Б', classTeacherId: otherTeacherId, periodSchemeId: fx.periodSchemeId },
  });
  const otherStudentIds: number[] = [];
  for (let i = 1; i <= (options.pupils ?? 1); i++) {
    const studentId = await createUser(prisma, schoolId, ['STUDENT'], { lastName: `Бэшкин${i}`, firstName: 'Борис' });
    await enroll(prisma, schoolId, studentId, otherClass.id, '2026-09-01');
    otherStudentIds.push(studentId);
  }
  const streamTeacherId = await createUser(prisma, schoolId, ['TEACHER'], { lastName: 'Физикова', firstName: 'Вера' });
  const subject = await prisma.subject.create({ data: { schoolId, name: 'Физика', shortName: 'Физ' } });
  const group = await prisma.studyGroup.create({ data: { schoolId, academicYearId, classId: null, kind: 'STREAM', name: 'Физика, профиль (5 классы)' } });
  const members = [...(options.members ?? [fx.studentIds[0]]), otherStudentIds[0]];
  await prisma.studyGroupMember.createMany({ data: members.map((studentId) => ({ schoolId, groupId: group.id, studentId })) });
  const course = await prisma.course.create({
    data: {
      schoolId, academicYearId, subjectId: subject.id, groupId: group.id, gradingScaleId: fx.gradingScaleId,
      teachers: { create: { schoolId, teacherId: streamTeacherId, isPrimary: true } },
    },
  });
  const lessonId = await createLesson(prisma, { schoolId, courseId: course.id, teacherId: streamTeacherId }, { date: '2026-09-02' });
  return { otherClassId: otherClass.id, otherTeacherId, otherStudentIds, streamTeacherId, subjectId: subject.id, groupId: group.id, courseId: course.id, lessonId };
}
