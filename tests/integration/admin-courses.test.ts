// Учебная нагрузка (/admin/courses): the deputy director sets who teaches what. A course's
// teachers are changed, a course added to a class (with a new subject if typed), and a course
// with nothing recorded in it deleted; each change audited, each refusal a Russian error with
// nothing changed; another school's records, past years and people without the right refused.
import { renderToStaticMarkup } from 'react-dom/server';
import { beforeAll, describe, expect, it } from 'vitest';
import { resetDb, testDb } from '../support/db';
import { actorFor } from '../support/actors';
import { signInForRequest } from '../support/request-session';
import { createMark, createSchoolFixture, createUser, day, type SchoolFixture } from '../support/fixtures';
import { form } from '../support/authz-matrix';
import { addCourseAction, deleteCourseAction, setCourseTeachersAction } from '@/app/(admin)/admin/courses/actions';
import CoursesPage from '@/app/(admin)/admin/courses/page';
import { navigationFor } from '@/lib/auth/navigation';
import { readableCourses, writableCourses, writableLessons } from '@/lib/data/scope';

const db = testDb();
let fx: SchoolFixture;
let other: SchoolFixture;
let deputyId: number;
let secondTeacherId: number;
let secretaryId: number;
let disabledTeacherId: number;
let pastCourseId: number;
let groupId: number;

const teachersOf = (courseId: number) => db.courseTeacher.findMany({ where: { courseId }, select: { teacherId: true, isPrimary: true }, orderBy: { teacherId: 'asc' } });
/** Everything the page's actions may change, to show a refusal changed nothing. */
const state = async () => ({
  courses: await db.course.findMany({ orderBy: { id: 'asc' } }),
  teachers: await db.courseTeacher.findMany({ orderBy: [{ courseId: 'asc' }, { teacherId: 'asc' }] }),
  subjects: await db.subject.count(),
  audits: await db.auditLog.count({ where: { action: { startsWith: 'course.' } } }),
});
const teachersForm = (fields: Record<string, string | number | readonly (string | number)[] | undefined>) =>
  form({ courseId: fx.courseId, primaryId: secondTeacherId, shown: `${fx.teacherId}:`, ...fields });

beforeAll(async () => {
  await resetDb();
  fx = await createSchoolFixture(db);
  other = await createSchoolFixture(db);
  await actorFor(db, fx.adminId);
  await actorFor(db, other.adminId);
  deputyId = await createUser(db, fx.schoolId, ['MANAGEMENT'], { lastName: 'Завучева', firstName: 'Зоя' });
  secondTeacherId = await createUser(db, fx.schoolId, ['TEACHER'], { lastName: 'Второва', firstName: 'Вера' });
  secretaryId = await createUser(db, fx.schoolId, ['SECRETARY'], { lastName: 'Секретарёва', firstName: 'Сима' });
  disabledTeacherId = await createUser(db, fx.schoolId, ['TEACHER'], { lastName: 'Уволенова', firstName: 'Ульяна' });
  await db.user.update({ where: { id: disabledTeacherId }, data: { active: false } });
  groupId = (await db.studyGroup.create({ data: { schoolId: fx.schoolId, academicYearId: fx.academicYearId, classId: fx.classId, kind: 'SUBGROUP', name: 'Английский, 1 группа' } })).id;
  // Last year's class and course: the year has ended, its load is read-only.
  const past = await db.academicYear.create({ data: { schoolId: fx.schoolId, startYear: 2025, label: '2025/2026', startDate: day('2025-09-01'), endDate: day('2026-05-31') } });
  const pastClass = await db.schoolClass.create({ data: { schoolId: fx.schoolId, academicYearId: past.id, gradeLevel: 4, letter: 'А', periodSchemeId: fx.periodSchemeId } });
  pastCourseId = (await db.course.create({
    data: { schoolId: fx.schoolId, academicYearId: past.id, subjectId: fx.subjectId, classId: pastClass.id, gradingScaleId: fx.gradingScaleId, teachers: { create: { schoolId: fx.schoolId, teacherId: fx.teacherId } } },
  })).id;
});

describe("a course's teachers", () => {
  it('management changes the primary teacher and adds a co-teacher; audited with the old and new ids', async () => {
    await signInForRequest(db, deputyId);
    expect(await setCourseTeachersAction({}, teachersForm({ coTeacherIds: [String(fx.teacherId)] }))).toMatchObject({ ok: true, message: 'Учителя сохранены' });
    expect(await teachersOf(fx.courseId)).toEqual([{ teacherId: fx.teacherId, isPrimary: false }, { teacherId: secondTeacherId, isPrimary: true }].sort((a, b) => a.teacherId - b.teacherId));
    const audit = await db.auditLog.findFirstOrThrow({ where: { action: 'course.teachers.set', entityId: String(fx.courseId) } });
    expect(audit).toMatchObject({ actorId: deputyId, schoolId: fx.schoolId, oldValue: { primaryId: fx.teacherId, coTeacherIds: [] }, newValue: { primaryId: secondTeacherId, coTeacherIds: [fx.teacherId] } });
    // Back as it was, shown as it is now.
    expect(await setCourseTeachersAction({}, teachersForm({ primaryId: fx.teacherId, shown: `${secondTeacherId}:${fx.teacherId}` }))).toMatchObject({ ok: true });
    expect(await teachersOf(fx.courseId)).toEqual([{ teacherId: fx.teacherId, isPrimary: true }]);
  });

  it('passes the journal, lessons already held included, to the new teacher: the removed one no longer reads or writes it; the lesson keeps who taught it', async () => {
    const access = async (userId: number) => {
      const actor = await actorFor(db, userId);
      return {
        reads: await db.course.count({ where: { AND: [{ id: fx.courseId }, readableCourses(actor)] } }),
        writes: await db.course.count({ where: { AND: [{ id: fx.courseId }, writableCourses(actor)] } }),
        writesHeldLesson: await db.lesson.count({ where: { AND: [{ id: fx.lessonId }, writableLessons(actor)] } }),
      };
    };
    await signInForRequest(db, deputyId);
    expect(await access(secondTeacherId)).toEqual({ reads: 0, writes: 0, writesHeldLesson: 0 });
    expect(await setCourseTeachersAction({}, teachersForm({}))).toMatchObject({ ok: true });
    expect(await access(secondTeacherId)).toEqual({ reads: 1, writes: 1, writesHeldLesson: 1 });
    // The removed teacher still reads it only as the class's class teacher, and writes nothing.
    expect(await access(fx.teacherId)).toEqual({ reads: 1, writes: 0, writesHeldLesson: 0 });
    expect(await setCourseTeachersAction({}, teachersForm({ primaryId: fx.teacherId, shown: `${secondTeacherId}:` }))).toMatchObject({ ok: true });
    expect(await access(secondTeacherId)).toEqual({ reads: 0, writes: 0, writesHeldLesson: 0 });
    expect(await access(fx.teacherId)).toEqual({ reads: 1, writes: 1, writesHeldLesson: 1 });
    expect((await db.lesson.findUniqueOrThrow({ where: { id: fx.lessonId } })).teacherId).toBe(fx.teacherId);
  });

  it.each([
    ['co-teacher', 'coTeacherIds'],
    ['primary teacher', 'primaryId'],
  ])("refuses as %s a teacher who already teaches another course in one of the course's timetable slots, changing nothing", async (_, field) => {
    // 5А maths (fx.teacherId) on Monday 2nd lesson; 7Б physics (secondTeacherId) in the same slot.
    const cls = await db.schoolClass.create({ data: { schoolId: fx.schoolId, academicYearId: fx.academicYearId, gradeLevel: 7, letter: 'Б', periodSchemeId: fx.periodSchemeId } });
    const physics = await db.subject.create({ data: { schoolId: fx.schoolId, name: `Физика ${field}`, shortName: 'Физ' } });
    const course = await db.course.create({ data: { schoolId: fx.schoolId, academicYearId: fx.academicYearId, subjectId: physics.id, classId: cls.id, gradingScaleId: fx.gradingScaleId, teachers: { create: { schoolId: fx.schoolId, teacherId: secondTeacherId } } } });
    const row = (courseId: number) => ({ schoolId: fx.schoolId, academicYearId: fx.academicYearId, courseId, weekday: 1, slot: 2, validFrom: day('2026-09-01') });
    const rows = [await db.timetableEntry.create({ data: row(fx.courseId) }), await db.timetableEntry.create({ data: row(course.id) })];
    try {
      await signInForRequest(db, deputyId);
      const before = await state();
      const fields = field === 'primaryId' ? { primaryId: fx.teacherId } : { primaryId: secondTeacherId, coTeacherIds: [String(fx.teacherId)] };
      const answer = await setCourseTeachersAction({}, form({ courseId: course.id, shown: `${secondTeacherId}:`, ...fields }));
      expect(answer.errors).toEqual({ [field]: 'Учителева Мария уже ведёт «Математика, 5А» в понедельник на 2-м уроке, когда по расписанию идёт этот курс' });
      expect(await state()).toEqual(before);
    } finally {
      await db.timetableEntry.deleteMany({ where: { id: { in: rows.map((r) => r.id) } } });
      await db.course.delete({ where: { id: course.id } });
      await db.schoolClass.delete({ where: { id: cls.id } });
    }
  });

  it.each([
    ['no primary teacher', () => ({ primaryId: '' }), 'primaryId', 'Выберите основного учителя'],
    ['a user without the TEACHER role', () => ({ primaryId: secretaryId }), 'primaryId', 'Вести курс может только работающий учитель этой школы (учётная запись включена, роль «Учитель»)'],
    ['a teacher whose account is disabled', () => ({ primaryId: disabledTeacherId }), 'primaryId', 'Вести курс может только работающий учитель этой школы (учётная запись включена, роль «Учитель»)'],
    ["another school's teacher", () => ({ primaryId: other.teacherId }), 'primaryId', 'Вести курс может только работающий учитель этой школы (учётная запись включена, роль «Учитель»)'],
    ["another school's teacher as a co-teacher", () => ({ coTeacherIds: [String(other.teacherId)] }), 'coTeacherIds', 'Вести курс может только работающий учитель этой школы (учётная запись включена, роль «Учитель»)'],
    ["another school's course", () => ({ courseId: other.courseId, shown: `${other.teacherId}:` }), 'form', 'Курс не найден в этой школе'],
    ["a past year's course", () => ({ courseId: pastCourseId }), 'form', 'Учебный год этого курса закончился: нагрузку прошлого года изменить нельзя'],
    ['a form opened before someone else changed the teachers', () => ({ shown: `${secondTeacherId}:` }), 'form', 'Учителей этого курса уже изменил другой пользователь, пока форма была открыта. Обновите страницу и внесите изменение снова.'],
  ])('refuses %s with a Russian error, changing nothing', async (_, fields, field, message) => {
    await signInForRequest(db, fx.adminId);
    const before = await state();
    const answer = await setCourseTeachersAction({}, teachersForm(fields()));
    expect(answer.errors).toEqual({ [field]: message });
    expect(await state()).toEqual(before);
  });

  it('refuses a teacher, who lacks the right, and says nothing changed', async () => {
    await signInForRequest(db, fx.teacherId);
    const before = await state();
    expect((await setCourseTeachersAction({}, teachersForm({}))).errors).toEqual({ form: 'Недостаточно прав для этого действия' });
    expect(await state()).toEqual(before);
  });
});

describe('adding a course', () => {
  it('adds a course with a new subject typed in; audited', async () => {
    await signInForRequest(db, deputyId);
    const answer = await addCourseAction({}, form({ classId: fx.classId, subjectName: 'Информатика', gradingScaleId: fx.gradingScaleId, primaryId: secondTeacherId }));
    expect(answer).toMatchObject({ ok: true, message: 'Курс добавлен' });
    const subject = await db.subject.findFirstOrThrow({ where: { schoolId: fx.schoolId, name: 'Информатика' } });
    const course = await db.course.findFirstOrThrow({ where: { subjectId: subject.id }, include: { teachers: true } });
    expect(course).toMatchObject({ schoolId: fx.schoolId, academicYearId: fx.academicYearId, classId: fx.classId, groupId: null, gradingScaleId: fx.gradingScaleId });
    expect(course.teachers).toMatchObject([{ teacherId: secondTeacherId, isPrimary: true }]);
    const audit = await db.auditLog.findFirstOrThrow({ where: { action: 'course.create', entityId: String(course.id) } });
    expect(audit.newValue).toMatchObject({ classId: fx.classId, subjectId: subject.id, subjectCreated: true, primaryId: secondTeacherId });
  });

  it("adds a course for one of the class's groups", async () => {
    await signInForRequest(db, fx.adminId);
    expect(await addCourseAction({}, form({ classId: fx.classId, subjectName: 'Английский язык', groupId, gradingScaleId: fx.gradingScaleId, primaryId: fx.teacherId }))).toMatchObject({ ok: true });
    expect(await db.course.count({ where: { groupId, subject: { name: 'Английский язык' }, classId: null } })).toBe(1);
  });

  it.each([
    ['the same subject again in the class', () => ({ subjectId: fx.subjectId }), 'subjectId', 'Курс «Математика» у этого класса уже есть'],
    ['the same subject typed in another case', () => ({ subjectName: 'математика' }), 'subjectName', 'Курс «Математика» у этого класса уже есть'],
    ['the same subject again for the group', () => ({ subjectName: 'Английский язык', groupId }), 'subjectName', 'Курс «Английский язык» у этой группы уже есть'],
    ['a group course of a subject the whole class has', () => ({ subjectId: fx.subjectId, groupId }), 'subjectId', 'Курс «Математика» уже есть у всего класса: у группы этого класса отдельного курса того же предмета быть не может'],
    ['a whole-class course of a subject a group of the class has', () => ({ subjectName: 'английский язык' }), 'subjectName', 'Курс «Английский язык» уже есть у группы «Английский, 1 группа» этого класса: курса того же предмета у всего класса быть не может'],
    ['neither subject chosen nor typed', () => ({}), 'subjectId', 'Выберите предмет или впишите название нового'],
    ["another school's subject", () => ({ subjectId: other.subjectId }), 'subjectId', 'Выберите предмет из списка школы'],
    ["another school's scale", () => ({ subjectName: 'Астрономия', gradingScaleId: other.gradingScaleId }), 'gradingScaleId', 'Выберите шкалу отметок школы'],
    ["another school's teacher", () => ({ subjectName: 'Астрономия', primaryId: other.teacherId }), 'primaryId', 'Вести курс может только работающий учитель этой школы (учётная запись включена, роль «Учитель»)'],
    ["another school's class", () => ({ subjectName: 'Астрономия', classId: other.classId }), 'form', 'Класс не найден в текущем учебном году'],
  ])('refuses %s with a Russian error next to the field, keeping what was typed and changing nothing', async (_, fields, field, message) => {
    await signInForRequest(db, fx.adminId);
    const before = await state();
    const typed: Record<string, string | number> = { classId: fx.classId, gradingScaleId: fx.gradingScaleId, primaryId: fx.teacherId, ...fields() };
    const answer = await addCourseAction({}, form(typed));
    expect(answer.errors).toEqual({ [field]: message });
    expect(answer.values).toMatchObject({ primaryId: String(typed.primaryId), subjectName: String(typed.subjectName ?? '') });
    expect(await state()).toEqual(before);
  });

  it('refuses a parent, who lacks the right', async () => {
    await signInForRequest(db, fx.parentId);
    const before = await state();
    expect((await addCourseAction({}, form({ classId: fx.classId, subjectName: 'Астрономия', gradingScaleId: fx.gradingScaleId, primaryId: fx.teacherId }))).errors).toEqual({ form: 'Недостаточно прав для этого действия' });
    expect(await state()).toEqual(before);
  });
});

describe('deleting a course', () => {
  it('deletes a course with nothing recorded; audited', async () => {
    await signInForRequest(db, deputyId);
    const subject = await db.subject.create({ data: { schoolId: fx.schoolId, name: 'Черчение', shortName: 'Черч' } });
    const course = await db.course.create({ data: { schoolId: fx.schoolId, academicYearId: fx.academicYearId, subjectId: subject.id, classId: fx.classId, gradingScaleId: fx.gradingScaleId, teachers: { create: { schoolId: fx.schoolId, teacherId: secondTeacherId } } } });
    expect(await deleteCourseAction({}, form({ courseId: course.id }))).toEqual({ ok: true });
    expect(await db.course.count({ where: { id: course.id } })).toBe(0);
    const audit = await db.auditLog.findFirstOrThrow({ where: { action: 'course.delete', entityId: String(course.id) } });
    expect(audit.oldValue).toMatchObject({ subjectId: subject.id, classId: fx.classId, primaryId: secondTeacherId });
  });

  it('refuses a course with lessons and marks, saying why', async () => {
    await createMark(db, fx, { value: '5' });
    await signInForRequest(db, fx.adminId);
    const before = await state();
    expect(await deleteCourseAction({}, form({ courseId: fx.courseId }))).toEqual({
      error: 'Курс нельзя удалить: по нему уже есть записи (уроков в журнале: 1, отметок: 1). Удалить можно только курс, по которому ещё ничего не записано',
    });
    expect(await state()).toEqual(before);
  });

  it.each([
    ['planned topics', (courseId: number) => db.plannedTopic.create({ data: { schoolId: fx.schoolId, courseId, ordinal: 1, title: 'Дроби' } }), 'тем в тематическом плане: 1'],
    ['a one-day timetable change', (courseId: number) => db.timetableChange.create({ data: { schoolId: fx.schoolId, courseId, date: day('2026-12-07'), slot: 2, kind: 'CANCELLED' } }), 'изменений в расписании на отдельные дни: 1'],
  ])('refuses a course with only %s, saying why', async (_, record, held) => {
    const subject = await db.subject.create({ data: { schoolId: fx.schoolId, name: `Черчение: ${held}`, shortName: 'Черч' } });
    const course = await db.course.create({ data: { schoolId: fx.schoolId, academicYearId: fx.academicYearId, subjectId: subject.id, classId: fx.classId, gradingScaleId: fx.gradingScaleId, teachers: { create: { schoolId: fx.schoolId, teacherId: secondTeacherId } } } });
    await record(course.id);
    await signInForRequest(db, deputyId);
    const before = await state();
    const records = { topics: await db.plannedTopic.count(), changes: await db.timetableChange.count() };
    expect(await deleteCourseAction({}, form({ courseId: course.id }))).toEqual({
      error: `Курс нельзя удалить: по нему уже есть записи (${held}). Удалить можно только курс, по которому ещё ничего не записано`,
    });
    expect(await state()).toEqual(before);
    expect({ topics: await db.plannedTopic.count(), changes: await db.timetableChange.count() }).toEqual(records);
  });

  it.each([
    ["another school's course", () => other.courseId, 'Курс не найден в этой школе'],
    ["a past year's course", () => pastCourseId, 'Учебный год этого курса закончился: нагрузку прошлого года изменить нельзя'],
  ])('refuses %s', async (_, courseId, message) => {
    await signInForRequest(db, fx.adminId);
    const before = await state();
    expect(await deleteCourseAction({}, form({ courseId: courseId() }))).toEqual({ error: message });
    expect(await state()).toEqual(before);
  });

  it('refuses a secretary, who lacks the right', async () => {
    await signInForRequest(db, secretaryId);
    const before = await state();
    expect(await deleteCourseAction({}, form({ courseId: pastCourseId }))).toEqual({ error: 'Недостаточно прав для этого действия' });
    expect(await state()).toEqual(before);
  });
});

describe('the page', () => {
  const text = async (page: Promise<unknown>) => renderToStaticMarkup((await page) as React.ReactElement).replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

  it("lists the current year's classes and the chosen class's courses, primary teacher first", async () => {
    await signInForRequest(db, deputyId);
    // The primary teacher has the larger id: listed first all the same.
    const informatics = await db.course.findFirstOrThrow({ where: { subject: { name: 'Информатика' } } });
    await db.courseTeacher.create({ data: { schoolId: fx.schoolId, courseId: informatics.id, teacherId: fx.teacherId, isPrimary: false } });
    const page = await text(CoursesPage({ searchParams: Promise.resolve({ class: String(fx.classId) }) }));
    expect(page).toContain('Учебная нагрузка: 5А класс');
    // Last year's class only under the earlier years, to read.
    expect(page.slice(0, page.indexOf('Прошлые учебные годы'))).not.toContain('4А');
    expect(page).toContain('Прошлые учебные годы (только просмотр) 2025/2026: 4А');
    expect(page).toContain('Английский язык · группа «Английский, 1 группа»');
    expect(page).toContain('Информатика Второва Вера, Учителева Мария (второй учитель)');
    expect(page).toContain('проведено уроков: 1');
    expect(page).toContain('журнал курса переходит к новым учителям целиком, вместе с уже проведёнными уроками: отметки за них в пределах срока выставляет новый учитель, а снятый учитель журнал курса больше не видит. В записях уроков остаётся, кто их вёл.');
    expect(page).not.toContain('остаются за тем учителем');
    expect(page).toContain('Добавить курс');
  });

  it("shows a past year's class read-only: its courses and teachers, no form", async () => {
    await signInForRequest(db, deputyId);
    const { classId } = await db.course.findUniqueOrThrow({ where: { id: pastCourseId }, select: { classId: true } });
    const page = await text(CoursesPage({ searchParams: Promise.resolve({ class: String(classId) }) }));
    expect(page).toContain('Учебная нагрузка: 4А класс');
    expect(page).toContain('Учебный год 2025/2026 закончился: нагрузку этого класса можно только посмотреть.');
    expect(page).toContain('Математика Учителева Мария');
    for (const form of ['Изменить учителей', 'Добавить курс', 'Удалить', 'Перенести предметы']) expect(page).not.toContain(form);
  });

  it("lists a course's co-teachers as checkboxes, the current ones ticked: one is removed by unticking, not by a Ctrl-click", async () => {
    await signInForRequest(db, deputyId);
    const informatics = await db.course.findFirstOrThrow({ where: { subject: { name: 'Информатика' } } });
    const html = renderToStaticMarkup((await CoursesPage({ searchParams: Promise.resolve({ class: String(fx.classId) }) })) as React.ReactElement);
    const ownForm = html.slice(html.indexOf(`name="courseId" value="${informatics.id}"`));
    // The first box of each teacher after the course's id is in its own form; React writes `checked` before `value`.
    const box = (id: number) => ownForm.match(new RegExp(`<input type="checkbox" name="coTeacherIds"( checked="")? value="${id}"/>`))
      ?.slice(1).map((checked) => (checked ? 'ticked' : 'unticked'))[0];
    expect(box(fx.teacherId)).toBe('ticked');
    expect(box(secondTeacherId)).toBe('unticked');
    expect(html).not.toContain('multiple=""');
    // Unticked and saved: the form sends no coTeacherIds, and the co-teacher is removed.
    const shown = `${secondTeacherId}:${fx.teacherId}`;
    expect(await setCourseTeachersAction({}, form({ courseId: informatics.id, primaryId: secondTeacherId, shown }))).toMatchObject({ ok: true, message: 'Учителя сохранены' });
    expect(await teachersOf(informatics.id)).toEqual([{ teacherId: secondTeacherId, isPrimary: true }]);
  });

  it('shows in the navigation to holders of timetable:manage only', async () => {
    const link = { href: '/admin/courses', label: 'Учебная нагрузка' };
    expect(navigationFor(await actorFor(db, deputyId))).toContainEqual(link);
    expect(navigationFor(await actorFor(db, fx.adminId))).toContainEqual(link);
    expect(navigationFor(await actorFor(db, fx.teacherId))).not.toContainEqual(link);
  });
});
