// The SQL twins of lib/data/scope-sql.ts against the Prisma scopes they copy (scope.ts):
// readableStudentById (the diary's gate) against readableStudents, and isCourseReadable (the
// journal's gate) against readableCourses. For every identity of the authorization world and every
// pupil or course of both schools, the twin admits exactly what the Prisma scope returns.
import { beforeAll, describe, expect, it } from 'vitest';
import { testDb } from '../support/db';
import { actorFor } from '../support/actors';
import { buildWorld, SIGNED_IN, type World } from '../support/authz-world';
import { readableCourses, readableStudents } from '@/lib/data/scope';
import { isCourseReadable, readableStudentById } from '@/lib/data/scope-sql';

const db = testDb();
let world: World;
let pupils: number[];
let courses: number[];
let groupCourseId: number;
let substituted: number;

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
  courses = (await db.course.findMany({ select: { id: true }, orderBy: { id: 'asc' } })).map((c) => c.id);
  pupils = (await db.user.findMany({ where: { roles: { some: { role: 'STUDENT' } } }, select: { id: true }, orderBy: { id: 'asc' } })).map((u) => u.id);
}, 120_000);

describe('the diary gate decides as readableStudents', () => {
  it.each(SIGNED_IN)('%s', async (who) => {
    const actor = await actorFor(db, world.id[who]);
    const expected = (await db.user.findMany({ where: readableStudents(actor), select: { id: true }, orderBy: { id: 'asc' } })).map((u) => u.id);
    const admitted: number[] = [];
    for (const id of pupils) if (await readableStudentById(actor, id)) admitted.push(id);
    expect(admitted).toEqual(expected);
  });

  it('admits through each branch and nothing of the other school', async () => {
    const admitted = async (who: (typeof SIGNED_IN)[number]) => {
      const actor = await actorFor(db, world.id[who]);
      const ids: number[] = [];
      for (const id of pupils) if (await readableStudentById(actor, id)) ids.push(id);
      return ids;
    };
    expect(await admitted('parent')).toEqual([world.id.student]);
    expect(await admitted('student')).toEqual([world.id.student]);
    expect(await admitted('teacher')).toContain(world.S3); // by the group course only
    expect(await admitted('classTeacher')).toContain(world.S1b); // by leading K1
    const management = await admitted('management');
    expect(management).toContain(world.S2);
    expect(management).not.toContain(world.SB);
    expect(await admitted('hr')).toEqual([]);
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
