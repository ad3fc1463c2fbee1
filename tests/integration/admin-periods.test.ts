// The dates of the study periods and the next academic year, set under 'school:settings': a
// period's dates changed with an audit row, refused (Russian error next to the field, nothing
// changed) when closed, outside the year, out of order with its neighbours, leaving recorded
// lessons outside every period, or over someone else's change; the next year created with a copy
// of this year's periods a year on; other schools' records and people without the right refused.
import { renderToStaticMarkup } from 'react-dom/server';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { resetDb, testDb } from '../support/db';
import { signInForRequest } from '../support/request-session';
import { createMark, createSchoolFixture, createStreamFixture, createUser, day, type SchoolFixture } from '../support/fixtures';
import { form } from '../support/authz-matrix';
import { createNextYearAction, deleteYearAction, savePeriodDatesAction, saveYearDatesAction } from '@/app/(admin)/admin/calendar/periods/actions';
import PeriodDatesPage from '@/app/(admin)/admin/calendar/periods/page';
import CalendarPage from '@/app/(admin)/admin/calendar/page';
import { actorFor } from '../support/actors';
import { navigationFor } from '@/lib/auth/navigation';

const db = testDb();
let fx: SchoolFixture;
let other: SchoolFixture;
let managementId: number;
let q2: number;
let yearPeriod: number;

const Q1 = { startDate: '2026-09-01', endDate: '2026-10-25' };
const Q2 = { startDate: '2026-11-05', endDate: '2026-12-27' };
const periodForm = (id: number, shown: { startDate: string; endDate: string }, fields: Record<string, string | number>) =>
  form({ id, shownStartDate: shown.startDate, shownEndDate: shown.endDate, ...shown, ...fields });
const state = async () => ({
  periods: await db.studyPeriod.findMany({ orderBy: { id: 'asc' } }),
  years: await db.academicYear.findMany({ orderBy: { id: 'asc' } }),
  audits: await db.auditLog.count({ where: { action: { in: ['period.dates', 'academicYear.create', 'academicYear.dates', 'academicYear.delete'] } } }),
  enrollments: await db.enrollment.findMany({ orderBy: { id: 'asc' } }),
});

beforeAll(async () => {
  await resetDb();
  fx = await createSchoolFixture(db);
  other = await createSchoolFixture(db);
  managementId = await createUser(db, fx.schoolId, ['MANAGEMENT'], { lastName: 'Директорова', firstName: 'Дарья' });
  const common = { schoolId: fx.schoolId, academicYearId: fx.academicYearId };
  q2 = (await db.studyPeriod.create({ data: { ...common, schemeId: fx.periodSchemeId, name: '2 четверть', ordinal: 2, startDate: day(Q2.startDate), endDate: day(Q2.endDate) } })).id;
  yearPeriod = (await db.studyPeriod.create({ data: { ...common, kind: 'YEAR', name: '2026/2027 учебный год', ordinal: 1, startDate: day('2026-09-01'), endDate: day('2027-05-31') } })).id;
  // The fixture's lesson of 1 September, with a mark.
  await createMark(db, fx, { value: '5' });
});

beforeEach(async () => {
  await db.academicYear.deleteMany({ where: { startYear: 2027 } });
  await db.finalMark.deleteMany({});
  await db.academicYear.update({ where: { id: fx.academicYearId }, data: { startDate: day('2026-09-01'), endDate: day('2027-05-31') } });
  await db.studyPeriod.update({ where: { id: fx.studyPeriodId }, data: { startDate: day(Q1.startDate), endDate: day(Q1.endDate), status: 'OPEN', closedAt: null } });
  await db.studyPeriod.update({ where: { id: q2 }, data: { startDate: day(Q2.startDate), endDate: day(Q2.endDate) } });
  await db.studyPeriod.update({ where: { id: yearPeriod }, data: { startDate: day('2026-09-01'), endDate: day('2027-05-31') } });
});

describe('a study period\'s dates', () => {
  it('an administrator moves the second quarter (quarantine); the journal\'s period follows, audited with old and new dates', async () => {
    await signInForRequest(db, fx.adminId);
    expect(await savePeriodDatesAction({}, periodForm(q2, Q2, { startDate: '2026-11-09', endDate: '2027-01-10' }))).toMatchObject({ ok: true, message: 'Даты периода изменены' });
    expect(await db.studyPeriod.findUniqueOrThrow({ where: { id: q2 } })).toMatchObject({ startDate: day('2026-11-09'), endDate: day('2027-01-10'), name: '2 четверть', ordinal: 2, kind: 'TERM' });
    const audit = await db.auditLog.findFirstOrThrow({ where: { action: 'period.dates', entityId: String(q2) } });
    expect(audit).toMatchObject({ actorId: fx.adminId, schoolId: fx.schoolId, oldValue: Q2, newValue: { startDate: '2026-11-09', endDate: '2027-01-10' } });
  });

  it('the whole-year period takes dates inside the academic year', async () => {
    await signInForRequest(db, fx.adminId);
    const shown = { startDate: '2026-09-01', endDate: '2027-05-31' };
    expect(await savePeriodDatesAction({}, periodForm(yearPeriod, shown, { endDate: '2027-05-30' }))).toMatchObject({ ok: true });
    expect((await db.studyPeriod.findUniqueOrThrow({ where: { id: yearPeriod } })).endDate).toEqual(day('2027-05-30'));
    await db.studyPeriod.update({ where: { id: yearPeriod }, data: { endDate: day('2027-05-31') } });
  });

  it.each([
    ['a date that does not exist', Q2, { endDate: '2027-02-30' }, 'endDate', 'Такой даты нет в календаре'],
    ['no start', Q2, { startDate: '' }, 'startDate', 'Укажите дату начала'],
    ['start after end', Q2, { startDate: '2026-12-28' }, 'endDate', 'Начало периода позже его окончания'],
    ['a start before the year', Q1, { startDate: '2026-08-31' }, 'startDate', 'Дата вне учебного года (01.09.2026–31.05.2027)'],
    ['an end after the year', Q2, { endDate: '2027-06-01' }, 'endDate', 'Дата вне учебного года (01.09.2026–31.05.2027)'],
    ['an overlap with the quarter before', Q2, { startDate: '2026-10-25' }, 'startDate', 'Период должен начинаться после окончания «1 четверть» (01.09.2026–25.10.2026)'],
    ['an overlap with the quarter after', Q1, { endDate: '2026-11-05' }, 'endDate', 'Период должен заканчиваться до начала «2 четверть» (05.11.2026–27.12.2026)'],
    ['moving past the quarter after', Q1, { startDate: '2027-01-11', endDate: '2027-01-20' }, 'endDate', 'Период должен заканчиваться до начала «2 четверть»'],
  ])('refuses %s with a Russian error next to the field, keeping what was typed and changing nothing', async (_, shown, fields, field, message) => {
    await signInForRequest(db, fx.adminId);
    const id = shown === Q1 ? fx.studyPeriodId : q2;
    const before = await state();
    const answer = await savePeriodDatesAction({}, periodForm(id, shown, fields));
    expect(Object.keys(answer.errors ?? {})).toEqual([field]);
    expect(answer.errors?.[field]).toContain(message);
    expect(answer.values).toEqual({ ...shown, ...fields });
    expect(await state()).toEqual(before);
  });

  it('refuses a closed period', async () => {
    await db.studyPeriod.update({ where: { id: fx.studyPeriodId }, data: { status: 'CLOSED', closedAt: new Date() } });
    await signInForRequest(db, fx.adminId);
    const before = await state();
    const answer = await savePeriodDatesAction({}, periodForm(fx.studyPeriodId, Q1, { endDate: '2026-10-30' }));
    // An administrator cannot open a period ('periods:close'): the message sends them to the management.
    expect(answer.errors).toEqual({ startDate: 'Период закрыт: его даты не меняются. Если даты нужно исправить, попросите руководство школы открыть период' });
    expect(await state()).toEqual(before);
  });

  it('keeps the whole-year period covering every term: neither narrowed inside a term nor a term widened past it', async () => {
    await signInForRequest(db, fx.adminId);
    const shown = { startDate: '2026-09-01', endDate: '2027-05-31' };
    const before = await state();
    expect((await savePeriodDatesAction({}, periodForm(yearPeriod, shown, { endDate: '2026-12-20' }))).errors)
      .toEqual({ endDate: 'Учебный год должен включать «2 четверть» (05.11.2026–27.12.2026): окончание не раньше 27.12.2026' });
    expect(await state()).toEqual(before);
    // The year period ending with the holidays; the second quarter may not run into January.
    await db.studyPeriod.update({ where: { id: yearPeriod }, data: { endDate: day('2027-01-10') } });
    const narrowed = await state();
    expect((await savePeriodDatesAction({}, periodForm(q2, Q2, { endDate: '2027-01-20' }))).errors)
      .toEqual({ endDate: 'Период должен быть внутри периода «2026/2027 учебный год» (01.09.2026–10.01.2027)' });
    expect(await state()).toEqual(narrowed);
    expect(await savePeriodDatesAction({}, periodForm(q2, Q2, { endDate: '2027-01-10' }))).toMatchObject({ ok: true });
  });

  it('refuses days with a recorded lesson and mark leaving every period, saying how many, with the final marks set', async () => {
    await db.finalMark.create({ data: { schoolId: fx.schoolId, studentId: fx.studentIds[0], courseId: fx.courseId, periodId: fx.studyPeriodId, value: '5', createdById: fx.teacherId, updatedById: fx.teacherId } });
    await signInForRequest(db, fx.adminId);
    const before = await state();
    const answer = await savePeriodDatesAction({}, periodForm(fx.studyPeriodId, Q1, { startDate: '2026-09-02' }));
    expect(answer.errors).toEqual({
      startDate: 'В днях, которые выйдут из периода (01.09.2026), в журнале уже записано: 1 урок, 1 отметка; по этим предметам уже выставлено 1 итоговая отметка за период. '
        + 'Эти записи оказались бы вне всех учебных периодов. Выберите другие даты или сначала перенесите уроки',
    });
    expect(await state()).toEqual(before);
    // Days with nothing recorded may leave: the first quarter ends earlier.
    expect(await savePeriodDatesAction({}, periodForm(fx.studyPeriodId, Q1, { endDate: '2026-10-23' }))).toMatchObject({ ok: true });
  });

  it('counts the lessons of a cross-class stream, whose group has no class, by its members\' classes', async () => {
    const stream = await createStreamFixture(db, fx);
    await signInForRequest(db, fx.adminId);
    const before = await state();
    const answer = await savePeriodDatesAction({}, periodForm(fx.studyPeriodId, Q1, { startDate: '2026-09-03' }));
    expect(answer.errors?.startDate).toContain('(01.09.2026–02.09.2026), в журнале уже записано: 2 урока, 1 отметка.');
    expect(await state()).toEqual(before);
    await db.lesson.delete({ where: { id: stream.lessonId } });
  });

  it('refuses a save over a change made after the form was opened', async () => {
    await signInForRequest(db, fx.adminId);
    const stale = { startDate: '2026-11-09', endDate: Q2.endDate };
    const before = await state();
    const answer = await savePeriodDatesAction({}, form({ id: q2, shownStartDate: stale.startDate, shownEndDate: stale.endDate, startDate: '2026-11-10', endDate: Q2.endDate }));
    expect(answer.errors).toEqual({ form: 'Даты этого периода уже изменил другой пользователь, пока форма была открыта. Обновите страницу и внесите изменение снова.' });
    expect(await state()).toEqual(before);
  });

  it('refuses another school\'s period and a user without the right', async () => {
    const theirs = await db.studyPeriod.findUniqueOrThrow({ where: { id: other.studyPeriodId } });
    const before = await state();
    await signInForRequest(db, fx.adminId);
    expect((await savePeriodDatesAction({}, periodForm(theirs.id, Q1, { endDate: '2026-10-20' }))).errors).toEqual({ form: 'Учебный период не найден или его учебный год уже закончился' });
    await signInForRequest(db, managementId);
    expect((await savePeriodDatesAction({}, periodForm(q2, Q2, { endDate: '2026-12-20' }))).errors).toEqual({ form: 'Недостаточно прав для этого действия' });
    await signInForRequest(db, fx.teacherId);
    expect((await savePeriodDatesAction({}, periodForm(q2, Q2, { endDate: '2026-12-20' }))).errors).toEqual({ form: 'Недостаточно прав для этого действия' });
    expect(await state()).toEqual(before);
  });
});

describe('the academic year\'s own dates', () => {
  const YEAR = { startDate: '2026-09-01', endDate: '2027-05-31' };
  const yearForm = (fields: Record<string, string | number>, shown = YEAR, id = fx.academicYearId) =>
    form({ id, shownStartDate: shown.startDate, shownEndDate: shown.endDate, ...shown, ...fields });

  it('an administrator moves the year\'s end (exams in June); audited with old and new dates', async () => {
    await signInForRequest(db, fx.adminId);
    expect(await saveYearDatesAction({}, yearForm({ endDate: '2027-06-30' }))).toMatchObject({ ok: true, message: 'Даты учебного года изменены' });
    expect(await db.academicYear.findUniqueOrThrow({ where: { id: fx.academicYearId } })).toMatchObject({ startDate: day('2026-09-01'), endDate: day('2027-06-30') });
    const audit = await db.auditLog.findFirstOrThrow({ where: { action: 'academicYear.dates', entityId: String(fx.academicYearId) } });
    expect(audit).toMatchObject({ actorId: fx.adminId, schoolId: fx.schoolId, oldValue: YEAR, newValue: { startDate: '2026-09-01', endDate: '2027-06-30' } });
    // The year period may now follow it.
    expect(await savePeriodDatesAction({}, periodForm(yearPeriod, YEAR, { endDate: '2027-06-30' }))).toMatchObject({ ok: true });
  });

  it.each([
    ['a date that does not exist', { endDate: '2027-02-30' }, 'endDate', 'Такой даты нет в календаре'],
    ['an end before the start', { endDate: '2026-08-31' }, 'endDate', 'Окончание года раньше его начала'],
    ['a start in another year', { startDate: '2027-01-10' }, 'startDate', 'Учебный год 2026/2027 начинается в 2026 году'],
    ['an end after the summer', { endDate: '2027-09-01' }, 'endDate', 'Учебный год заканчивается не позже 31.08.2027'],
    ['a study period left outside', { endDate: '2027-05-20' }, 'endDate', 'Период «2026/2027 учебный год» (01.09.2026–31.05.2027) заканчивается позже 20.05.2027: сначала измените его даты'],
  ])('refuses %s with a Russian error next to the field, keeping what was typed and changing nothing', async (_, fields, field, message) => {
    await signInForRequest(db, fx.adminId);
    const before = await state();
    const answer = await saveYearDatesAction({}, yearForm(fields));
    expect(answer.errors).toEqual({ [field]: message });
    expect(answer.values).toEqual({ ...YEAR, ...fields });
    expect(await state()).toEqual(before);
  });

  it('refuses narrowing past a closed period, sending to the management', async () => {
    await db.studyPeriod.update({ where: { id: fx.studyPeriodId }, data: { status: 'CLOSED', closedAt: new Date() } });
    await signInForRequest(db, fx.adminId);
    const before = await state();
    expect((await saveYearDatesAction({}, yearForm({ startDate: '2026-09-02' }))).errors).toEqual({
      startDate: 'Период «1 четверть» (01.09.2026–25.10.2026) закрыт и начинается раньше 02.09.2026: его даты не меняются, пока руководство школы не откроет период',
    });
    expect(await state()).toEqual(before);
  });

  it('refuses leaving lessons, holidays and timetable rows of the year outside, counting them', async () => {
    // The periods already begin on 2 September; the fixture's lesson of 1 September stays.
    await db.studyPeriod.updateMany({ where: { id: { in: [fx.studyPeriodId, yearPeriod] } }, data: { startDate: day('2026-09-02') } });
    const holiday = await db.holiday.create({ data: { schoolId: fx.schoolId, academicYearId: fx.academicYearId, name: 'День знаний', startDate: day('2026-09-01'), endDate: day('2026-09-01') } });
    const row = await db.timetableEntry.create({ data: { schoolId: fx.schoolId, academicYearId: fx.academicYearId, courseId: fx.courseId, weekday: 2, slot: 3, validFrom: day('2026-09-01') } });
    try {
      await signInForRequest(db, fx.adminId);
      const before = await state();
      expect((await saveYearDatesAction({}, yearForm({ startDate: '2026-09-02' }))).errors).toEqual({
        startDate: 'Вне новых дат (02.09.2026–31.05.2027) оказались бы записи этого учебного года: уроков: 1, каникул и праздников: 1, строк расписания: 1. Сначала перенесите или удалите их',
      });
      expect(await state()).toEqual(before);
    } finally {
      await db.holiday.delete({ where: { id: holiday.id } });
      await db.timetableEntry.delete({ where: { id: row.id } });
    }
  });

  it('refuses dates overlapping another year of the school', async () => {
    await signInForRequest(db, fx.adminId);
    expect(await createNextYearAction({}, form({ sourceYearId: fx.academicYearId, label: '2027/2028', startDate: '2027-09-01', endDate: '2028-05-31' }))).toMatchObject({ ok: true });
    const before = await state();
    expect((await saveYearDatesAction({}, yearForm({ endDate: '2027-08-31' })))).toMatchObject({ ok: true });
    const shown = { ...YEAR, endDate: '2027-08-31' };
    const widened = await state();
    expect(widened.audits).toBe(before.audits + 1);
    // 2027/2028 begins on 1 September: this year may not run into it.
    expect((await saveYearDatesAction({}, yearForm({ startDate: '2026-09-01', endDate: '2027-09-05' }, shown))).errors)
      .toEqual({ endDate: 'Учебный год заканчивается не позже 31.08.2027' });
    const next = await db.academicYear.findFirstOrThrow({ where: { schoolId: fx.schoolId, startYear: 2027 } });
    expect((await saveYearDatesAction({}, yearForm({ startDate: '2027-08-31' }, { startDate: '2027-09-01', endDate: '2028-05-31' }, next.id))).errors)
      .toEqual({ startDate: 'Пересекается с учебным годом 2026/2027 (01.09.2026–31.08.2027)' });
    expect(await state()).toEqual(widened);
  });

  it('moves the pupils promoted into next year\'s classes with its first day, their class of this year ending the day before', async () => {
    await signInForRequest(db, fx.adminId);
    expect(await createNextYearAction({}, form({ sourceYearId: fx.academicYearId, label: '2027/2028', startDate: '2027-09-01', endDate: '2028-05-31' }))).toMatchObject({ ok: true });
    const next = await db.academicYear.findFirstOrThrow({ where: { schoolId: fx.schoolId, startYear: 2027 } });
    const sixth = await db.schoolClass.create({ data: { schoolId: fx.schoolId, academicYearId: next.id, gradeLevel: 6, letter: 'А', periodSchemeId: fx.periodSchemeId } });
    const pupil = fx.studentIds[0];
    const old = await db.enrollment.findFirstOrThrow({ where: { studentId: pupil, classId: fx.classId } });
    await db.enrollment.update({ where: { id: old.id }, data: { endDate: day('2027-08-31') } });
    await db.enrollment.create({ data: { schoolId: fx.schoolId, studentId: pupil, classId: sixth.id, startDate: day('2027-09-01') } });
    // A graduate (promotion.ts): this year's enrollment ends the day before next year, none follows.
    const graduate = await db.enrollment.findFirstOrThrow({ where: { studentId: fx.studentIds[1], classId: fx.classId } });
    await db.enrollment.update({ where: { id: graduate.id }, data: { endDate: day('2027-08-31') } });
    const graduateEnd = async () => (await db.enrollment.findUniqueOrThrow({ where: { id: graduate.id } })).endDate;
    const of = () => db.enrollment.findMany({ where: { studentId: pupil }, orderBy: { startDate: 'asc' }, select: { classId: true, startDate: true, endDate: true } });
    try {
      // Next year's periods start later with it; the first quarter first.
      const q1 = await db.studyPeriod.findFirstOrThrow({ where: { academicYearId: next.id, ordinal: 1, kind: 'TERM' } });
      const y = await db.studyPeriod.findFirstOrThrow({ where: { academicYearId: next.id, kind: 'YEAR' } });
      await db.studyPeriod.updateMany({ where: { id: { in: [q1.id, y.id] } }, data: { startDate: day('2027-09-02') } });
      const shown = { startDate: '2027-09-01', endDate: '2028-05-31' };
      expect(await saveYearDatesAction({}, yearForm({ startDate: '2027-09-02' }, shown, next.id))).toMatchObject({ ok: true });
      expect(await of()).toEqual([
        { classId: fx.classId, startDate: day('2026-09-01'), endDate: day('2027-09-01') },
        { classId: sixth.id, startDate: day('2027-09-02'), endDate: null },
      ]);
      expect(await graduateEnd()).toEqual(day('2027-09-01'));
      // And earlier again, before the first of September.
      expect(await saveYearDatesAction({}, yearForm({ startDate: '2027-08-30' }, { ...shown, startDate: '2027-09-02' }, next.id))).toMatchObject({ ok: true });
      expect(await of()).toEqual([
        { classId: fx.classId, startDate: day('2026-09-01'), endDate: day('2027-08-29') },
        { classId: sixth.id, startDate: day('2027-08-30'), endDate: null },
      ]);
      expect(await graduateEnd()).toEqual(day('2027-08-29'));
      const audit = await db.auditLog.findFirstOrThrow({ where: { action: 'academicYear.dates', entityId: String(next.id) }, orderBy: { id: 'desc' } });
      expect(audit).toMatchObject({ oldValue: { startDate: '2027-09-02' }, newValue: { startDate: '2027-08-30' }, details: { enrollmentsMoved: 1 } });
      // Which enrollments moved, with their dates before and after.
      const moved = await db.enrollment.findFirstOrThrow({ where: { studentId: pupil, classId: sixth.id } });
      const ends = [old.id, graduate.id].sort((a, b) => a - b);
      expect((audit.oldValue as { enrollments: unknown }).enrollments).toEqual([{ id: moved.id, startDate: '2027-09-02' }, ...ends.map((id) => ({ id, endDate: '2027-09-01' }))]);
      expect((audit.newValue as { enrollments: unknown }).enrollments).toEqual([{ id: moved.id, startDate: '2027-08-30' }, ...ends.map((id) => ({ id, endDate: '2027-08-29' }))]);
    } finally {
      await db.academicYear.delete({ where: { id: next.id } });
      await db.enrollment.updateMany({ where: { id: { in: [old.id, graduate.id] } }, data: { endDate: null } });
    }
  });

  it('refuses a save over a change made after the form was opened, another school\'s year and a user without the right', async () => {
    await signInForRequest(db, fx.adminId);
    const before = await state();
    expect((await saveYearDatesAction({}, yearForm({ endDate: '2027-06-10' }, { ...YEAR, endDate: '2027-06-01' }))).errors)
      .toEqual({ form: 'Даты этого учебного года уже изменил другой пользователь, пока форма была открыта. Обновите страницу и внесите изменение снова.' });
    expect((await saveYearDatesAction({}, yearForm({ endDate: '2027-06-10' }, YEAR, other.academicYearId))).errors).toEqual({ form: 'Учебный год не найден или уже закончился' });
    await signInForRequest(db, managementId);
    expect((await saveYearDatesAction({}, yearForm({ endDate: '2027-06-10' }))).errors).toEqual({ form: 'Недостаточно прав для этого действия' });
    await signInForRequest(db, fx.teacherId);
    expect((await saveYearDatesAction({}, yearForm({ endDate: '2027-06-10' }))).errors).toEqual({ form: 'Недостаточно прав для этого действия' });
    expect(await state()).toEqual(before);
  });
});

describe('the next academic year', () => {
  const nextForm = (fields: Record<string, string | number> = {}) =>
    form({ sourceYearId: fx.academicYearId, label: '2027/2028', startDate: '2027-09-01', endDate: '2028-05-31', ...fields });

  it('is created with this year\'s periods a year on, all open, and no classes or courses; audited', async () => {
    await db.studyPeriod.update({ where: { id: fx.studyPeriodId }, data: { status: 'CLOSED', closedAt: new Date() } });
    await signInForRequest(db, fx.adminId);
    expect(await createNextYearAction({}, nextForm())).toMatchObject({ ok: true, message: 'Учебный год 2027/2028 заведён' });
    const year = await db.academicYear.findFirstOrThrow({ where: { schoolId: fx.schoolId, startYear: 2027 } });
    expect(year).toMatchObject({ label: '2027/2028', startDate: day('2027-09-01'), endDate: day('2028-05-31') });
    const periods = await db.studyPeriod.findMany({ where: { academicYearId: year.id }, orderBy: [{ kind: 'asc' }, { ordinal: 'asc' }] });
    expect(periods.map((p) => [p.name, p.kind, p.schemeId, p.ordinal, p.startDate, p.endDate, p.status])).toEqual([
      ['1 четверть', 'TERM', fx.periodSchemeId, 1, day('2027-09-01'), day('2027-10-25'), 'OPEN'],
      ['2 четверть', 'TERM', fx.periodSchemeId, 2, day('2027-11-05'), day('2027-12-27'), 'OPEN'],
      ['2027/2028 учебный год', 'YEAR', null, 1, day('2027-09-01'), day('2028-05-31'), 'OPEN'],
    ]);
    expect(await db.schoolClass.count({ where: { academicYearId: year.id } })).toBe(0);
    expect(await db.course.count({ where: { academicYearId: year.id } })).toBe(0);
    const audit = await db.auditLog.findFirstOrThrow({ where: { action: 'academicYear.create', entityId: String(year.id) } });
    expect(audit).toMatchObject({ actorId: fx.adminId, schoolId: fx.schoolId, newValue: { label: '2027/2028', startDate: '2027-09-01', endDate: '2028-05-31' } });
    // Once is enough.
    const before = await state();
    expect((await createNextYearAction({}, nextForm())).errors).toEqual({ form: 'Учебный год 2027/2028 уже заведён' });
    expect(await state()).toEqual(before);
  });

  it.each([
    ['another label', { label: '2028/2029' }, 'label', 'Следующий учебный год — 2027/2028'],
    ['a label not like a year', { label: 'next' }, 'label', 'Название года — как «2027/2028»'],
    ['a start in another year', { startDate: '2028-01-10' }, 'startDate', 'Учебный год 2027/2028 начинается в 2027 году'],
    ['an end before the start', { endDate: '2027-08-31' }, 'endDate', 'Окончание года раньше его начала'],
    ['an end after the summer', { endDate: '2028-09-01' }, 'endDate', 'Учебный год заканчивается не позже 31.08.2028'],
    ['dates too narrow for the quarters', { endDate: '2027-10-31' }, 'endDate', 'В эти даты не помещается «2 четверть»: выберите даты шире'],
  ])('refuses %s next to the field, creating nothing', async (_, fields, field, message) => {
    await signInForRequest(db, fx.adminId);
    const before = await state();
    const answer = await createNextYearAction({}, nextForm(fields));
    expect(answer.errors).toEqual({ [field]: message });
    expect(answer.values).toMatchObject(fields);
    expect(await state()).toEqual(before);
  });

  it('refuses dates that overlap the current year', async () => {
    await db.academicYear.update({ where: { id: fx.academicYearId }, data: { endDate: day('2027-08-31') } });
    await signInForRequest(db, fx.adminId);
    const before = await state();
    expect((await createNextYearAction({}, nextForm({ startDate: '2027-08-25' }))).errors).toEqual({ startDate: 'Пересекается с учебным годом 2026/2027 (01.09.2026–31.08.2027)' });
    expect(await state()).toEqual(before);
  });

  it('keeps trimesters adjacent across 29 February of the new year', async () => {
    const scheme = await db.periodScheme.create({ data: { schoolId: fx.schoolId, name: 'Триместры', kind: 'TRIMESTERS' } });
    try {
      const common = { schoolId: fx.schoolId, academicYearId: fx.academicYearId, schemeId: scheme.id };
      await db.studyPeriod.createMany({ data: [
        { ...common, name: '2 триместр', ordinal: 2, startDate: day('2026-12-01'), endDate: day('2027-02-28') },
        { ...common, name: '3 триместр', ordinal: 3, startDate: day('2027-03-01'), endDate: day('2027-05-31') },
      ] });
      await signInForRequest(db, fx.adminId);
      expect(await createNextYearAction({}, nextForm())).toMatchObject({ ok: true });
      const periods = await db.studyPeriod.findMany({ where: { schemeId: scheme.id, academicYear: { startYear: 2027 } }, orderBy: { ordinal: 'asc' } });
      expect(periods.map((p) => [p.name, p.startDate, p.endDate])).toEqual([
        ['2 триместр', day('2027-12-01'), day('2028-02-29')],
        ['3 триместр', day('2028-03-01'), day('2028-05-31')],
      ]);
    } finally {
      await db.academicYear.deleteMany({ where: { startYear: 2027 } });
      await db.periodScheme.delete({ where: { id: scheme.id } });
    }
  });

  it('is created after the year in force only, not after a year not begun yet', async () => {
    await signInForRequest(db, fx.adminId);
    expect(await createNextYearAction({}, nextForm())).toMatchObject({ ok: true });
    const next = await db.academicYear.findFirstOrThrow({ where: { schoolId: fx.schoolId, startYear: 2027 } });
    const before = await state();
    expect((await createNextYearAction({}, nextForm({ sourceYearId: next.id, label: '2028/2029', startDate: '2028-09-01', endDate: '2029-05-31' }))).errors)
      .toEqual({ form: 'Следующий учебный год заводится после текущего (уже начавшегося), а учебный год 2027/2028 не текущий' });
    expect(await state()).toEqual(before);
  });

  it('refuses another school\'s year and a user without the right', async () => {
    const before = await state();
    await signInForRequest(db, fx.adminId);
    expect((await createNextYearAction({}, nextForm({ sourceYearId: other.academicYearId }))).errors).toEqual({ form: 'Учебный год не найден' });
    await signInForRequest(db, managementId);
    expect((await createNextYearAction({}, nextForm())).errors).toEqual({ form: 'Недостаточно прав для этого действия' });
    expect(await state()).toEqual(before);
  });
});

describe('deleting a next year created by mistake', () => {
  const createNext = async () => {
    await signInForRequest(db, fx.adminId);
    expect(await createNextYearAction({}, form({ sourceYearId: fx.academicYearId, label: '2027/2028', startDate: '2027-09-01', endDate: '2028-05-31' }))).toMatchObject({ ok: true });
    return db.academicYear.findFirstOrThrow({ where: { schoolId: fx.schoolId, startYear: 2027 } });
  };

  it('removes a year not begun with its periods, audited; it may be created again', async () => {
    const next = await createNext();
    expect(await deleteYearAction({}, form({ id: next.id, confirm: 'on' }))).toMatchObject({ ok: true, message: 'Учебный год удалён' });
    expect(await db.academicYear.count({ where: { id: next.id } })).toBe(0);
    expect(await db.studyPeriod.count({ where: { academicYearId: next.id } })).toBe(0);
    const audit = await db.auditLog.findFirstOrThrow({ where: { action: 'academicYear.delete', entityId: String(next.id) } });
    expect(audit).toMatchObject({ actorId: fx.adminId, schoolId: fx.schoolId, oldValue: { label: '2027/2028', startDate: '2027-09-01', endDate: '2028-05-31' } });
    expect((audit.oldValue as { periods: unknown[] }).periods).toHaveLength(3);
    await createNext();
  });

  it('refuses while something hangs on the year, naming what and how many', async () => {
    const next = await createNext();
    const klass = (letter: string) => db.schoolClass.create({ data: { schoolId: fx.schoolId, academicYearId: next.id, gradeLevel: 6, letter, periodSchemeId: fx.periodSchemeId } });
    await klass('А');
    await klass('Б');
    let before = await state();
    expect((await deleteYearAction({}, form({ id: next.id, confirm: 'on' }))).errors).toEqual({ form: 'В году 2027/2028 уже созданы классы (2): сначала удалите их' });
    expect(await state()).toEqual(before);
    await db.holiday.create({ data: { schoolId: fx.schoolId, academicYearId: next.id, name: 'Осенние каникулы', startDate: day('2027-10-26'), endDate: day('2027-11-03') } });
    before = await state();
    expect((await deleteYearAction({}, form({ id: next.id, confirm: 'on' }))).errors).toEqual({ form: 'В году 2027/2028 уже есть классы (2), каникулы и праздники (1): сначала удалите их' });
    expect(await state()).toEqual(before);
  });

  it('refuses without the confirmation, a year already begun, another school\'s year and a user without the right', async () => {
    const next = await createNext();
    const before = await state();
    expect((await deleteYearAction({}, form({ id: next.id }))).errors).toEqual({ confirm: 'Подтвердите удаление учебного года' });
    expect((await deleteYearAction({}, form({ id: fx.academicYearId, confirm: 'on' }))).errors).toEqual({ form: 'Учебный год 2026/2027 уже начался: его нельзя удалить' });
    expect((await deleteYearAction({}, form({ id: other.academicYearId, confirm: 'on' }))).errors).toEqual({ form: 'Учебный год не найден или уже закончился' });
    await signInForRequest(db, managementId);
    expect((await deleteYearAction({}, form({ id: next.id, confirm: 'on' }))).errors).toEqual({ form: 'Недостаточно прав для этого действия' });
    await signInForRequest(db, fx.teacherId);
    expect((await deleteYearAction({}, form({ id: next.id, confirm: 'on' }))).errors).toEqual({ form: 'Недостаточно прав для этого действия' });
    expect(await state()).toEqual(before);
  });

  it('is offered on the page for the year not begun only', async () => {
    await createNext();
    const html = renderToStaticMarkup((await PeriodDatesPage()) as React.ReactElement);
    expect(html).toContain('Удалить учебный год 2027/2028 вместе с его учебными периодами');
    expect(html).not.toContain('Удалить учебный год 2026/2027');
  });
});

describe('the page', () => {
  const text = async (page: Promise<unknown>) => renderToStaticMarkup((await page) as React.ReactElement).replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

  it('shows the periods with their dates and the next year\'s form, saying classes and courses come next', async () => {
    await db.studyPeriod.update({ where: { id: fx.studyPeriodId }, data: { status: 'CLOSED', closedAt: new Date() } });
    await signInForRequest(db, fx.adminId);
    const page = await text(PeriodDatesPage());
    expect(page).toContain('Даты учебных периодов');
    expect(page).toContain('2026/2027: 01.09.2026 – 31.05.2027');
    expect(page).toContain('1 четверть · Четверти 01.09.2026 – 25.10.2026 · закрыт');
    expect(page).toContain('2 четверть · Четверти 05.11.2026 – 27.12.2026 · открыт');
    expect(page).toContain('Период закрыт: его даты не меняются. Чтобы их исправить, попросите руководство школы открыть период.');
    expect(page).toContain('Классы, предметы и нагрузка, расписание здесь не создаются: это следующий шаг.');
    expect(renderToStaticMarkup((await PeriodDatesPage()) as React.ReactElement)).toContain('value="2027/2028"');
    expect(page).toContain('Изменить даты учебного года 2026/2027');
  });

  it('is linked for holders of the right only', async () => {
    expect(navigationFor(await actorFor(db, fx.adminId)).map((i) => i.href)).toContain('/admin/calendar/periods');
    expect(navigationFor(await actorFor(db, managementId)).map((i) => i.href)).not.toContain('/admin/calendar/periods');
    await signInForRequest(db, fx.adminId);
    expect(await text(CalendarPage({ searchParams: Promise.resolve({}) }))).toContain('Изменить даты периодов или завести следующий учебный год');
    await signInForRequest(db, managementId);
    expect(await text(CalendarPage({ searchParams: Promise.resolve({}) }))).not.toContain('Изменить даты периодов');
  });
});
