// Перенос нагрузки (/admin/courses, «Перенести предметы из класса прошлого года»): next year's
// class, created by the promotion without courses, takes the courses of last year's class — the
// same subjects and scales, the class's groups by name, the same teachers except those who no
// longer work at the school. One transaction, audited; each refusal a Russian error, nothing written.
import { renderToStaticMarkup } from 'react-dom/server';
import { beforeAll, describe, expect, it } from 'vitest';
import { resetDb, testDb } from '../support/db';
import { actorFor } from '../support/actors';
import { signInForRequest } from '../support/request-session';
import { createSchoolFixture, createUser, day, type SchoolFixture } from '../support/fixtures';
import { form } from '../support/authz-matrix';
import { copyCoursesAction } from '@/app/(admin)/admin/courses/actions';
import CoursesPage from '@/app/(admin)/admin/courses/page';
import { addDays } from '@/lib/domain/calendar';

const db = testDb();
let fx: SchoolFixture;
let other: SchoolFixture;
let deputyId: number;
let secondTeacherId: number;
let departedId: number;
let nextYearId: number;
let targetId: number;
let otherNextClassId: number;
let sourceGroupId: number;
let emptyClassId: number;

/** Everything a copy may write, to show a refusal wrote nothing. */
const state = async () => ({
  courses: await db.course.findMany({ orderBy: { id: 'asc' } }),
  teachers: await db.courseTeacher.findMany({ orderBy: [{ courseId: 'asc' }, { teacherId: 'asc' }] }),
  groups: await db.studyGroup.findMany({ orderBy: { id: 'asc' } }),
  audits: await db.auditLog.count({ where: { action: { startsWith: 'course.' } } }),
});
const text = async (page: Promise<unknown>) => renderToStaticMarkup((await page) as React.ReactElement).replace(/\s+/g, ' ');
const plain = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
const subject = (name: string) => db.subject.create({ data: { schoolId: fx.schoolId, name, shortName: name.slice(0, 5) } });
const course = async (name: string, place: { classId: number } | { groupId: number }, teachers: { teacherId: number; isPrimary: boolean }[]) =>
  db.course.create({
    data: {
      schoolId: fx.schoolId, academicYearId: fx.academicYearId, subjectId: (await subject(name)).id, gradingScaleId: fx.gradingScaleId, ...place,
      teachers: { create: teachers.map((t) => ({ schoolId: fx.schoolId, ...t })) },
    },
  });

beforeAll(async () => {
  await resetDb();
  fx = await createSchoolFixture(db);
  other = await createSchoolFixture(db);
  await actorFor(db, fx.adminId);
  deputyId = await createUser(db, fx.schoolId, ['MANAGEMENT'], { lastName: 'Завучева', firstName: 'Зоя' });
  secondTeacherId = await createUser(db, fx.schoolId, ['TEACHER'], { lastName: 'Второва', firstName: 'Вера' });
  departedId = await createUser(db, fx.schoolId, ['TEACHER'], { lastName: 'Уволенова', firstName: 'Ульяна' });
  // 5А this year: maths (fx.teacherId, from the fixture), English in a group, physics and history
  // taught by a teacher who has since left.
  sourceGroupId = (await db.studyGroup.create({ data: { schoolId: fx.schoolId, academicYearId: fx.academicYearId, classId: fx.classId, kind: 'SUBGROUP', name: 'Английский, 1 группа' } })).id;
  await db.studyGroupMember.create({ data: { schoolId: fx.schoolId, groupId: sourceGroupId, studentId: fx.studentIds[0] } });
  await course('Английский язык', { groupId: sourceGroupId }, [{ teacherId: secondTeacherId, isPrimary: true }, { teacherId: fx.teacherId, isPrimary: false }]);
  await course('Физика', { classId: fx.classId }, [{ teacherId: departedId, isPrimary: true }, { teacherId: secondTeacherId, isPrimary: false }]);
  await course('История', { classId: fx.classId }, [{ teacherId: departedId, isPrimary: true }]);
  await db.user.update({ where: { id: departedId }, data: { active: false } });
  emptyClassId = (await db.schoolClass.create({ data: { schoolId: fx.schoolId, academicYearId: fx.academicYearId, gradeLevel: 5, letter: 'Г', periodSchemeId: fx.periodSchemeId } })).id;
  // Next year, not begun (from 1 September 2027, or later when the tests run after it), with 6А promoted from 5А.
  const start = [day('2027-09-01'), day(addDays(new Date().toISOString().slice(0, 10), 60))].sort((a, b) => b.getTime() - a.getTime())[0];
  nextYearId = (await db.academicYear.create({ data: { schoolId: fx.schoolId, startYear: 2027, label: '2027/2028', startDate: start, endDate: new Date(start.getTime() + 270 * 86_400_000) } })).id;
  targetId = (await db.schoolClass.create({ data: { schoolId: fx.schoolId, academicYearId: nextYearId, gradeLevel: 6, letter: 'А', periodSchemeId: fx.periodSchemeId } })).id;
  const otherYear = await db.academicYear.create({ data: { schoolId: other.schoolId, startYear: 2027, label: '2027/2028', startDate: start, endDate: new Date(start.getTime() + 270 * 86_400_000) } });
  otherNextClassId = (await db.schoolClass.create({ data: { schoolId: other.schoolId, academicYearId: otherYear.id, gradeLevel: 6, letter: 'А', periodSchemeId: other.periodSchemeId } })).id;
});

describe('copying the courses of last year\'s class', () => {
  it("offers it on next year's class page, the class it was promoted from chosen; not on this year's", async () => {
    await signInForRequest(db, deputyId);
    const page = await text(CoursesPage({ searchParams: Promise.resolve({ class: String(targetId) }) }));
    expect(plain(page)).toContain('Учебная нагрузка: 6А класс, 2027/2028');
    expect(plain(page)).toContain('Перенести предметы из класса прошлого года');
    expect(page).toContain(`<option value="${fx.classId}" selected="">5А (курсов: 4)</option>`);
    expect(plain(page)).toContain('Учитель, который больше не работает в школе (учётная запись отключена или снята роль «Учитель»), не переносится');
    const current = await text(CoursesPage({ searchParams: Promise.resolve({ class: String(fx.classId) }) }));
    expect(plain(current)).not.toContain('Перенести предметы');
  });

  it.each([
    ["this year's class as the target", () => ({ classId: fx.classId, sourceClassId: fx.classId }), 'form', 'Перенести предметы можно только в класс следующего учебного года этой школы (год ещё не начался)'],
    ["another school's next-year class as the target", () => ({ classId: otherNextClassId, sourceClassId: fx.classId }), 'form', 'Перенести предметы можно только в класс следующего учебного года этой школы (год ещё не начался)'],
    ["another school's class as the source", () => ({ classId: targetId, sourceClassId: other.classId }), 'sourceClassId', 'Выберите класс 2026/2027 учебного года этой школы'],
    ['a class of the same year as the source', () => ({ classId: targetId, sourceClassId: targetId }), 'sourceClassId', 'Выберите класс 2026/2027 учебного года этой школы'],
    ['a class of last year without courses as the source', () => ({ classId: targetId, sourceClassId: emptyClassId }), 'sourceClassId', 'У 5Г класса нет курсов: переносить нечего'],
    ['no source chosen', () => ({ classId: targetId, sourceClassId: '' }), 'sourceClassId', 'Выберите класс, из которого перенести предметы'],
  ])('refuses %s with a Russian error, writing nothing', async (_, fields, field, message) => {
    await signInForRequest(db, fx.adminId);
    const before = await state();
    const answer = await copyCoursesAction({}, form(fields()));
    expect(answer.errors).toEqual({ [field]: message });
    expect(await state()).toEqual(before);
  });

  it.each([['a teacher', () => fx.teacherId], ['a parent', () => fx.parentId]])('refuses %s, who lacks the right, writing nothing', async (_, who) => {
    await signInForRequest(db, who());
    const before = await state();
    expect((await copyCoursesAction({}, form({ classId: targetId, sourceClassId: fx.classId }))).errors).toEqual({ form: 'Недостаточно прав для этого действия' });
    expect(await state()).toEqual(before);
  });

  it('copies subjects, scales, groups (without pupils) and working teachers; a departed teacher is left out; one audit row', async () => {
    await signInForRequest(db, deputyId);
    const sourceBefore = await db.course.findMany({ where: { OR: [{ classId: fx.classId }, { group: { classId: fx.classId } }] }, include: { teachers: true }, orderBy: { id: 'asc' } });
    const answer = await copyCoursesAction({}, form({ classId: targetId, sourceClassId: fx.classId }));
    expect(answer).toMatchObject({ ok: true, message: 'Перенесено курсов: 4, групп: 1. Без основного учителя (прежний больше не работает в школе): История, Физика — назначьте учителя' });

    const groups = await db.studyGroup.findMany({ where: { classId: targetId }, include: { members: true } });
    expect(groups).toMatchObject([{ schoolId: fx.schoolId, academicYearId: nextYearId, kind: 'SUBGROUP', name: 'Английский, 1 группа', members: [] }]);
    const copied = await db.course.findMany({
      where: { OR: [{ classId: targetId }, { group: { classId: targetId } }] },
      select: { academicYearId: true, classId: true, groupId: true, gradingScaleId: true, subject: { select: { name: true } }, teachers: { select: { teacherId: true, isPrimary: true }, orderBy: { teacherId: 'asc' } } },
      orderBy: { subject: { name: 'asc' } },
    });
    const year = { academicYearId: nextYearId, gradingScaleId: fx.gradingScaleId };
    expect(copied).toEqual([
      { ...year, classId: null, groupId: groups[0].id, subject: { name: 'Английский язык' }, teachers: [{ teacherId: fx.teacherId, isPrimary: false }, { teacherId: secondTeacherId, isPrimary: true }].sort((a, b) => a.teacherId - b.teacherId) },
      { ...year, classId: targetId, groupId: null, subject: { name: 'История' }, teachers: [] },
      { ...year, classId: targetId, groupId: null, subject: { name: 'Математика' }, teachers: [{ teacherId: fx.teacherId, isPrimary: true }] },
      { ...year, classId: targetId, groupId: null, subject: { name: 'Физика' }, teachers: [{ teacherId: secondTeacherId, isPrimary: false }] },
    ]);
    // Last year's class keeps its courses as they were.
    expect(await db.course.findMany({ where: { OR: [{ classId: fx.classId }, { group: { classId: fx.classId } }] }, include: { teachers: true }, orderBy: { id: 'asc' } })).toEqual(sourceBefore);

    const audits = await db.auditLog.findMany({ where: { action: 'course.copy' } });
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ actorId: deputyId, schoolId: fx.schoolId, entityType: 'SchoolClass', entityId: String(targetId), oldValue: { courses: [] } });
    expect((audits[0].newValue as { courses: unknown[] }).courses).toHaveLength(4);
    expect(audits[0].details).toMatchObject({ from: { classId: fx.classId, name: '5А', year: '2026/2027' }, to: { name: '6А', year: '2027/2028' } });
    expect((audits[0].details as { teachersLeftOut: { teacherId: number }[] }).teachersLeftOut.map((t) => t.teacherId)).toEqual([departedId, departedId]);

    const page = plain(await text(CoursesPage({ searchParams: Promise.resolve({ class: String(targetId) }) })));
    expect(page).toContain('Второва Вера (второй учитель) · основной учитель не назначен');
    expect(page).toContain('У класса уже есть курсы: перенос делается только в класс без курсов.');
  });

  it('refuses a second copy into a class that has courses, writing nothing', async () => {
    await signInForRequest(db, fx.adminId);
    const before = await state();
    expect((await copyCoursesAction({}, form({ classId: targetId, sourceClassId: fx.classId }))).errors).toEqual({
      form: 'У 6А класса уже есть курсы: перенос делается только в класс без курсов. Добавьте недостающие курсы по одному',
    });
    expect(await state()).toEqual(before);
  });
});
