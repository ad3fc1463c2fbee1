// The move to the next school year, under 'users:manage', on the real database: next year's
// classes created a grade up with the ticked pupils enrolled from the year's first day (their
// class of this year ending with the year), audited; unticked pupils and the 11th grade stay;
// the 9th only when ticked; a class already created, another school's ids, a list changed since
// the form opened and a user without the right are refused with nothing written; the family reads
// this year's diary up to its end under the old class and next year's under the new one.
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import pg from 'pg';
import { resetDb, serverHasManyDatabases, testDb, workerDatabaseUrl } from '../support/db';
import { signInForRequest } from '../support/request-session';
import { actorFor } from '../support/actors';
import { createSchoolFixture, createUser, day, enroll, type SchoolFixture } from '../support/fixtures';
import { form } from '../support/authz-matrix';
import { placePupilsAction, promoteClassesAction } from '@/app/(admin)/admin/promotion/actions';
import PromotionPage from '@/app/(admin)/admin/promotion/page';
import { PromotionForm } from '@/app/(admin)/admin/promotion/promotion-form';
import { navigationFor } from '@/lib/auth/navigation';
import { diaryWeek, type DiaryWeek } from '@/lib/data/diary/week';
import { strandedPupils } from '@/lib/data/promotion-stranded';

const db = testDb();
let fx: SchoolFixture;
let other: SchoolFixture;
let managementId: number;
let halves: number;
let class9: number;
let class10: number;
let class11: number;
let nextYearId: number;

const text = async () => renderToStaticMarkup((await PromotionPage()) as React.ReactElement).replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

/** The form as the page would send it: `classes` ticked, every listed pupil ticked but `untick`. */
async function promoteForm(classes: number[], options: { untick?: number[]; teachers?: Record<number, number | ''>; year?: number; graduate?: number[] } = {}) {
  const graduate = options.graduate ?? [];
  const fields: Record<string, string | number | string[]> = { nextYearId: options.year ?? nextYearId, classes: classes.map(String), graduate: graduate.map(String) };
  const pupils: string[] = [];
  for (const id of [...new Set([...classes, ...graduate])]) {
    const open = await db.enrollment.findMany({ where: { classId: id, endDate: null }, select: { id: true, studentId: true }, orderBy: { id: 'asc' } });
    fields[`shown-${id}`] = open.map((e) => e.id).join(',');
    if (classes.includes(id)) fields[`teacher-${id}`] = options.teachers?.[id] ?? '';
    pupils.push(...open.filter((e) => !options.untick?.includes(e.studentId)).map((e) => String(e.id)));
  }
  return form({ ...fields, pupils });
}

const state = async () => ({
  classes: await db.schoolClass.findMany({ orderBy: { id: 'asc' } }),
  enrollments: await db.enrollment.findMany({ orderBy: { id: 'asc' } }),
  audits: await db.auditLog.count({ where: { action: { in: ['classes.promote', 'classes.place', 'classes.correct', 'classes.graduate'] } } }),
});

beforeAll(async () => {
  await resetDb();
  fx = await createSchoolFixture(db);
  other = await createSchoolFixture(db);
  managementId = await createUser(db, fx.schoolId, ['MANAGEMENT'], { lastName: 'Директорова', firstName: 'Дарья' });
  halves = (await db.periodScheme.create({ data: { schoolId: fx.schoolId, name: 'Полугодия', kind: 'HALF_YEARS' } })).id;
  const klass = async (gradeLevel: number, periodSchemeId: number, pupil: string) => {
    const id = (await db.schoolClass.create({ data: { schoolId: fx.schoolId, academicYearId: fx.academicYearId, gradeLevel, letter: 'А', periodSchemeId } })).id;
    await enroll(db, fx.schoolId, await createUser(db, fx.schoolId, ['STUDENT'], { lastName: pupil, firstName: 'Вера' }), id, '2026-09-01');
    return id;
  };
  class9 = await klass(9, fx.periodSchemeId, 'Девятова');
  class10 = await klass(10, halves, 'Десятова');
  class11 = await klass(11, halves, 'Выпускникова');
});

beforeEach(async () => {
  // Next year's classes go with the year (their enrollments with them); this year's reopen.
  await db.academicYear.deleteMany({ where: { startYear: 2027 } });
  await db.enrollment.updateMany({ where: { schoolClass: { academicYear: { startYear: 2026 } } }, data: { endDate: null } });
  nextYearId = (await db.academicYear.create({
    data: { schoolId: fx.schoolId, startYear: 2027, label: '2027/2028', startDate: day('2027-09-01'), endDate: day('2028-05-31') },
  })).id;
});

describe('promotion to the next year', () => {
  it('creates next year\'s classes a grade up, moves the ticked pupils from 1 September and ends their class with the year; audited', async () => {
    const [moved, stays] = fx.studentIds;
    const graduate = (await db.enrollment.findFirstOrThrow({ where: { classId: class11 } })).studentId;
    await signInForRequest(db, fx.adminId);
    const answer = await promoteClassesAction({}, await promoteForm([fx.classId, class9, class10], { untick: [stays], teachers: { [fx.classId]: fx.teacherId } }));
    expect(answer).toMatchObject({ ok: true, message: 'Создано классов: 3, переведено учеников: 3' });

    const created = await db.schoolClass.findMany({ where: { academicYearId: nextYearId }, orderBy: { gradeLevel: 'asc' } });
    // The scheme follows the grade: 9А becomes a 10th class on halves, as this year's 10th.
    expect(created.map((c) => [`${c.gradeLevel}${c.letter}`, c.periodSchemeId, c.classTeacherId, c.schoolId])).toEqual([
      ['6А', fx.periodSchemeId, fx.teacherId, fx.schoolId],
      ['10А', halves, null, fx.schoolId],
      ['11А', halves, null, fx.schoolId],
    ]);
    const sixth = created[0].id;
    const of = (studentId: number) => db.enrollment.findMany({ where: { studentId }, orderBy: { startDate: 'asc' }, select: { classId: true, startDate: true, endDate: true } });
    expect(await of(moved)).toEqual([
      { classId: fx.classId, startDate: day('2026-09-01'), endDate: day('2027-08-31') },
      { classId: sixth, startDate: day('2027-09-01'), endDate: null },
    ]);
    // Left to repeat the year: still in 5А, nothing ended.
    expect(await of(stays)).toEqual([{ classId: fx.classId, startDate: day('2026-09-01'), endDate: null }]);
    // The 11th grade graduates: no 12th class, the enrollment untouched.
    expect(await of(graduate)).toEqual([{ classId: class11, startDate: day('2026-09-01'), endDate: null }]);
    // Courses are not copied.
    expect(await db.course.count({ where: { academicYearId: nextYearId } })).toBe(0);

    const audit = await db.auditLog.findFirstOrThrow({ where: { action: 'classes.promote', entityId: String(nextYearId) } });
    expect(audit).toMatchObject({ actorId: fx.adminId, schoolId: fx.schoolId, entityType: 'AcademicYear' });
    expect(audit.newValue).toMatchObject({
      endedOn: '2027-08-31', enrolledFrom: '2027-09-01',
      classes: [{ id: sixth, name: '6А', from: '5А', classTeacherId: fx.teacherId, pupils: [moved] }, { name: '10А', from: '9А' }, { name: '11А', from: '10А' }],
    });
    expect(audit.details).toMatchObject({ from: '2026/2027', to: '2027/2028', notMoved: [stays] });
  });

  it('leaves the 9th grade out unless ticked', async () => {
    await signInForRequest(db, fx.adminId);
    expect(await promoteClassesAction({}, await promoteForm([fx.classId]))).toMatchObject({ ok: true });
    expect((await db.schoolClass.findMany({ where: { academicYearId: nextYearId } })).map((c) => `${c.gradeLevel}${c.letter}`)).toEqual(['6А']);
    expect(await db.enrollment.findFirstOrThrow({ where: { classId: class9 } })).toMatchObject({ endDate: null });
  });

  it('refuses a class already created for next year, next to the class, writing nothing', async () => {
    await db.schoolClass.create({ data: { schoolId: fx.schoolId, academicYearId: nextYearId, gradeLevel: 6, letter: 'А', periodSchemeId: fx.periodSchemeId } });
    await signInForRequest(db, fx.adminId);
    const before = await state();
    const answer = await promoteClassesAction({}, await promoteForm([fx.classId, class9]));
    expect(answer.errors).toEqual({
      form: 'Ничего не создано: исправьте отмеченные классы',
      [`class-${fx.classId}`]: 'Класс 6А на 2027/2028 уже создан — возможно, другим пользователем, пока форма была открыта. Снимите отметку с класса 5А или обновите страницу',
    });
    // What was ticked comes back.
    expect(answer.values?.classes).toEqual([String(fx.classId), String(class9)]);
    expect(await state()).toEqual(before);
  });

  it('refuses a second promotion of the same classes (a form opened before someone else\'s)', async () => {
    await signInForRequest(db, fx.adminId);
    const stale = await promoteForm([fx.classId]);
    expect(await promoteClassesAction({}, await promoteForm([fx.classId]))).toMatchObject({ ok: true });
    const before = await state();
    expect((await promoteClassesAction({}, stale)).errors?.[`class-${fx.classId}`]).toContain('Класс 6А на 2027/2028 уже создан');
    expect(await state()).toEqual(before);
  });

  it('refuses a class whose pupils changed since the form was opened', async () => {
    await signInForRequest(db, fx.adminId);
    const stale = await promoteForm([fx.classId]);
    const newcomer = await createUser(db, fx.schoolId, ['STUDENT'], { lastName: 'Новенький', firstName: 'Нил' });
    await enroll(db, fx.schoolId, newcomer, fx.classId, '2026-12-01');
    const before = await state();
    expect((await promoteClassesAction({}, stale)).errors?.[`class-${fx.classId}`]).toBe('Список учеников 5А изменился, пока форма была открыта. Обновите страницу');
    expect(await state()).toEqual(before);
    await db.user.delete({ where: { id: newcomer } });
  });

  it('refuses the 11th grade, another school\'s class, pupil and teacher, and a user without the right', async () => {
    await signInForRequest(db, fx.adminId);
    const before = await state();
    expect((await promoteClassesAction({}, await promoteForm([class11]))).errors?.[`class-${class11}`]).toBe('11А: выпускной класс, на следующий год не переводится');
    expect((await promoteClassesAction({}, await promoteForm([other.classId]))).errors).toEqual({ form: 'Класс не найден в текущем учебном году этой школы' });
    const theirPupil = await db.enrollment.findFirstOrThrow({ where: { classId: other.classId } });
    const withTheirs = await promoteForm([fx.classId]);
    withTheirs.append('pupils', String(theirPupil.id));
    expect((await promoteClassesAction({}, withTheirs)).errors).toEqual({ form: 'Ученик не найден в классах текущего учебного года этой школы' });
    expect((await promoteClassesAction({}, await promoteForm([fx.classId], { teachers: { [fx.classId]: other.teacherId } }))).errors?.[`class-${fx.classId}`])
      .toBe('Классным руководителем может быть только работающий учитель этой школы');
    expect((await promoteClassesAction({}, await promoteForm([fx.classId], { year: other.academicYearId }))).errors?.form).toBe('Учебные годы изменились, пока форма была открыта. Обновите страницу');
    await signInForRequest(db, managementId);
    expect((await promoteClassesAction({}, await promoteForm([fx.classId]))).errors).toEqual({ form: 'Недостаточно прав для этого действия' });
    await signInForRequest(db, fx.teacherId);
    expect((await promoteClassesAction({}, await promoteForm([fx.classId]))).errors).toEqual({ form: 'Недостаточно прав для этого действия' });
    expect(await state()).toEqual(before);
  });

  it('refuses when next year is not created yet, pointing to the study periods page', async () => {
    await db.academicYear.deleteMany({ where: { startYear: 2027 } });
    await signInForRequest(db, fx.adminId);
    const before = await state();
    expect((await promoteClassesAction({}, await promoteForm([fx.classId]))).errors).toEqual({ form: 'Следующий учебный год ещё не заведён: сначала заведите его на странице «Учебные периоды»' });
    expect(await state()).toEqual(before);
    const page = await text();
    expect(page).toContain('Следующий за 2026/2027 учебный год ещё не заведён.');
    expect(renderToStaticMarkup((await PromotionPage()) as React.ReactElement)).toContain('href="/admin/calendar/periods"');
  });

  it('promotes a class sent twice once', async () => {
    await signInForRequest(db, fx.adminId);
    const twice = await promoteForm([fx.classId]);
    twice.append('classes', String(fx.classId));
    expect(await promoteClassesAction({}, twice)).toMatchObject({ ok: true, message: 'Создано классов: 1, переведено учеников: 2' });
  });

  it.skipIf(!serverHasManyDatabases())('waits for a change of the school\'s years in flight: next year deleted meanwhile is named, nothing created', async () => {
    await signInForRequest(db, fx.adminId);
    const sent = await promoteForm([fx.classId]);
    const before = await state();
    // /admin/calendar/periods deleting next year, caught before its COMMIT.
    const periods = new pg.Client({ connectionString: workerDatabaseUrl() });
    await periods.connect();
    try {
      await periods.query('BEGIN');
      await periods.query(`SELECT pg_advisory_xact_lock(hashtext('academic-year'), $1::int)`, [fx.schoolId]);
      await periods.query('DELETE FROM academic_years WHERE id = $1', [nextYearId]);
      const promoting = promoteClassesAction({}, sent);
      await new Promise((resolve) => setTimeout(resolve, 500));
      await periods.query('COMMIT');
      expect((await promoting).errors).toEqual({ form: 'Следующий учебный год ещё не заведён: сначала заведите его на странице «Учебные периоды»' });
    } finally {
      await periods.end();
    }
    expect(await state()).toEqual(before);
  });
});

describe('the family\'s diary across the move', () => {
  const marks = (week: DiaryWeek | null) => week!.days.flatMap((d) => [...d.lessons.flatMap((l) => l.marks), ...d.otherMarks]).map((m) => m.value);

  it('shows this year\'s last week under 5А and next year\'s first under 6А', async () => {
    const pupil = fx.studentIds[0];
    await signInForRequest(db, fx.adminId);
    expect(await promoteClassesAction({}, await promoteForm([fx.classId], { teachers: { [fx.classId]: fx.teacherId } }))).toMatchObject({ ok: true });
    const sixth = (await db.schoolClass.findFirstOrThrow({ where: { academicYearId: nextYearId } })).id;
    const mark = async (courseId: number, date: string, value: string) => {
      const lesson = await db.lesson.create({ data: { schoolId: fx.schoolId, courseId, date: day(date), slot: 1, topic: `Урок ${date}`, teacherId: fx.teacherId } });
      await db.mark.create({ data: { schoolId: fx.schoolId, studentId: pupil, courseId, lessonId: lesson.id, workTypeId: fx.workTypeId, value, numericValue: Number(value), createdById: fx.teacherId, updatedById: fx.teacherId } });
    };
    const nextCourse = (await db.course.create({ data: { schoolId: fx.schoolId, academicYearId: nextYearId, subjectId: fx.subjectId, classId: sixth, gradingScaleId: fx.gradingScaleId } })).id;
    await mark(fx.courseId, '2027-05-25', '4');
    await mark(nextCourse, '2027-09-07', '5');
    const parent = await actorFor(db, fx.parentId);
    const may = await diaryWeek(parent, pupil, '2027-05-24', new Date('2027-05-26T09:00:00Z'));
    expect(may?.student.className).toBe('5А');
    expect(marks(may)).toEqual(['4']);
    const september = await diaryWeek(parent, pupil, '2027-09-06', new Date('2027-09-08T09:00:00Z'));
    expect(september?.student.className).toBe('6А');
    expect(marks(september)).toEqual(['5']);
    await db.mark.deleteMany({ where: { lesson: { date: { gte: day('2027-05-25') } } } });
    await db.lesson.deleteMany({ where: { date: { gte: day('2027-05-25') } } });
  });
});

describe('pupils left behind', () => {
  /** 5А promoted to 6А without `stays`; next year's 5Б (as if from a 4Б) stands ready for the repeater. */
  async function promotedWithRepeater() {
    const stays = fx.studentIds[1];
    await signInForRequest(db, fx.adminId);
    expect(await promoteClassesAction({}, await promoteForm([fx.classId], { untick: [stays] }))).toMatchObject({ ok: true });
    const fifth = await db.schoolClass.create({ data: { schoolId: fx.schoolId, academicYearId: nextYearId, gradeLevel: 5, letter: 'Б', periodSchemeId: fx.periodSchemeId } });
    const enrollment = await db.enrollment.findFirstOrThrow({ where: { studentId: stays, classId: fx.classId } });
    return { stays, fifth: fifth.id, enrollment: enrollment.id };
  }
  const placeForm = (placements: Record<number, number | string>, year = nextYearId) =>
    form({ nextYearId: year, ...Object.fromEntries(Object.entries(placements).map(([e, c]) => [`place-${e}`, String(c)])) });

  it('a repeating pupil joins an existing class of next year from its first day, this year\'s class ending the day before; audited', async () => {
    const { stays, fifth, enrollment } = await promotedWithRepeater();
    const page = await text();
    expect(page).toContain('Классы учеников на 2027/2028');
    expect(page).toContain('Сейчас в 5А Ученик2 Пётр — остаётся в 5А —');
    const html = renderToStaticMarkup((await PromotionPage()) as React.ReactElement);
    expect(html).toContain(`<option value="${fifth}">5Б (2027/2028)</option>`);
    // Each class folds, closed until there is an error or a choice in it.
    expect(html).toContain('<details class="rounded-md border border-line p-2"><summary class="cursor-pointer font-bold">Сейчас в 5А</summary>');
    // 9А, 10А and 11А (not graduated: «Выпуск» not sent) are still without a class of next year.
    expect(await placePupilsAction({}, placeForm({ [enrollment]: fifth }))).toMatchObject({ ok: true, message: 'Зачислено учеников: 1. Ещё без класса: 3' });
    expect(await db.enrollment.findMany({ where: { studentId: stays }, orderBy: { startDate: 'asc' }, select: { classId: true, startDate: true, endDate: true } })).toEqual([
      { classId: fx.classId, startDate: day('2026-09-01'), endDate: day('2027-08-31') },
      { classId: fifth, startDate: day('2027-09-01'), endDate: null },
    ]);
    const audit = await db.auditLog.findFirstOrThrow({ where: { action: 'classes.place', entityId: String(nextYearId) } });
    expect(audit).toMatchObject({
      actorId: fx.adminId, schoolId: fx.schoolId,
      newValue: { pupils: [{ studentId: stays, classId: fifth, className: '5Б' }], endedOn: '2027-08-31', enrolledFrom: '2027-09-01' },
    });
    // Placed: listed among those moved, no longer among those in 5А.
    const after = await text();
    expect(after).not.toContain('Сейчас в 5А');
    expect(after).toContain('Уже переведены в 5Б (2027/2028) Ученик2 Пётр · из 5А');
  });

  it('refuses another school\'s class and pupil, a pupil already moved, a stale form, nothing chosen and a user without the right', async () => {
    const { fifth, enrollment } = await promotedWithRepeater();
    const moved = await db.enrollment.findFirstOrThrow({ where: { studentId: fx.studentIds[0], classId: fx.classId } });
    const theirs = await db.enrollment.findFirstOrThrow({ where: { classId: other.classId } });
    const before = await state();
    expect((await placePupilsAction({}, placeForm({ [enrollment]: other.classId }))).errors).toEqual({
      form: 'Ничего не изменено: исправьте отмеченных учеников', [`pupil-${enrollment}`]: 'Класс не найден среди классов следующего учебного года этой школы',
    });
    // This year's class is not next year's.
    expect((await placePupilsAction({}, placeForm({ [enrollment]: fx.classId }))).errors?.[`pupil-${enrollment}`]).toBe('Класс не найден среди классов следующего учебного года этой школы');
    const notOpen = 'Ученик не найден среди оставшихся в классах текущего учебного года: возможно, его уже перевели, пока форма была открыта. Обновите страницу';
    expect((await placePupilsAction({}, placeForm({ [theirs.id]: fifth }))).errors).toEqual({ form: notOpen });
    expect((await placePupilsAction({}, placeForm({ [moved.id]: fifth }))).errors).toEqual({ form: notOpen });
    expect((await placePupilsAction({}, placeForm({ [enrollment]: fifth }, other.academicYearId))).errors).toEqual({ form: 'Учебные годы изменились, пока форма была открыта. Обновите страницу' });
    const nothing = await placePupilsAction({}, placeForm({ [enrollment]: '' }));
    expect(nothing.errors).toEqual({ form: 'Выберите класс хотя бы для одного ученика' });
    await signInForRequest(db, managementId);
    expect((await placePupilsAction({}, placeForm({ [enrollment]: fifth }))).errors).toEqual({ form: 'Недостаточно прав для этого действия' });
    expect(await state()).toEqual(before);
    // A form sent twice: the second finds the pupil placed.
    await signInForRequest(db, fx.adminId);
    expect(await placePupilsAction({}, placeForm({ [enrollment]: fifth }))).toMatchObject({ ok: true });
    const placed = await state();
    const twice = await placePupilsAction({}, placeForm({ [enrollment]: fifth }));
    expect(twice.errors).toEqual({ form: notOpen });
    expect(twice.values).toEqual({ place: { [String(enrollment)]: String(fifth) }, move: {} });
    expect(await state()).toEqual(placed);
  });

  it('lists the pupils of a class with no class next year (the 11th, a 9th not moved) and places them', async () => {
    await signInForRequest(db, fx.adminId);
    expect(await promoteClassesAction({}, await promoteForm([fx.classId]))).toMatchObject({ ok: true });
    const eleventh = (await db.schoolClass.create({ data: { schoolId: fx.schoolId, academicYearId: nextYearId, gradeLevel: 11, letter: 'Б', periodSchemeId: halves } })).id;
    const page = await text();
    expect(page).toContain('Сейчас в 9А Девятова Вера');
    expect(page).toContain('Сейчас в 11А Выпускникова Вера');
    const repeater = await db.enrollment.findFirstOrThrow({ where: { classId: class11 } });
    expect(await placePupilsAction({}, placeForm({ [repeater.id]: eleventh }))).toMatchObject({ ok: true, message: 'Зачислено учеников: 1. Ещё без класса: 2' });
    expect(await db.enrollment.findMany({ where: { studentId: repeater.studentId }, orderBy: { startDate: 'asc' }, select: { classId: true, endDate: true } })).toEqual([
      { classId: class11, endDate: day('2027-08-31') },
      { classId: eleventh, endDate: null },
    ]);
  });

  it('places a pupil sent twice once, and refuses two classes for one pupil', async () => {
    const { fifth, enrollment } = await promotedWithRepeater();
    const sixth = (await db.schoolClass.findFirstOrThrow({ where: { academicYearId: nextYearId, gradeLevel: 6 } })).id;
    const before = await state();
    const two = placeForm({ [enrollment]: fifth });
    two.append(`place-${enrollment}`, String(sixth));
    expect((await placePupilsAction({}, two)).errors?.[`pupil-${enrollment}`]).toBe('Для ученика выбрано несколько классов: выберите один');
    expect(await state()).toEqual(before);
    const twice = placeForm({ [enrollment]: fifth });
    twice.append(`place-${enrollment}`, String(fifth));
    expect(await placePupilsAction({}, twice)).toMatchObject({ ok: true, message: 'Зачислено учеников: 1. Ещё без класса: 3' });
    expect(await db.enrollment.count({ where: { classId: fifth } })).toBe(1);
  });
});

describe('pupils moved by mistake', () => {
  /** 5А promoted with both pupils (the repeater left ticked); next year's 5Б stands ready. */
  async function promotedTogether() {
    const pupil = fx.studentIds[1];
    await signInForRequest(db, fx.adminId);
    expect(await promoteClassesAction({}, await promoteForm([fx.classId]))).toMatchObject({ ok: true });
    const fifth = (await db.schoolClass.create({ data: { schoolId: fx.schoolId, academicYearId: nextYearId, gradeLevel: 5, letter: 'Б', periodSchemeId: fx.periodSchemeId } })).id;
    const sixth = (await db.schoolClass.findFirstOrThrow({ where: { academicYearId: nextYearId, gradeLevel: 6 } })).id;
    const moved = await db.enrollment.findFirstOrThrow({ where: { studentId: pupil, classId: sixth } });
    const before = await db.enrollment.findFirstOrThrow({ where: { studentId: pupil, classId: fx.classId } });
    return { pupil, fifth, sixth, moved: moved.id, before: before.id };
  }
  /** Per enrollment in next year's class: the class the form showed and the choice (a class id or 'stay'). */
  const moveForm = (moves: Record<number, { shown: number; to: number | 'stay' }>) =>
    form({ nextYearId, ...Object.fromEntries(Object.entries(moves).flatMap(([e, m]) => [[`in-${e}`, String(m.shown)], [`move-${e}`, String(m.to)]])) });
  const of = (studentId: number) => db.enrollment.findMany({ where: { studentId }, orderBy: { startDate: 'asc' }, select: { id: true, classId: true, startDate: true, endDate: true } });

  it('go into another class of next year, or stay in this year\'s class, while next year has not begun; audited with old and new', async () => {
    const { pupil, fifth, sixth, moved, before } = await promotedTogether();
    const page = await text();
    expect(page).toContain('Уже переведены в 6А (2027/2028) Ученик1 Пётр · из 5А — остаётся в 5А — 5Б (2027/2028) 6А (2027/2028) Ученик2 Пётр · из 5А');
    expect(renderToStaticMarkup((await PromotionPage()) as React.ReactElement)).toContain('<option value="stay">— остаётся в 5А —</option>');
    // Sent back is not placed: the page says the pupil still needs a class of next year.
    expect(page).toContain('Вернувшегося тоже нужно зачислить в класс 2027/2028 до 01.09.2027: второгодника — в класс той же параллели');

    expect(await placePupilsAction({}, moveForm({ [moved]: { shown: sixth, to: fifth } }))).toMatchObject({ ok: true, message: 'Исправлено учеников: 1. Ещё без класса: 3' });
    expect(await of(pupil)).toEqual([
      { id: before, classId: fx.classId, startDate: day('2026-09-01'), endDate: day('2027-08-31') },
      { id: moved, classId: fifth, startDate: day('2027-09-01'), endDate: null },
    ]);
    const replaced = await db.auditLog.findFirstOrThrow({ where: { action: 'classes.correct' }, orderBy: { id: 'desc' } });
    expect(replaced).toMatchObject({
      actorId: fx.adminId, schoolId: fx.schoolId, entityId: String(nextYearId),
      oldValue: { pupils: [{ studentId: pupil, enrollmentId: moved, classId: sixth, className: '6А' }] },
      newValue: { pupils: [{ studentId: pupil, enrollmentId: moved, classId: fifth, className: '5Б' }] },
    });

    // Sent back, the pupil is one more without a class of next year, and the message says so.
    expect(await placePupilsAction({}, moveForm({ [moved]: { shown: fifth, to: 'stay' } }))).toMatchObject({ ok: true, message: 'Исправлено учеников: 1. Ещё без класса: 4' });
    expect(await of(pupil)).toEqual([{ id: before, classId: fx.classId, startDate: day('2026-09-01'), endDate: null }]);
    const undone = await db.auditLog.findFirstOrThrow({ where: { action: 'classes.correct' }, orderBy: { id: 'desc' } });
    expect(undone).toMatchObject({
      oldValue: { pupils: [{ studentId: pupil, enrollmentId: moved, classId: fifth, className: '5Б', startDate: '2027-09-01', from: { enrollmentId: before, className: '5А', endDate: '2027-08-31' } }] },
      newValue: { pupils: [{ studentId: pupil, enrollmentId: null, stays: { enrollmentId: before, className: '5А', endDate: null } }] },
    });
    expect(await text()).toContain('Сейчас в 5А Ученик2 Пётр — остаётся в 5А —');
  });

  it('refuses a stale form, another school\'s class, a pupil with marks of next year and one enrolled again later, changing nothing', async () => {
    const { pupil, fifth, sixth, moved } = await promotedTogether();
    const before = await state();
    expect((await placePupilsAction({}, moveForm({ [moved]: { shown: fifth, to: 'stay' } }))).errors).toEqual({ form: 'Ученик2 Пётр: класс ученика изменил другой пользователь, пока форма была открыта. Обновите страницу' });
    expect((await placePupilsAction({}, moveForm({ [moved]: { shown: sixth, to: other.classId } }))).errors?.[`pupil-${moved}`]).toBe('Класс не найден среди классов следующего учебного года этой школы');
    const course = (await db.course.create({ data: { schoolId: fx.schoolId, academicYearId: nextYearId, subjectId: fx.subjectId, classId: sixth, gradingScaleId: fx.gradingScaleId } })).id;
    const lesson = (await db.lesson.create({ data: { schoolId: fx.schoolId, courseId: course, date: day('2027-09-01'), slot: 1, topic: 'Вводный урок', teacherId: fx.teacherId } })).id;
    await db.mark.create({ data: { schoolId: fx.schoolId, studentId: pupil, courseId: course, lessonId: lesson, workTypeId: fx.workTypeId, value: '5', numericValue: 5, createdById: fx.teacherId, updatedById: fx.teacherId } });
    try {
      for (const to of ['stay', fifth] as const) {
        expect((await placePupilsAction({}, moveForm({ [moved]: { shown: sixth, to } }))).errors?.[`pupil-${moved}`]).toBe('У ученика уже есть группы, отметки, посещаемость или индивидуальные домашние задания 2027/2028: сначала удалите их');
      }
    } finally {
      await db.mark.deleteMany({ where: { lessonId: lesson } });
      await db.lesson.delete({ where: { id: lesson } });
      await db.mark.deleteMany({ where: { courseId: course } });
      await db.lesson.deleteMany({ where: { courseId: course } });
      await db.course.delete({ where: { id: course } });
    }
    expect(await state()).toEqual(before);
    // In 6А for September, then 5Б: going back to 5А would overlap September.
    await db.enrollment.update({ where: { id: moved }, data: { endDate: day('2027-09-30') } });
    const later = (await db.enrollment.create({ data: { schoolId: fx.schoolId, studentId: pupil, classId: fifth, startDate: day('2027-10-01') } })).id;
    const overlapping = await state();
    expect((await placePupilsAction({}, moveForm({ [later]: { shown: fifth, to: 'stay' } }))).errors?.[`pupil-${later}`]).toBe('Ученик2 Пётр зачислен(а) и в другой класс после 5А: вернуть в 5А нельзя');
    expect(await state()).toEqual(overlapping);
  });

  it('refuses a correction of a pupil with individual homework of next year, changing nothing', async () => {
    const { pupil, fifth, sixth, moved } = await promotedTogether();
    const course = (await db.course.create({ data: { schoolId: fx.schoolId, academicYearId: nextYearId, subjectId: fx.subjectId, classId: sixth, gradingScaleId: fx.gradingScaleId } })).id;
    const lesson = (await db.lesson.create({ data: { schoolId: fx.schoolId, courseId: course, date: day('2027-09-01'), slot: 1, topic: 'Вводный урок', teacherId: fx.teacherId } })).id;
    await db.homework.create({ data: { schoolId: fx.schoolId, lessonId: lesson, studentId: pupil, text: 'Повторить таблицу умножения', createdById: fx.teacherId } });
    try {
      const before = await state();
      for (const to of ['stay', fifth] as const) {
        expect((await placePupilsAction({}, moveForm({ [moved]: { shown: sixth, to } }))).errors?.[`pupil-${moved}`]).toBe('У ученика уже есть группы, отметки, посещаемость или индивидуальные домашние задания 2027/2028: сначала удалите их');
      }
      expect(await state()).toEqual(before);
    } finally {
      await db.homework.deleteMany({ where: { lessonId: lesson } });
      await db.lesson.delete({ where: { id: lesson } });
      await db.mark.deleteMany({ where: { courseId: course } });
      await db.lesson.deleteMany({ where: { courseId: course } });
      await db.course.delete({ where: { id: course } });
    }
  });
});

describe('last year\'s pupils never placed', () => {
  // This year (2026/2027, begun on the real clock) follows 2025/2026, whose 4Б still holds a pupil
  // never moved up: stranded since 1 September. School B has one too.
  let forgotten: number;
  let enrollment: number;
  let fourth: number;
  let theirs: number;
  const lastYear = (schoolId: number) => db.academicYear.create({ data: { schoolId, startYear: 2025, label: '2025/2026', startDate: day('2025-09-01'), endDate: day('2026-05-31') } });
  beforeEach(async () => {
    const prev = await lastYear(fx.schoolId);
    fourth = (await db.schoolClass.create({ data: { schoolId: fx.schoolId, academicYearId: prev.id, gradeLevel: 4, letter: 'Б', periodSchemeId: fx.periodSchemeId } })).id;
    forgotten = await createUser(db, fx.schoolId, ['STUDENT'], { lastName: 'Забытова', firstName: 'Ольга' });
    enrollment = (await db.enrollment.create({ data: { schoolId: fx.schoolId, studentId: forgotten, classId: fourth, startDate: day('2025-09-01') } })).id;
    const theirYear = await lastYear(other.schoolId);
    const theirClass = (await db.schoolClass.create({ data: { schoolId: other.schoolId, academicYearId: theirYear.id, gradeLevel: 4, letter: 'А', periodSchemeId: other.periodSchemeId } })).id;
    theirs = (await db.enrollment.create({ data: { schoolId: other.schoolId, studentId: await createUser(db, other.schoolId, ['STUDENT'], { lastName: 'Чужая' }), classId: theirClass, startDate: day('2025-09-01') } })).id;
  });
  afterEach(async () => {
    // The pupils go with their enrollments, this year's 5А included.
    await db.user.deleteMany({ where: { lastName: { in: ['Забытова', 'Чужая'] } } });
    await db.academicYear.deleteMany({ where: { startYear: 2025 } });
  });
  const lateForm = (placements: Record<number, number | string>, year = fx.academicYearId) =>
    form({ currentYearId: year, ...Object.fromEntries(Object.entries(placements).map(([e, c]) => [`place-${e}`, String(c)])) });

  it('are listed on the page, also before next year exists, and placed into this year\'s class from its first day; audited', async () => {
    await signInForRequest(db, fx.adminId);
    const page = await text();
    expect(page).toContain('Остались в классах 2025/2026');
    expect(page).toContain('В 4Б (2025/2026) Забытова Ольга — остаётся в 4Б —');
    expect(page).toContain('зачисляет ученика с 01.09.2026');
    expect(page).not.toContain('Чужая');
    expect(renderToStaticMarkup((await PromotionPage()) as React.ReactElement)).toContain(`<option value="${fx.classId}">5А (2026/2027)</option>`);
    await db.academicYear.deleteMany({ where: { startYear: 2027 } });
    const alone = await text();
    expect(alone).toContain('Следующий за 2026/2027 учебный год ещё не заведён');
    expect(alone).toContain('Остались в классах 2025/2026');

    expect(await placePupilsAction({}, lateForm({ [enrollment]: fx.classId }))).toMatchObject({ ok: true, message: 'Зачислено учеников: 1' });
    expect(await db.enrollment.findMany({ where: { studentId: forgotten }, orderBy: { startDate: 'asc' }, select: { classId: true, startDate: true, endDate: true } })).toEqual([
      { classId: fourth, startDate: day('2025-09-01'), endDate: day('2026-08-31') },
      { classId: fx.classId, startDate: day('2026-09-01'), endDate: null },
    ]);
    const audit = await db.auditLog.findFirstOrThrow({ where: { action: 'classes.place', entityId: String(fx.academicYearId) } });
    expect(audit).toMatchObject({
      actorId: fx.adminId, schoolId: fx.schoolId,
      oldValue: { enrollments: [{ id: enrollment, studentId: forgotten, className: '4Б', endDate: null }] },
      newValue: { pupils: [{ studentId: forgotten, classId: fx.classId, className: '5А' }], endedOn: '2026-08-31', enrolledFrom: '2026-09-01' },
      details: { from: '2025/2026', to: '2026/2027' },
    });
    expect(await text()).not.toContain('Остались в классах');
  });

  it('refuses another school\'s class and pupil, last year\'s class, a stale form, a pupil already placed and a user without the right, changing nothing', async () => {
    await signInForRequest(db, fx.adminId);
    const before = await state();
    const noClass = 'Класс не найден среди классов текущего учебного года этой школы';
    expect((await placePupilsAction({}, lateForm({ [enrollment]: other.classId }))).errors).toEqual({ form: 'Ничего не изменено: исправьте отмеченных учеников', [`pupil-${enrollment}`]: noClass });
    expect((await placePupilsAction({}, lateForm({ [enrollment]: fourth }))).errors?.[`pupil-${enrollment}`]).toBe(noClass);
    const notOpen = 'Ученик не найден среди оставшихся в классах прошлого учебного года: возможно, его уже зачислили, пока форма была открыта. Обновите страницу';
    expect((await placePupilsAction({}, lateForm({ [theirs]: fx.classId }))).errors).toEqual({ form: notOpen });
    // A pupil of this year's class is not left in last year's.
    const current = await db.enrollment.findFirstOrThrow({ where: { classId: fx.classId } });
    expect((await placePupilsAction({}, lateForm({ [current.id]: fx.classId }))).errors).toEqual({ form: notOpen });
    expect((await placePupilsAction({}, lateForm({ [enrollment]: fx.classId }, nextYearId))).errors).toEqual({ form: 'Учебные годы изменились, пока форма была открыта. Обновите страницу' });
    expect((await placePupilsAction({}, lateForm({ [enrollment]: '' }))).errors).toEqual({ form: 'Выберите класс хотя бы для одного ученика' });
    await signInForRequest(db, managementId);
    expect((await placePupilsAction({}, lateForm({ [enrollment]: fx.classId }))).errors).toEqual({ form: 'Недостаточно прав для этого действия' });
    expect(await state()).toEqual(before);
    await signInForRequest(db, fx.adminId);
    expect(await placePupilsAction({}, lateForm({ [enrollment]: fx.classId }))).toMatchObject({ ok: true });
    const placed = await state();
    const twice = await placePupilsAction({}, lateForm({ [enrollment]: fx.classId }));
    expect(twice.errors).toEqual({ form: notOpen });
    expect(twice.values?.place).toEqual({ [String(enrollment)]: String(fx.classId) });
    expect(await state()).toEqual(placed);
  });
});

describe('graduation', () => {
  // 11А gets a second pupil who repeats the year; the fixture's parent also guards the graduate.
  let graduate: number;
  let repeater: number;
  beforeEach(async () => {
    graduate = (await db.enrollment.findFirstOrThrow({ where: { classId: class11 } })).studentId;
    repeater = await createUser(db, fx.schoolId, ['STUDENT'], { lastName: 'Второгодникова', firstName: 'Анна' });
    await enroll(db, fx.schoolId, repeater, class11, '2026-09-01');
    await db.guardianship.upsert({ where: { parentId_studentId: { parentId: fx.parentId, studentId: graduate } }, create: { schoolId: fx.schoolId, parentId: fx.parentId, studentId: graduate }, update: {} });
  });
  afterEach(async () => {
    await db.user.deleteMany({ where: { lastName: 'Второгодникова' } });
    await db.guardianship.deleteMany({ where: { studentId: graduate } });
  });
  const of = (studentId: number) => db.enrollment.findMany({ where: { studentId }, orderBy: { startDate: 'asc' }, select: { classId: true, endDate: true } });

  it('ends the ticked 11th graders\' enrollment the day before next year, the unticked stays; audited; shown as done', async () => {
    await signInForRequest(db, fx.adminId);
    expect(await text()).toContain('Выпуск: ученики выбывают 31.08.2027');
    const html = renderToStaticMarkup((await PromotionPage()) as React.ReactElement);
    const box = (id: number) => html.match(new RegExp(`<input[^>]*name="graduate"[^>]*value="${id}"[^>]*>`))?.[0];
    expect(box(class11)).toContain('checked');
    expect(box(class9)).toBeDefined();
    expect(box(class9)).not.toContain('checked');
    expect(box(class10)).toBeUndefined();

    const answer = await promoteClassesAction({}, await promoteForm([], { graduate: [class11], untick: [repeater] }));
    expect(answer).toMatchObject({ ok: true, message: 'Выпущено учеников: 1' });
    expect(await of(graduate)).toEqual([{ classId: class11, endDate: day('2027-08-31') }]);
    expect(await of(repeater)).toEqual([{ classId: class11, endDate: null }]);
    const audit = await db.auditLog.findFirstOrThrow({ where: { action: 'classes.graduate', entityId: String(nextYearId) } });
    const enrollment = (await db.enrollment.findFirstOrThrow({ where: { studentId: graduate } })).id;
    expect(audit).toMatchObject({
      actorId: fx.adminId, schoolId: fx.schoolId, entityType: 'AcademicYear',
      oldValue: { enrollments: [{ id: enrollment, classId: class11, studentId: graduate, endDate: null }] },
      newValue: { enrollments: [{ id: enrollment, classId: class11, studentId: graduate, endDate: '2027-08-31' }] },
      details: { from: '2026/2027', to: '2027/2028', notGraduated: [repeater] },
    });
    // The graduate is no longer left behind; the repeater still is.
    const page = await text();
    expect(page).toContain('Уже выпущен(ы): 1');
    expect(page).not.toContain('Сейчас в 11А Выпускникова Вера');
    // The repeater was left on purpose: a later visit (to promote a 9th, say) does not graduate him by default.
    const after = renderToStaticMarkup((await PromotionPage()) as React.ReactElement);
    expect(after.match(new RegExp(`<input[^>]*name="graduate"[^>]*value="${class11}"[^>]*>`))?.[0]).not.toContain('checked');
    // The graduate is not counted among those still without a class.
    const eleventh = (await db.schoolClass.create({ data: { schoolId: fx.schoolId, academicYearId: nextYearId, gradeLevel: 11, letter: 'Б', periodSchemeId: halves } })).id;
    const repeating = (await db.enrollment.findFirstOrThrow({ where: { studentId: repeater } })).id;
    expect(await placePupilsAction({}, form({ nextYearId, [`place-${repeating}`]: String(eleventh) }))).toMatchObject({ ok: true, message: 'Зачислено учеников: 1. Ещё без класса: 4' });
    expect(await of(repeater)).toEqual([{ classId: class11, endDate: day('2027-08-31') }, { classId: eleventh, endDate: null }]);
    expect(await text()).toContain('11А Выпускной класс: на следующий год класс не создаётся. Выпущен(ы): 1');
    expect(renderToStaticMarkup((await PromotionPage()) as React.ReactElement)).not.toMatch(new RegExp(`name="graduate"[^>]*value="${class11}"`));
  });

  it('graduates a 9th only when ticked, and not with its promotion', async () => {
    await signInForRequest(db, fx.adminId);
    expect(await promoteClassesAction({}, await promoteForm([fx.classId]))).toMatchObject({ ok: true });
    const nine = (await db.enrollment.findFirstOrThrow({ where: { classId: class9 } })).studentId;
    expect(await of(nine)).toEqual([{ classId: class9, endDate: null }]);
    const before = await state();
    expect((await promoteClassesAction({}, await promoteForm([class9], { graduate: [class9] }))).errors?.[`class-${class9}`])
      .toBe('9А: класс либо переходит в 10 класс, либо выпускается — снимите одну из отметок');
    expect(await state()).toEqual(before);
    expect(await promoteClassesAction({}, await promoteForm([], { graduate: [class9] }))).toMatchObject({ ok: true, message: 'Выпущено учеников: 1' });
    expect(await of(nine)).toEqual([{ classId: class9, endDate: day('2027-08-31') }]);
    // The class that left offers nothing more: no «переходит в 10 класс», no «учеников: 0».
    const page = await text();
    expect(page).toContain('9А → 10А Выпущен(ы): 1');
    expect(page).not.toContain('Класс переходит в 10 класс');
  });

  it('refuses a class of another grade, another school\'s class and pupil, a stale list and a user without the right, changing nothing', async () => {
    await signInForRequest(db, fx.adminId);
    const before = await state();
    expect((await promoteClassesAction({}, await promoteForm([], { graduate: [class10] }))).errors?.[`class-${class10}`]).toBe('10А: выпускаются только 11 и 9 классы');
    expect((await promoteClassesAction({}, await promoteForm([], { graduate: [other.classId] }))).errors).toEqual({ form: 'Класс не найден в текущем учебном году этой школы' });
    const theirPupil = await db.enrollment.findFirstOrThrow({ where: { classId: other.classId } });
    const withTheirs = await promoteForm([], { graduate: [class11] });
    withTheirs.append('pupils', String(theirPupil.id));
    expect((await promoteClassesAction({}, withTheirs)).errors).toEqual({ form: 'Ученик не найден в классах текущего учебного года этой школы' });
    const stale = await promoteForm([], { graduate: [class11] });
    stale.set(`shown-${class11}`, String((await db.enrollment.findFirstOrThrow({ where: { studentId: graduate } })).id));
    const refused = await promoteClassesAction({}, stale);
    expect(refused.errors?.[`class-${class11}`]).toBe('Список учеников 11А изменился, пока форма была открыта. Обновите страницу');
    expect(refused.values?.graduate).toEqual([String(class11)]);
    await signInForRequest(db, managementId);
    expect((await promoteClassesAction({}, await promoteForm([], { graduate: [class11] }))).errors).toEqual({ form: 'Недостаточно прав для этого действия' });
    expect(await state()).toEqual(before);
  });

  it('leaves the graduates out of the pupils stranded once next year has begun, and the family still reads their last year\'s diary', async () => {
    await signInForRequest(db, fx.adminId);
    expect(await promoteClassesAction({}, await promoteForm([], { graduate: [class11], untick: [repeater] }))).toMatchObject({ ok: true });
    const admin = await actorFor(db, fx.adminId);
    // As the page reads it from 1 September 2027 on: 2026/2027 is last year.
    const stranded = await strandedPupils(db, admin, { id: nextYearId, label: '2027/2028', startYear: 2027, startDate: '2027-09-01' });
    expect(stranded?.pupils.map((p) => p.className)).toContain('11А');
    expect(stranded?.pupils.map((p) => p.studentId)).not.toContain(graduate);
    expect(stranded?.pupils.map((p) => p.studentId)).toContain(repeater);

    const course = (await db.course.create({ data: { schoolId: fx.schoolId, academicYearId: fx.academicYearId, subjectId: fx.subjectId, classId: class11, gradingScaleId: fx.gradingScaleId } })).id;
    const lesson = await db.lesson.create({ data: { schoolId: fx.schoolId, courseId: course, date: day('2027-05-25'), slot: 1, topic: 'Повторение', teacherId: fx.teacherId } });
    await db.mark.create({ data: { schoolId: fx.schoolId, studentId: graduate, courseId: course, lessonId: lesson.id, workTypeId: fx.workTypeId, value: '5', numericValue: 5, createdById: fx.teacherId, updatedById: fx.teacherId } });
    try {
      const week = await diaryWeek(await actorFor(db, fx.parentId), graduate, '2027-05-24', new Date('2027-09-15T09:00:00Z'));
      expect(week?.student.className).toBe('11А');
      expect(week!.days.flatMap((d) => d.lessons.flatMap((l) => l.marks)).map((m) => m.value)).toEqual(['5']);
    } finally {
      await db.mark.deleteMany({ where: { courseId: course } });
      await db.lesson.deleteMany({ where: { courseId: course } });
      await db.course.delete({ where: { id: course } });
    }
  });
});

describe('the page', () => {
  it('lists this year\'s classes with their pupils and what each becomes, the 9th unticked, the 11th graduating', async () => {
    await signInForRequest(db, fx.adminId);
    const page = await text();
    expect(page).toContain('Переход на новый учебный год');
    expect(page).toContain('5А → 6А · учеников: 2');
    expect(page).toContain('Создать 6А на 2027/2028 и перевести в него учеников');
    expect(page).toContain('Ученик1 Пётр — переводится');
    expect(page).toContain('Класс переходит в 10 класс (10А)');
    expect(page).toContain('11А · учеников: 1 Выпускной класс: на следующий год класс не создаётся.');
    expect(page).toContain('Предметы и учебная нагрузка не копируются');
    const html = renderToStaticMarkup((await PromotionPage()) as React.ReactElement);
    const box = (id: number) => html.match(new RegExp(`<input[^>]*name="classes"[^>]*value="${id}"[^>]*>`))?.[0];
    expect(box(fx.classId)).toContain('checked');
    expect(box(class9)).not.toContain('checked');
    // The class teacher of this year is proposed for next year's class.
    expect(html).toMatch(new RegExp(`<option value="${fx.teacherId}" selected="">`));
  });

  it('says of a class already promoted who is left in it, not «учеников: 0»', () => {
    const promoted = { id: 1, name: '5А', classTeacherId: null, byDefault: true, graduation: null, target: { name: '6А', gradeLevel: 6, letter: 'А', periodSchemeId: 1, scheme: 'Четверти', exists: true } };
    const html = (pupils: { enrollmentId: number; studentId: number; name: string }[]) =>
      renderToStaticMarkup(createElement(PromotionForm, { nextYearId: 1, nextLabel: '2027/2028', endedOn: '31.08.2027', teachers: [], classes: [{ ...promoted, pupils }] })).replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
    expect(html([])).toContain('5А → 6А Класс 6А на 2027/2028 уже создан.');
    expect(html([])).not.toContain('учеников:');
    expect(html([{ enrollmentId: 7, studentId: 8, name: 'Ученик2 Пётр' }])).toContain('Не переведены: 1 — их класс на 2027/2028 выбирают ниже.');
  });

  it('is linked for holders of the right only', async () => {
    expect(navigationFor(await actorFor(db, fx.adminId)).map((i) => i.href)).toContain('/admin/promotion');
    expect(navigationFor(await actorFor(db, managementId)).map((i) => i.href)).not.toContain('/admin/promotion');
  });
});
