// The SQL twins of lib/data/scope-sql.ts against the Prisma scopes they copy (scope.ts):
// readableDiaryPupil (the diary's gate) against readableDiaries, and isCourseReadable (the
// journal's gate) against readableCourses. For every identity of the authorization world and every
// pupil or course of both schools, the twin admits exactly what the Prisma scope returns.
// Teaching duties count in the current academic years only: the world gets last year's class 4Б
// (S2 in it, led by the class teacher, a course taught by the teacher), which must give neither
// of them S2 now, and a class of next year, which its class teacher prepares already.
import { beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { testDb } from '../support/db';
import { actorFor } from '../support/actors';
import { buildWorld, SIGNED_IN, type World } from '../support/authz-world';
import { readableDiaries, readableCourses } from '@/lib/data/scope';
import { readableDiaryPupil, isCourseReadable } from '@/lib/data/scope-sql';
import { loadActor } from '@/lib/auth/actor';
import { addDays } from '@/lib/domain/calendar';

const db = testDb();
let world: World;
let pupils: number[];
let courses: number[];
let groupCourseId: number;
let substituted: number;
const lastYear = { yearId: 0, classId: 0, courseId: 0, start: '' };
/** A pupil of K1 who moved to K3 (no class teacher) on `moved`: the class teacher's reads end the day before. */
const mover = { id: 0, moved: '' };
const nextYear = { yearId: 0, classId: 0, start: '' };
/** A pupil of K3 moved up to next year's 6Б (the class teacher's) from its first day. */
const promoted = { id: 0 };
/** Moved from K1 (the class teacher's) to K3 a week ago, then up to 6Б (theirs again) next year. */
const returning = { id: 0 };

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

/** Last year's class 4Б: S2 was in it, the class teacher led it, the teacher taught its mathematics and a group. */
async function addLastYear(): Promise<void> {
  const k1 = await db.schoolClass.findUniqueOrThrow({ where: { id: world.K1 }, include: { academicYear: true } });
  const c1 = await db.course.findUniqueOrThrow({ where: { id: world.C1 } });
  const thisStart = k1.academicYear.startDate.toISOString().slice(0, 10);
  lastYear.start = addDays(thisStart, -365);
  const year = await db.academicYear.create({
    data: { schoolId: world.schoolA, startYear: k1.academicYear.startYear - 1, label: 'прошлый', startDate: day(lastYear.start), endDate: day(addDays(thisStart, -70)) },
  });
  const cls = await db.schoolClass.create({
    data: { schoolId: world.schoolA, academicYearId: year.id, gradeLevel: 4, letter: 'Б', classTeacherId: world.id.classTeacher, periodSchemeId: k1.periodSchemeId },
  });
  await db.enrollment.create({ data: { schoolId: world.schoolA, studentId: world.S2, classId: cls.id, startDate: day(lastYear.start), endDate: day(addDays(thisStart, -70)) } });
  const course = await db.course.create({ data: { schoolId: world.schoolA, academicYearId: year.id, subjectId: c1.subjectId, classId: cls.id, gradingScaleId: c1.gradingScaleId } });
  await db.courseTeacher.create({ data: { schoolId: world.schoolA, courseId: course.id, teacherId: world.id.teacher } });
  // And a group of 4Б, S2 in it, whose English the teacher taught: the group branch of the scopes.
  const group = await db.studyGroup.create({
    data: { schoolId: world.schoolA, academicYearId: year.id, classId: cls.id, kind: 'SUBGROUP', name: 'Группа 4Б-1', members: { create: [{ schoolId: world.schoolA, studentId: world.S2 }] } },
  });
  const groupCourse = await db.course.create({ data: { schoolId: world.schoolA, academicYearId: year.id, subjectId: c1.subjectId, groupId: group.id, gradingScaleId: c1.gradingScaleId } });
  await db.courseTeacher.create({ data: { schoolId: world.schoolA, courseId: groupCourse.id, teacherId: world.id.teacher } });
  Object.assign(lastYear, { yearId: year.id, classId: cls.id, courseId: course.id });
  // Next year, set up in advance: 6Б, led by the class teacher from its first day.
  const next = await db.academicYear.create({
    data: { schoolId: world.schoolA, startYear: k1.academicYear.startYear + 1, label: 'следующий', startDate: day(addDays(thisStart, 365)), endDate: day(addDays(thisStart, 630)) },
  });
  const nextClass = await db.schoolClass.create({
    data: { schoolId: world.schoolA, academicYearId: next.id, gradeLevel: 6, letter: 'Б', classTeacherId: world.id.classTeacher, periodSchemeId: k1.periodSchemeId },
  });
  Object.assign(nextYear, { yearId: next.id, classId: nextClass.id, start: addDays(thisStart, 365) });
}

beforeAll(async () => {
  world = await buildWorld(db);
  // A group course (the world has class courses only): S3 of K3 in a group taught by T1, so the
  // group-membership branch of both scopes has a pupil to admit.
  const course = await db.course.findUniqueOrThrow({ where: { id: world.C1 } });
  const group = await db.studyGroup.create({
    data: { schoolId: world.schoolA, academicYearId: course.academicYearId, classId: world.K3, kind: 'SUBGROUP', name: 'Группа 5В-1', members: { create: [{ schoolId: world.schoolA, studentId: world.S3 }] } },
  });
  const groupCourse = await db.course.create({
    data: { schoolId: world.schoolA, academicYearId: course.academicYearId, subjectId: course.subjectId, groupId: group.id, gradingScaleId: course.gradingScaleId },
  });
  await db.courseTeacher.create({ data: { schoolId: world.schoolA, courseId: groupCourse.id, teacherId: world.id.teacher } });
  groupCourseId = groupCourse.id;
  // A substitution: the class teacher takes one lesson of a course of another class (C2), so the
  // substitution branch of the course scope has a course to admit.
  const c2 = await db.course.findUniqueOrThrow({ where: { id: world.C2 } });
  await db.lesson.create({ data: { schoolId: c2.schoolId, courseId: c2.id, teacherId: world.id.classTeacher, isSubstitution: true, date: new Date('2026-10-05'), slot: 7 } });
  substituted = c2.id;
  await addLastYear();
  // S1b's classmate moves from K1 to K3 a week ago.
  const k1 = await db.enrollment.findFirstOrThrow({ where: { studentId: world.S1b, classId: world.K1 } });
  mover.moved = addDays(new Date().toISOString().slice(0, 10), -7);
  const moverUser = await db.user.create({ data: { schoolId: world.schoolA, lastName: 'Переходов', firstName: 'Марк', roles: { create: { schoolId: world.schoolA, role: 'STUDENT' } } } });
  mover.id = moverUser.id;
  await db.enrollment.create({ data: { schoolId: world.schoolA, studentId: mover.id, classId: world.K1, startDate: k1.startDate, endDate: day(addDays(mover.moved, -1)) } });
  await db.enrollment.create({ data: { schoolId: world.schoolA, studentId: mover.id, classId: world.K3, startDate: day(mover.moved) } });
  // Promoted in advance (promotion.ts): in K3 to the day before next year, in 6Б from its first day.
  const promotedUser = await db.user.create({ data: { schoolId: world.schoolA, lastName: 'Переводов', firstName: 'Олег', roles: { create: { schoolId: world.schoolA, role: 'STUDENT' } } } });
  promoted.id = promotedUser.id;
  await db.enrollment.create({ data: { schoolId: world.schoolA, studentId: promoted.id, classId: world.K3, startDate: k1.startDate, endDate: day(addDays(nextYear.start, -1)) } });
  await db.enrollment.create({ data: { schoolId: world.schoolA, studentId: promoted.id, classId: nextYear.classId, startDate: day(nextYear.start) } });
  const returningUser = await db.user.create({ data: { schoolId: world.schoolA, lastName: 'Возвращенцев', firstName: 'Иван', roles: { create: { schoolId: world.schoolA, role: 'STUDENT' } } } });
  returning.id = returningUser.id;
  await db.enrollment.create({ data: { schoolId: world.schoolA, studentId: returning.id, classId: world.K1, startDate: k1.startDate, endDate: day(addDays(mover.moved, -1)) } });
  await db.enrollment.create({ data: { schoolId: world.schoolA, studentId: returning.id, classId: world.K3, startDate: day(mover.moved), endDate: day(addDays(nextYear.start, -1)) } });
  await db.enrollment.create({ data: { schoolId: world.schoolA, studentId: returning.id, classId: nextYear.classId, startDate: day(nextYear.start) } });
  courses = (await db.course.findMany({ select: { id: true }, orderBy: { id: 'asc' } })).map((c) => c.id);
  pupils = (await db.user.findMany({ where: { roles: { some: { role: 'STUDENT' } } }, select: { id: true }, orderBy: { id: 'asc' } })).map((u) => u.id);
}, 120_000);

/** Pupils the Prisma scope `scope` returns for the identity. */
const scoped = async (who: (typeof SIGNED_IN)[number], scope: typeof readableDiaries) =>
  (await db.user.findMany({ where: scope(await actorFor(db, world.id[who])), select: { id: true }, orderBy: { id: 'asc' } })).map((u) => u.id);

describe('the diary gate decides as readableDiaries', () => {
  it.each(SIGNED_IN)('%s', async (who) => {
    const actor = await actorFor(db, world.id[who]);
    const admitted: number[] = [];
    for (const id of pupils) if (await readableDiaryPupil(actor, id)) admitted.push(id);
    expect(admitted).toEqual(await scoped(who, readableDiaries));
  });

  it.each(SIGNED_IN)("%s: the gate's last readable day decides as readableDiaries on that day", async (who) => {
    const actor = await actorFor(db, world.id[who]);
    const dates = [addDays(mover.moved, -30), addDays(mover.moved, -1), mover.moved, addDays(mover.moved, 30)];
    for (const date of dates) {
      const admitted: number[] = [];
      for (const id of pupils) {
        const pupil = await readableDiaryPupil(actor, id);
        if (pupil && (pupil.readableUntil === null || date <= pupil.readableUntil)) admitted.push(id);
      }
      const expected = (await db.user.findMany({ where: readableDiaries(actor, date), select: { id: true }, orderBy: { id: 'asc' } })).map((u) => u.id);
      expect(admitted, date).toEqual(expected);
    }
  });

  it("ends a former class teacher's reads on the pupil's last day in their class, and no one else's", async () => {
    const classTeacher = await actorFor(db, world.id.classTeacher);
    expect(await readableDiaryPupil(classTeacher, mover.id)).toMatchObject({ readableUntil: addDays(mover.moved, -1) });
    expect(await readableDiaryPupil(classTeacher, world.S1b)).toMatchObject({ readableUntil: null });
    expect(await readableDiaryPupil(await actorFor(db, world.id.management), mover.id)).toMatchObject({ readableUntil: null });
    const led = (date: string) => db.user.count({ where: { AND: [{ id: mover.id }, readableDiaries(classTeacher, date)] } });
    expect(await led(addDays(mover.moved, -1))).toBe(1);
    expect(await led(mover.moved)).toBe(0);
  });

  it("opens nothing to next year's class teacher before the pupil is in the class", async () => {
    const classTeacher = await actorFor(db, world.id.classTeacher);
    expect(classTeacher.classTeacherOf).toContain(nextYear.classId);
    expect(await readableDiaryPupil(classTeacher, promoted.id)).toBeNull();
    expect(await db.user.count({ where: { AND: [{ id: promoted.id }, readableDiaries(classTeacher)] } })).toBe(0);
    expect(await readableDiaryPupil(await actorFor(db, world.id.management), promoted.id)).toMatchObject({ readableUntil: null });
  });

  it("keeps a former class teacher to the old class's last day when the pupil comes back to them next year", async () => {
    // Leading the pupil's next year's class (not begun) must not reopen the weeks of K3 in between.
    const classTeacher = await actorFor(db, world.id.classTeacher);
    expect(await readableDiaryPupil(classTeacher, returning.id)).toMatchObject({ readableUntil: addDays(mover.moved, -1) });
    const led = (date: string) => db.user.count({ where: { AND: [{ id: returning.id }, readableDiaries(classTeacher, date)] } });
    expect(await led(addDays(mover.moved, -1))).toBe(1);
    expect(await led(mover.moved)).toBe(0);
  });

  it('admits through each branch and nothing of the other school', async () => {
    const admitted = async (who: (typeof SIGNED_IN)[number]) => {
      const actor = await actorFor(db, world.id[who]);
      const ids: number[] = [];
      for (const id of pupils) if (await readableDiaryPupil(actor, id)) ids.push(id);
      return ids;
    };
    expect(await admitted('parent')).toEqual([world.id.student]);
    expect(await admitted('student')).toEqual([world.id.student]);
    expect(await admitted('classTeacher')).toContain(world.S1b); // by leading K1
    const management = await admitted('management');
    expect(management).toContain(world.S2);
    expect(management).not.toContain(world.SB);
    expect(await admitted('hr')).toEqual([]);
  });

  it("gives a subject teacher their courses' journals, not their pupils' whole diaries", async () => {
    const teacher = await actorFor(db, world.id.teacher);
    expect(await isCourseReadable(teacher, world.C1)).toBe(true); // S1's class course
    expect(await isCourseReadable(teacher, groupCourseId)).toBe(true); // S3's group course
    expect(await scoped('teacher', readableDiaries)).toEqual([]);
  });
});

describe('the journal gate decides as readableCourses', () => {
  const admittedCourses = async (who: (typeof SIGNED_IN)[number]) => {
    const actor = await actorFor(db, world.id[who]);
    const ids: number[] = [];
    for (const id of courses) if (await isCourseReadable(actor, id)) ids.push(id);
    return ids;
  };

  it.each(SIGNED_IN)('%s', async (who) => {
    const actor = await actorFor(db, world.id[who]);
    const expected = (await db.course.findMany({ where: readableCourses(actor), select: { id: true }, orderBy: { id: 'asc' } })).map((c) => c.id);
    expect(await admittedCourses(who)).toEqual(expected);
  });

  it('admits through each branch and nothing of the other school', async () => {
    expect(await admittedCourses('teacher')).toContain(groupCourseId); // teaches it
    expect(await admittedCourses('classTeacher')).toContain(substituted); // by the substitution only
    const management = await admittedCourses('management');
    expect(management).toContain(world.C2);
    expect(management).not.toContain(world.CB);
    expect(await admittedCourses('parent')).toEqual([]);
  });
});

describe('teaching duties count in the current academic years only', () => {
  it("gives last year's class teacher nothing of a pupil they had then", async () => {
    expect(await scoped('classTeacher', readableDiaries)).not.toContain(world.S2);
    const classTeacher = await actorFor(db, world.id.classTeacher);
    expect(classTeacher.classTeacherOf).toContain(world.K1);
    expect(classTeacher.classTeacherOf).not.toContain(lastYear.classId);
    expect(await isCourseReadable(classTeacher, lastYear.courseId)).toBe(false);
  });

  it("keeps a teacher's own journal of last year readable", async () => {
    expect(await isCourseReadable(await actorFor(db, world.id.teacher), lastYear.courseId)).toBe(true);
  });

  it('lets the class teacher of next year prepare the class before it begins', async () => {
    const classTeacher = await actorFor(db, world.id.classTeacher);
    expect(classTeacher.classTeacherOf).toContain(nextYear.classId);
    expect(classTeacher.currentYears).toContain(nextYear.yearId);
  });

  it('keeps last year current until the new year begins, on the school clock', async () => {
    const user = await db.user.findUniqueOrThrow({ where: { id: world.id.classTeacher } });
    const sessionId = randomUUID();
    await db.userSession.create({ data: { id: sessionId, schoolId: world.schoolA, userId: user.id } });
    const k1 = await db.schoolClass.findUniqueOrThrow({ where: { id: world.K1 }, include: { academicYear: true } });
    const at = async (now: Date) => (await loadActor(db, { userId: user.id, sessionId, sessionVersion: user.sessionVersion }, now))!;
    // 23:30 in Moscow on the eve of this year's first day is still last year's summer.
    const firstDayUtc = k1.academicYear.startDate.getTime(); // 00:00 UTC; Moscow is UTC+3
    const eve = new Date(firstDayUtc - (3 * 60 + 30) * 60_000);
    const summer = await at(eve);
    expect(summer.classTeacherOf).toContain(lastYear.classId);
    expect(summer.currentYears).toContain(lastYear.yearId);
    // 00:30 in Moscow on the first day, still the day before in UTC: the new year has begun.
    const firstDay = await at(new Date(firstDayUtc - (2 * 60 + 30) * 60_000));
    expect(firstDay.classTeacherOf).not.toContain(lastYear.classId);
    expect(firstDay.classTeacherOf).toContain(world.K1);
    expect(firstDay.currentYears).not.toContain(lastYear.yearId);
  });
});
