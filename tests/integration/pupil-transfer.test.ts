// A pupil's class during the year (lib/data/pupil-class-change.ts), against the real database:
// a transfer to another class in the middle of a week, leaving the school, enrolling again, and
// each refusal (nothing changed). What the journals and the diary show afterwards is what the
// teachers and the family see. Dates are fixed (`NOW`) except where the actions read the clock.
import { renderToStaticMarkup } from 'react-dom/server';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { resetDb, testDb } from '../support/db';
import { actorFor } from '../support/actors';
import { signInForRequest } from '../support/request-session';
import { form } from '../support/authz-matrix';
import { createSchoolFixture, createUser, day, enroll, type SchoolFixture } from '../support/fixtures';
import type { Actor } from '@/lib/auth/actor';
import { enrolPupil, pupilLeaves, transferPupil } from '@/lib/data/pupil-class-change';
import { enrollmentsVersion, pupilEnrollments } from '@/lib/data/pupil-class';
import { isEnrollmentOverlap } from '@/lib/data/db-errors';
import { loadJournalGrid } from '@/lib/data/journal/grid';
import { readableDiaryPupil } from '@/lib/data/scope-sql';
import { diaryWeek } from '@/lib/data/diary/week';
import { pupilClassAction } from '@/app/(admin)/admin/users/[userId]/pupil-class-actions';
import UserPage from '@/app/(admin)/admin/users/[userId]/page';

const db = testDb();
// Friday 2 October 2026, in the first term (1 September – 25 October).
const NOW = new Date('2026-10-02T09:00:00Z');
// The week of the move: Monday 21 – Friday 25 September; the first day in 5Б is Wednesday 23.
const MOVE_WEEK = '2026-09-21';

let fx: SchoolFixture;
let other: SchoolFixture;
let pupil: number;
let classB: number;
let courseB: number;
let secondTerm: number;
let admin: Actor;
let formerTeacher: Actor;
let newTeacher: Actor;
let parent: Actor;
let management: Actor;

const version = async (studentId = pupil, schoolId = fx.schoolId) => enrollmentsVersion(await pupilEnrollments(db, schoolId, studentId));
const enrollments = () => db.enrollment.findMany({ orderBy: { id: 'asc' } });
const audits = () => db.auditLog.count();
const rows = async (studentId = pupil) =>
  (await db.enrollment.findMany({ where: { studentId }, orderBy: { startDate: 'asc' }, include: { schoolClass: true } }))
    .map((e) => `${e.schoolClass.gradeLevel}${e.schoolClass.letter} ${e.startDate.toISOString().slice(0, 10)}..${e.endDate?.toISOString().slice(0, 10) ?? ''}`);

/** A lesson of `courseId` on `date`, and the pupil's mark in it when `mark` is given. */
async function lesson(courseId: number, teacherId: number, date: string, mark?: string) {
  const slot = courseId === fx.courseId ? 1 : 2;
  const l = await db.lesson.findFirst({ where: { courseId, date: day(date), slot } })
    ?? await db.lesson.create({ data: { schoolId: fx.schoolId, courseId, date: day(date), slot, topic: `Урок ${date}`, teacherId } });
  if (mark) {
    await db.mark.create({
      data: { schoolId: fx.schoolId, studentId: pupil, courseId, lessonId: l.id, workTypeId: fx.workTypeId, value: mark, numericValue: Number(mark), createdById: teacherId, updatedById: teacherId },
    });
  }
  return l.id;
}

beforeAll(async () => {
  await resetDb();
  fx = await createSchoolFixture(db, { pupils: 2 });
  other = await createSchoolFixture(db);
  pupil = fx.studentIds[0];
  const newTeacherId = await createUser(db, fx.schoolId, ['TEACHER'], { lastName: 'Новикова', firstName: 'Нина' });
  classB = (await db.schoolClass.create({
    data: { schoolId: fx.schoolId, academicYearId: fx.academicYearId, gradeLevel: 5, letter: 'Б', classTeacherId: newTeacherId, periodSchemeId: fx.periodSchemeId },
  })).id;
  const biology = await db.subject.create({ data: { schoolId: fx.schoolId, name: 'Биология', shortName: 'Био' } });
  courseB = (await db.course.create({
    data: { schoolId: fx.schoolId, academicYearId: fx.academicYearId, subjectId: biology.id, classId: classB, gradingScaleId: fx.gradingScaleId, teachers: { create: { schoolId: fx.schoolId, teacherId: newTeacherId, isPrimary: true } } },
  })).id;
  secondTerm = (await db.studyPeriod.create({
    data: { schoolId: fx.schoolId, academicYearId: fx.academicYearId, schemeId: fx.periodSchemeId, name: '2 четверть', ordinal: 2, startDate: day('2026-11-09'), endDate: day('2026-12-30') },
  })).id;
  // Every school day of the move's week: mathematics of 5А and biology of 5Б.
  for (const date of ['2026-09-21', '2026-09-22', '2026-09-23', '2026-09-24', '2026-09-25']) {
    await lesson(fx.courseId, fx.teacherId, date);
    await lesson(courseB, newTeacherId, date);
  }
  await lesson(fx.courseId, fx.teacherId, '2026-11-10');
  await lesson(courseB, newTeacherId, '2026-11-10');
  admin = await actorFor(db, fx.adminId);
  formerTeacher = await actorFor(db, fx.teacherId);
  newTeacher = await actorFor(db, newTeacherId);
  parent = await actorFor(db, fx.parentId);
  management = await actorFor(db, await createUser(db, fx.schoolId, ['MANAGEMENT'], { lastName: 'Завучева', firstName: 'Зоя' }));
});

beforeEach(async () => {
  // Both pupils in 5А from 1 September, accounts on, no marks: as the fixture made them.
  await db.mark.deleteMany({});
  await db.enrollment.deleteMany({ where: { studentId: { in: fx.studentIds } } });
  for (const id of fx.studentIds) await enroll(db, fx.schoolId, id, fx.classId, '2026-09-01');
  await db.user.updateMany({ where: { id: { in: fx.studentIds } }, data: { active: true } });
});

describe('transfer to another class in the middle of a week', () => {
  it('ends 5А on Tuesday and starts 5Б on Wednesday, in the journals, the diary and the audit', async () => {
    const answer = await transferPupil(admin, { studentId: pupil, classId: classB, date: '2026-09-23', version: await version() }, NOW);
    expect(answer).toEqual({ ok: true, groupsLink: null, message: 'Ученик переведён из 5А в 5Б: последний день в 5А — 22.09.2026, в 5Б — с 23.09.2026.' });
    expect(await rows()).toEqual(['5А 2026-09-01..2026-09-22', '5Б 2026-09-23..']);

    // The journals: 5А's mathematics lists the pupil up to Tuesday and not at all in the second
    // term; 5Б's biology from Wednesday on.
    const grid = async (actor: Actor, courseId: number, periodId: number) =>
      (await loadJournalGrid(actor, courseId, periodId, NOW))!.pupils.filter((p) => p.id === pupil).map((p) => p.ranges);
    expect(await grid(formerTeacher, fx.courseId, fx.studyPeriodId)).toEqual([[{ startDate: '2026-09-01', endDate: '2026-09-22' }]]);
    expect(await grid(formerTeacher, fx.courseId, secondTerm)).toEqual([]);
    expect(await grid(newTeacher, courseB, fx.studyPeriodId)).toEqual([[{ startDate: '2026-09-23', endDate: null }]]);
    expect(await grid(newTeacher, courseB, secondTerm)).toEqual([[{ startDate: '2026-09-23', endDate: null }]]);

    // The diary: 5А's class teacher reads up to Tuesday, 5Б's from Wednesday (and on).
    expect((await readableDiaryPupil(formerTeacher, pupil, NOW))?.readableUntil).toBe('2026-09-22');
    expect((await readableDiaryPupil(newTeacher, pupil, NOW))?.readableUntil).toBeNull();
    expect(await diaryWeek(formerTeacher, pupil, '2026-09-28', NOW)).toBeNull();
    const subjectsByDay = async (actor: Actor) =>
      Object.fromEntries((await diaryWeek(actor, pupil, MOVE_WEEK, NOW))!.days.map((d) => [d.date, d.lessons.map((l) => l.subject)]));
    // The week of the move shows each day's own class: mathematics Monday–Tuesday, biology after.
    const week = { '2026-09-21': ['Математика'], '2026-09-22': ['Математика'], '2026-09-23': ['Биология'], '2026-09-24': ['Биология'], '2026-09-25': ['Биология'] };
    expect(await subjectsByDay(parent)).toEqual(week);
    expect(await subjectsByDay(newTeacher)).toEqual(week);
    expect(await subjectsByDay(formerTeacher)).toEqual({ ...week, '2026-09-23': [], '2026-09-24': [], '2026-09-25': [] });
    expect((await diaryWeek(newTeacher, pupil, MOVE_WEEK, NOW))!.student.className).toBe('5Б');

    const audit = await db.auditLog.findFirstOrThrow({ where: { action: 'pupil.transfer', entityId: String(pupil) } });
    expect(audit).toMatchObject({ actorId: fx.adminId, entityType: 'User' });
    expect(audit.oldValue).toMatchObject({ enrollment: { classId: fx.classId, className: '5А', startDate: '2026-09-01', endDate: null } });
    expect(audit.newValue).toMatchObject({ ended: { className: '5А', endDate: '2026-09-22' }, created: { classId: classB, className: '5Б', startDate: '2026-09-23', endDate: null } });
  });

  it('points to the teaching load when the new class has split groups', async () => {
    const group = await db.studyGroup.create({ data: { schoolId: fx.schoolId, academicYearId: fx.academicYearId, classId: classB, kind: 'SUBGROUP', name: '1 группа' } });
    const english = await db.subject.create({ data: { schoolId: fx.schoolId, name: 'Английский язык', shortName: 'Англ' } });
    await db.course.create({ data: { schoolId: fx.schoolId, academicYearId: fx.academicYearId, subjectId: english.id, groupId: group.id, gradingScaleId: fx.gradingScaleId } });
    try {
      const answer = await transferPupil(admin, { studentId: pupil, classId: classB, date: '2026-09-23', version: await version() }, NOW);
      expect(answer).toMatchObject({ ok: true, groupsLink: `/admin/courses?class=${classB}` });
      expect(answer.ok && answer.message).toContain('распределите ученика в группу');
    } finally {
      await db.course.deleteMany({ where: { subjectId: english.id } });
      await db.studyGroup.delete({ where: { id: group.id } });
    }
  });
});

describe('leaving the school and coming back', () => {
  it('ends the enrollment, turns the login off and ends the sessions; the family still opens the past weeks', async () => {
    const session = await actorFor(db, pupil);
    const answer = await pupilLeaves(admin, { studentId: pupil, date: '2026-09-30', reason: 'приказ № 45 от 30.09.2026, выбыл в МБОУ СОШ № 3', disableLogin: true, version: await version() }, NOW);
    expect(answer).toMatchObject({ ok: true, message: 'Выбытие записано: последний день ученика в школе (5А) — 30.09.2026. Вход ученика отключён, открытые сеансы завершены. Родители видят дневник до этого дня.' });
    expect(await rows()).toEqual(['5А 2026-09-01..2026-09-30']);
    expect(await db.user.findUniqueOrThrow({ where: { id: pupil } })).toMatchObject({ active: false });
    expect(await db.userSession.findUniqueOrThrow({ where: { id: session.sessionId } })).toMatchObject({ endedAt: expect.any(Date) });
    const audit = await db.auditLog.findFirstOrThrow({ where: { action: 'pupil.leave', entityId: String(pupil) } });
    expect(audit.details).toEqual({ reason: 'приказ № 45 от 30.09.2026, выбыл в МБОУ СОШ № 3', loginDisabled: true });
    expect(audit.newValue).toMatchObject({ enrollment: { endDate: '2026-09-30' } });
    expect(await db.auditLog.count({ where: { action: 'user.deactivate', entityId: String(pupil) } })).toBe(1);

    // The parent opens the diary's past weeks (a week after the leaving shows no lessons).
    const week = await diaryWeek(parent, pupil, MOVE_WEEK, NOW);
    expect(week!.days.map((d) => d.lessons.map((l) => l.subject))).toEqual([['Математика'], ['Математика'], ['Математика'], ['Математика'], ['Математика']]);
    expect((await diaryWeek(parent, pupil, '2026-11-09', NOW))!.days.flatMap((d) => d.lessons)).toEqual([]);

    // Enrolled again: not over the old enrollment, then from a later day; the login stays off.
    const later = new Date('2026-10-20T09:00:00Z');
    const before = await enrollments();
    expect(await enrolPupil(admin, { studentId: pupil, classId: classB, date: '2026-09-28', version: await version() }, later)).toEqual({
      ok: false, field: 'date', error: 'Даты пересекаются с зачислением в 5А (01.09.2026 – 30.09.2026): выберите первый день после 30.09.2026',
    });
    expect(await enrollments()).toEqual(before);
    const back = await enrolPupil(admin, { studentId: pupil, classId: classB, date: '2026-10-19', version: await version() }, later);
    expect(back).toMatchObject({ ok: true, message: 'Ученик зачислен в 5Б с 19.10.2026. Вход ученика отключён: включите его кнопкой «Включить», если ученик снова пользуется дневником.' });
    expect(await rows()).toEqual(['5А 2026-09-01..2026-09-30', '5Б 2026-10-19..']);
    expect(await db.auditLog.findFirstOrThrow({ where: { action: 'pupil.enrol', entityId: String(pupil) } })).toMatchObject({ newValue: { created: { className: '5Б', startDate: '2026-10-19' } } });
  });

  it('keeps the login on when not ticked', async () => {
    const answer = await pupilLeaves(admin, { studentId: pupil, date: '2026-10-02', reason: '', disableLogin: false, version: await version() }, NOW);
    expect(answer).toMatchObject({ ok: true });
    expect(await db.user.findUniqueOrThrow({ where: { id: pupil } })).toMatchObject({ active: true });
    expect(await db.auditLog.findFirstOrThrow({ where: { action: 'pupil.leave', entityId: String(pupil) }, orderBy: { id: 'desc' } })).toMatchObject({ details: { reason: null, loginDisabled: false } });
  });
});

describe('refusals change nothing', () => {
  const refused = async (run: () => Promise<unknown>, expected: object) => {
    const [rowsBefore, auditsBefore] = [await enrollments(), await audits()];
    expect(await run()).toEqual({ ok: false, ...expected });
    expect(await enrollments()).toEqual(rowsBefore);
    expect(await audits()).toBe(auditsBefore);
  };

  it('refuses each bad transfer with its message next to the field', async () => {
    const v = await version();
    const move = (input: Partial<Parameters<typeof transferPupil>[1]>) => () => transferPupil(admin, { studentId: pupil, classId: classB, date: '2026-09-23', version: v, ...input }, NOW);
    await refused(move({ classId: fx.classId }), { field: 'classId', error: 'Ученик уже учится в 5А: выберите другой класс' });
    const outside = { field: 'date', error: 'Первый день в новом классе должен быть в пределах учебного года и после начала учёбы в 5А: с 02.09.2026 по 31.05.2027' };
    await refused(move({ date: '2027-06-01' }), outside);
    await refused(move({ date: '2026-09-01' }), outside);
    await refused(move({ classId: other.classId }), { field: 'classId', error: 'Класс не найден среди классов 2026/2027 учебного года этой школы' });
    // Still in last year's class (never placed by the promotion): placed on the promotion page.
    const lastYear = await db.academicYear.create({ data: { schoolId: fx.schoolId, startYear: 2025, label: '2025/2026', startDate: day('2025-09-01'), endDate: day('2026-05-31') } });
    const class4 = await db.schoolClass.create({ data: { schoolId: fx.schoolId, academicYearId: lastYear.id, gradeLevel: 4, letter: 'А', periodSchemeId: fx.periodSchemeId } });
    const stranded = await createUser(db, fx.schoolId, ['STUDENT'], { lastName: 'Оставленный', firstName: 'Олег' });
    await enroll(db, fx.schoolId, stranded, class4.id, '2025-09-01');
    await refused(async () => transferPupil(admin, { studentId: stranded, classId: classB, date: '2026-10-01', version: await version(stranded) }, NOW), {
      field: 'classId', error: 'Ученик всё ещё числится в 4А прошлого учебного года (2025/2026): определите его в класс этого года на странице «Переход на новый учебный год»',
    });
    await db.academicYear.delete({ where: { id: lastYear.id } });
    await refused(() => transferPupil(admin, { studentId: other.studentIds[0], classId: other.classId, date: '2026-09-23', version: '' }, NOW), { error: 'Ученик не найден' });
    await refused(move({ version: `${v},0:0:2026-09-01:` }), { error: expect.stringContaining('Классы ученика изменились, пока форма была открыта') });
    await refused(() => transferPupil(management, { studentId: pupil, classId: classB, date: '2026-09-23', version: v }, NOW), { error: 'Недостаточно прав для этого действия' });

    // A form shown before another administrator's change is stale.
    expect(await pupilLeaves(admin, { studentId: pupil, date: '2026-12-30', reason: '', disableLogin: false, version: v }, NOW)).toMatchObject({ ok: true });
    await refused(move({ date: '2026-12-01' }), { error: expect.stringContaining('Классы ученика изменились, пока форма была открыта') });
    await db.enrollment.updateMany({ where: { studentId: pupil }, data: { endDate: null } });

    // Back-dated before the pupil's marks in 5А: they would leave 5А's journal.
    await lesson(fx.courseId, fx.teacherId, '2026-09-29', '5');
    await refused(move({}), {
      field: 'date',
      error: 'В журнале 5А у ученика есть записи с 23.09.2026 (отметок — 1), последняя — за 29.09.2026. После изменения они пропали бы из журнала класса: выберите дату после 29.09.2026 или сначала удалите эти записи.',
    });
    expect(await transferPupil(admin, { studentId: pupil, classId: classB, date: '2026-09-30', version: v }, NOW)).toMatchObject({ ok: true });
  });

  it('offers no transfer or leaving to a pupil without a class today, and no enrolment to one in a class', async () => {
    await db.enrollment.updateMany({ where: { studentId: pupil }, data: { endDate: day('2026-09-30') } });
    const v = await version();
    await refused(() => transferPupil(admin, { studentId: pupil, classId: classB, date: '2026-10-02', version: v }, NOW), { field: 'classId', error: 'Ученик сегодня не учится ни в одном классе: переводить неоткуда. Зачислите его в класс.' });
    await refused(() => pupilLeaves(admin, { studentId: pupil, date: '2026-10-02', reason: '', disableLogin: true, version: v }, NOW), { field: 'date', error: 'Ученик сегодня не учится ни в одном классе: выбытие уже записано или ученик не зачислен' });
    const inClass = fx.studentIds[1];
    await refused(() => enrolPupil(admin, { studentId: inClass, classId: classB, date: '2026-10-02', version: '' }, NOW), { error: expect.stringContaining('Классы ученика изменились') });
    await refused(async () => enrolPupil(admin, { studentId: inClass, classId: classB, date: '2026-10-02', version: await version(inClass) }, NOW), { field: 'classId', error: 'Ученик сегодня учится в 5А: чтобы сменить класс, переведите его' });
    await refused(() => enrolPupil(admin, { studentId: pupil, classId: other.classId, date: '2026-10-02', version: v }, NOW), { field: 'classId', error: 'Класс не найден среди классов текущего учебного года этой школы' });
    await refused(() => enrolPupil(admin, { studentId: pupil, classId: classB, date: '2027-06-01', version: v }, NOW), { field: 'date', error: 'Первый день в классе должен быть в пределах 2026/2027 учебного года: с 01.09.2026 по 31.05.2027' });
  });

  it('refuses a leaving before the pupil\'s marks, a long reason, and a reader of people', async () => {
    await lesson(fx.courseId, fx.teacherId, '2026-09-24', '4');
    const absent = await db.attendance.create({ data: { schoolId: fx.schoolId, studentId: pupil, lessonId: await lesson(fx.courseId, fx.teacherId, '2026-09-23'), code: 'ABSENT', createdById: fx.teacherId, updatedById: fx.teacherId } });
    const v = await version();
    const leave = (input: Partial<Parameters<typeof pupilLeaves>[1]>, actor = admin) => () => pupilLeaves(actor, { studentId: pupil, date: '2026-09-22', reason: '', disableLogin: true, version: v, ...input }, NOW);
    await refused(leave({}), { field: 'date', error: expect.stringContaining('В журнале 5А у ученика есть записи с 23.09.2026 (отметок — 1, записей посещаемости — 1), последняя — за 24.09.2026') });
    await db.attendance.delete({ where: { id: absent.id } });
    await refused(leave({ date: '2026-09-25', reason: 'я'.repeat(201) }), { field: 'reason', error: 'Не длиннее 200 символов' });
    await refused(leave({ date: '2026-09-25' }, management), { error: 'Недостаточно прав для этого действия' });
    // A transfer dated ahead: the leaving waits for that class.
    await db.mark.deleteMany({});
    expect(await transferPupil(admin, { studentId: pupil, classId: classB, date: '2026-10-12', version: v }, NOW)).toMatchObject({ ok: true });
    await refused(async () => pupilLeaves(admin, { studentId: pupil, date: '2026-10-05', reason: '', disableLogin: true, version: await version() }, NOW), {
      field: 'date', error: 'Ученик уже зачислен в 5Б (2026/2027) с 12.10.2026: запишите выбытие из этого класса, когда учёба в нём начнётся',
    });
    expect(await db.user.findUniqueOrThrow({ where: { id: pupil } })).toMatchObject({ active: true });
  });
});

it("recognises the database's refusal of overlapping enrollments (a change racing this one)", async () => {
  const error = await enroll(db, fx.schoolId, pupil, classB, '2026-10-01').catch((e: unknown) => e);
  expect(isEnrollmentOverlap(error)).toBe(true);
  expect(isEnrollmentOverlap(new Error('connection lost'))).toBe(false);
});

describe('the form and the page', () => {
  it('answers in Russian next to the field, and refuses a reader of people', async () => {
    await signInForRequest(db, fx.adminId);
    const fields = { command: 'transfer', studentId: pupil, version: await version(), classId: classB };
    expect(await pupilClassAction({}, form({ ...fields, date: '31.13.2026' }))).toMatchObject({ command: 'transfer', errors: { date: 'Укажите дату в формате ДД.ММ.ГГГГ' }, values: { date: '31.13.2026' } });
    expect(await pupilClassAction({}, form({ ...fields, classId: '', date: '2026-10-01' }))).toMatchObject({ errors: { classId: 'Выберите класс' } });
    const tooLong = await pupilClassAction({}, form({ command: 'leave', studentId: pupil, version: await version(), date: '2026-10-01', reason: 'я'.repeat(201) }));
    expect(tooLong).toMatchObject({ errors: { reason: 'Не длиннее 200 символов' }, values: { reason: 'я'.repeat(201), disableLogin: '' } });
    await signInForRequest(db, management.id);
    expect(await pupilClassAction({}, form({ ...fields, date: '2026-10-01' }))).toMatchObject({ errors: { form: 'Недостаточно прав для этого действия' } });
    expect(await rows()).toEqual(['5А 2026-09-01..']);
    // The administrator's transfer, dated inside the year whatever today is.
    await signInForRequest(db, fx.adminId);
    expect(await pupilClassAction({}, form({ ...fields, date: '2026-10-01' }))).toMatchObject({ ok: true, message: expect.stringContaining('в 5Б — с 01.10.2026') });
  });

  it("shows the section «Класс» on the pupil's page", async () => {
    await db.enrollment.updateMany({ where: { studentId: pupil }, data: { endDate: day('2026-09-22') } });
    await enroll(db, fx.schoolId, pupil, classB, '2026-09-23');
    await signInForRequest(db, fx.adminId);
    const text = renderToStaticMarkup((await UserPage({ params: Promise.resolve({ userId: String(pupil) }) })) as React.ReactElement).replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
    expect(text).toContain('Класс Сегодня: 5Б (2026/2027)');
    expect(text).toContain('5Б 2026/2027 с 23.09.2026 по настоящее время 5А 2026/2027 с 01.09.2026 по 22.09.2026');
    expect(text).toContain('Перевести в другой класс');
    expect(text).toContain('Выбытие из школы');
    expect(text).not.toContain('Зачислить в класс');
    // A reader of people (management) sees the classes, not the forms.
    await signInForRequest(db, management.id);
    const read = renderToStaticMarkup((await UserPage({ params: Promise.resolve({ userId: String(pupil) }) })) as React.ReactElement);
    expect(read).toContain('Сегодня: <b>5Б</b>');
    expect(read).not.toContain('Перевести');
  });
});
