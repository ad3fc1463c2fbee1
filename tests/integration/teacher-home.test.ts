// The teacher's home page data: this year's courses, not every course the teacher ever taught.
import { beforeAll, describe, expect, it } from 'vitest';
import { resetDb, testDb } from '../support/db';
import { createSchoolFixture, createUser, day, type SchoolFixture } from '../support/fixtures';
import { actorFor } from '../support/actors';
import { teacherHome } from '@/lib/data/teacher-home';
import { isCourseReadable } from '@/lib/data/scope-sql';
import { currentClasses } from '@/lib/data/class-list';
import { navigationFor } from '@/lib/auth/navigation';

const db = testDb();
let fx: SchoolFixture;
let lastYearCourse: number;

beforeAll(async () => {
  await resetDb();
  fx = await createSchoolFixture(db);
  // The same teacher taught 4А's mathematics last year (2025/2026).
  const year = await db.academicYear.create({ data: { schoolId: fx.schoolId, startYear: 2025, label: '2025/2026', startDate: day('2025-09-01'), endDate: day('2026-05-31') } });
  const cls = await db.schoolClass.create({ data: { schoolId: fx.schoolId, academicYearId: year.id, gradeLevel: 4, letter: 'А', periodSchemeId: fx.periodSchemeId } });
  const course = await db.course.create({ data: { schoolId: fx.schoolId, academicYearId: year.id, subjectId: fx.subjectId, classId: cls.id, gradingScaleId: fx.gradingScaleId } });
  await db.courseTeacher.create({ data: { schoolId: fx.schoolId, courseId: course.id, teacherId: fx.teacherId } });
  lastYearCourse = course.id;
});

describe("the teacher's home", () => {
  it("lists this year's courses only; last year's journal stays readable", async () => {
    const teacher = await actorFor(db, fx.teacherId);
    const home = await teacherHome(teacher, new Date('2026-11-24T09:00:00Z'));
    expect(home.courses.map((c) => c.id)).toEqual([fx.courseId]);
    expect(await isCourseReadable(teacher, lastYearCourse)).toBe(true);
  });

  it('names the classes of a teacher who leads two, on the home page and in the menu', async () => {
    const other = await db.schoolClass.create({ data: { schoolId: fx.schoolId, academicYearId: fx.academicYearId, gradeLevel: 6, letter: 'Б', classTeacherId: fx.teacherId, periodSchemeId: fx.periodSchemeId } });
    try {
      const teacher = await actorFor(db, fx.teacherId);
      const home = await teacherHome(teacher, new Date('2026-11-24T09:00:00Z'));
      expect(home.led).toEqual([{ id: fx.classId, name: '5А' }, { id: other.id, name: '6Б' }]);
      const menu = navigationFor(teacher, await currentClasses(teacher, 'led')).filter((i) => i.href.startsWith('/class/'));
      expect(menu).toEqual([{ href: `/class/${fx.classId}`, label: 'Мой класс 5А' }, { href: `/class/${other.id}`, label: 'Мой класс 6Б' }]);
    } finally {
      await db.schoolClass.delete({ where: { id: other.id } });
    }
  });

  it('lists the school’s classes for management in the summer after the year, when its summary sheets are made', async () => {
    const director = await actorFor(db, await createUser(db, fx.schoolId, ['MANAGEMENT']));
    const home = await teacherHome(director, new Date('2027-06-15T09:00:00Z'));
    expect(home.classes).toEqual([{ id: fx.classId, name: '5А' }]);
  });
});
