// The school calendar kept by management: holidays added, changed and removed with Russian
// errors and an audit row, refused to others and across schools; a holiday added here empties
// the pupil's diary day; the page lists holidays and the year's study periods.
import { renderToStaticMarkup } from 'react-dom/server';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { resetDb, testDb } from '../support/db';
import { actorFor } from '../support/actors';
import { signInForRequest } from '../support/request-session';
import { createLesson, createSchoolFixture, createUser, day, type SchoolFixture } from '../support/fixtures';
import { form } from '../support/authz-matrix';
import { deleteHoliday, saveHoliday } from '@/lib/data/calendar';
import { diaryWeek } from '@/lib/data/diary/week';
import { deleteHolidayAction, saveHolidayAction } from '@/app/(admin)/admin/calendar/actions';
import CalendarPage from '@/app/(admin)/admin/calendar/page';

const db = testDb();
let fx: SchoolFixture;
let other: SchoolFixture;
let managementId: number;

const autumn = { name: 'Осенние каникулы', startDate: '2026-10-26', endDate: '2026-11-04', gradeLevels: [] as number[] };
const holidayForm = (fields: Record<string, string | number | readonly (string | number)[] | undefined>) =>
  form({ academicYearId: fx.academicYearId, name: autumn.name, startDate: autumn.startDate, endDate: autumn.endDate, ...fields });
const state = async () => ({ holidays: await db.holiday.findMany({ orderBy: { id: 'asc' } }), audits: await db.auditLog.count({ where: { action: { startsWith: 'holiday.' } } }) });

beforeAll(async () => {
  await resetDb();
  fx = await createSchoolFixture(db);
  other = await createSchoolFixture(db);
  managementId = await createUser(db, fx.schoolId, ['MANAGEMENT'], { lastName: 'Директорова', firstName: 'Дарья' });
  // Wednesdays, slot 2: the pupil's timetable.
  await db.timetableEntry.create({ data: { schoolId: fx.schoolId, academicYearId: fx.academicYearId, courseId: fx.courseId, weekday: 3, slot: 2, room: '12', validFrom: day('2026-09-01') } });
});

beforeEach(async () => {
  await db.holiday.deleteMany({});
});

describe('holidays: saving', () => {
  it('an administrator adds a holiday; it is audited with its values', async () => {
    await signInForRequest(db, fx.adminId);
    expect(await saveHolidayAction({}, holidayForm({}))).toMatchObject({ ok: true, message: 'Каникулы добавлены' });
    const [h] = await db.holiday.findMany();
    expect(h).toMatchObject({ schoolId: fx.schoolId, academicYearId: fx.academicYearId, name: autumn.name, startDate: day('2026-10-26'), endDate: day('2026-11-04'), gradeLevels: [] });
    const audit = await db.auditLog.findFirstOrThrow({ where: { action: 'holiday.create' } });
    expect(audit).toMatchObject({ actorId: fx.adminId, schoolId: fx.schoolId, entityId: String(h.id), newValue: { name: autumn.name, startDate: '2026-10-26', endDate: '2026-11-04', gradeLevels: [] } });
  });

  it('management changes a holiday; the audit keeps the old and the new value', async () => {
    const h = await db.holiday.create({ data: { schoolId: fx.schoolId, academicYearId: fx.academicYearId, name: 'Доп. каникулы', startDate: day('2027-02-13'), endDate: day('2027-02-21'), gradeLevels: [1] } });
    await signInForRequest(db, managementId);
    expect(await saveHolidayAction({}, holidayForm({ id: h.id, name: 'Дополнительные каникулы', startDate: '2027-02-14', endDate: '2027-02-22', gradeLevels: ['1', '2'] }))).toMatchObject({ ok: true });
    expect(await db.holiday.findUniqueOrThrow({ where: { id: h.id } })).toMatchObject({ name: 'Дополнительные каникулы', startDate: day('2027-02-14'), endDate: day('2027-02-22'), gradeLevels: [1, 2] });
    const audit = await db.auditLog.findFirstOrThrow({ where: { action: 'holiday.update', entityId: String(h.id) } });
    expect(audit.oldValue).toEqual({ name: 'Доп. каникулы', startDate: '2027-02-13', endDate: '2027-02-21', gradeLevels: [1] });
    expect(audit.newValue).toEqual({ name: 'Дополнительные каникулы', startDate: '2027-02-14', endDate: '2027-02-22', gradeLevels: [1, 2] });
  });

  it('the summer holidays belong to the year that just ended', async () => {
    const admin = await actorFor(db, fx.adminId);
    expect(await saveHoliday(admin, { academicYearId: fx.academicYearId, name: 'Летние каникулы', startDate: '2027-06-01', endDate: '2027-08-31', gradeLevels: [] })).toMatchObject({ ok: true });
  });

  it.each([
    ['no name', { name: '  ' }, 'name', 'Укажите название каникул'],
    ['no start', { startDate: '' }, 'startDate', 'Укажите дату начала'],
    ['a date that does not exist', { endDate: '2027-02-30' }, 'endDate', 'Такой даты нет в календаре'],
    ['start after end', { startDate: '2026-11-05', endDate: '2026-11-04' }, 'endDate', 'Начало каникул позже их окончания'],
    ['before the year', { startDate: '2026-08-25' }, 'startDate', 'Дата вне учебного года (01.09.2026–31.08.2027)'],
    ['after the year', { endDate: '2027-09-02', startDate: '2027-08-30' }, 'endDate', 'Дата вне учебного года (01.09.2026–31.08.2027)'],
    ['grade 12', { gradeLevels: ['5', '12'] }, 'gradeLevels', 'Классы — от 1 до 11'],
    ['grade 0', { gradeLevels: ['0'] }, 'gradeLevels', 'Классы — от 1 до 11'],
  ])('refuses %s with a Russian error next to the field, keeping what was typed and changing nothing', async (_, fields, field, message) => {
    await signInForRequest(db, fx.adminId);
    const before = await state();
    const answer = await saveHolidayAction({}, holidayForm(fields));
    expect(answer.errors).toEqual({ [field]: message });
    expect(answer.values?.name).toBe('name' in fields ? fields.name : autumn.name);
    expect(await state()).toEqual(before);
  });

  it('refuses a holiday overlapping another of the same grades, allows one of other grades', async () => {
    const admin = await actorFor(db, fx.adminId);
    const year = { academicYearId: fx.academicYearId };
    expect(await saveHoliday(admin, { ...year, ...autumn })).toMatchObject({ ok: true });
    const before = await state();
    expect(await saveHoliday(admin, { ...year, name: 'Ещё', startDate: '2026-11-04', endDate: '2026-11-06', gradeLevels: [] }))
      .toEqual({ ok: false, field: 'startDate', error: 'Пересекается с «Осенние каникулы» для всей школы (26.10.2026–04.11.2026)' });
    expect(await state()).toEqual(before);
    expect(await saveHoliday(admin, { ...year, name: 'Первоклассники', startDate: '2027-02-13', endDate: '2027-02-21', gradeLevels: [1] })).toMatchObject({ ok: true });
    expect(await saveHoliday(admin, { ...year, name: 'Первые и вторые', startDate: '2027-02-20', endDate: '2027-02-22', gradeLevels: [2, 1] }))
      .toMatchObject({ ok: false, field: 'startDate', error: 'Пересекается с «Первоклассники» для 1 кл. (13.02.2027–21.02.2027)' });
    // A day off for everyone inside the first graders' extra week is no clash (23 February).
    expect(await saveHoliday(admin, { ...year, name: 'Праздничный день', startDate: '2027-02-17', endDate: '2027-02-17', gradeLevels: [] })).toMatchObject({ ok: true });
    expect(await saveHoliday(admin, { ...year, name: 'Вторые', startDate: '2027-02-20', endDate: '2027-02-22', gradeLevels: [2] })).toMatchObject({ ok: true });
  });
});

describe('holidays: closed periods and lessons already opened', () => {
  const CLOSED = 'Учебный период закрыт: изменения возможны только после его открытия администрацией';
  const closeQuarter = (status: 'OPEN' | 'CLOSED') => db.studyPeriod.update({ where: { id: fx.studyPeriodId }, data: { status, closedAt: status === 'CLOSED' ? new Date('2026-10-26T10:00:00Z') : null } });

  it('refuses adding, moving or removing a holiday in a closed quarter, with the journal\'s message; nothing changes', async () => {
    const inQuarter = await db.holiday.create({ data: { schoolId: fx.schoolId, academicYearId: fx.academicYearId, name: 'День здоровья', startDate: day('2026-10-07'), endDate: day('2026-10-07'), gradeLevels: [] } });
    await closeQuarter('CLOSED');
    try {
      await signInForRequest(db, fx.adminId);
      const before = await state();
      const answer = await saveHolidayAction({}, holidayForm({ name: 'Каникулы', startDate: '2026-10-20', endDate: '2026-10-27' }));
      expect(answer.errors).toEqual({ startDate: CLOSED });
      expect(answer.values).toMatchObject({ name: 'Каникулы', startDate: '2026-10-20', endDate: '2026-10-27' });
      // Moved out of the closed quarter: its days there would become school days afterwards.
      expect(await saveHolidayAction({}, holidayForm({ id: inQuarter.id, name: 'День здоровья', startDate: '2026-11-11', endDate: '2026-11-11' }))).toMatchObject({ errors: { startDate: CLOSED } });
      expect(await deleteHolidayAction({}, form({ id: inQuarter.id }))).toEqual({ error: CLOSED });
      expect(await state()).toEqual(before);
      // A new name changes no day; the first graders' holiday touches no 5th grade quarter (their classes' scheme).
      expect(await saveHolidayAction({}, holidayForm({ id: inQuarter.id, name: 'День здоровья и спорта', startDate: '2026-10-07', endDate: '2026-10-07' }))).toMatchObject({ ok: true });
      expect(await saveHolidayAction({}, holidayForm({ name: 'Первоклассники', startDate: '2026-10-20', endDate: '2026-10-23', gradeLevels: ['1'] }))).toMatchObject({ ok: true });
    } finally {
      await closeQuarter('OPEN');
    }
  });

  it('refuses a holiday over days with lessons of its grades already opened, naming them; nothing changes', async () => {
    const lessonId = await createLesson(db, fx, { date: '2026-11-11', slot: 2 });
    try {
      await signInForRequest(db, fx.adminId);
      const before = await state();
      const opened = 'В эти дни в журнале уже открыты уроки: Математика, 5А — 11.11.2026, 2-й урок. Выберите другие даты или сначала уберите эти уроки из журнала';
      expect(await saveHolidayAction({}, holidayForm({ name: 'Карантин', startDate: '2026-11-09', endDate: '2026-11-13' }))).toMatchObject({ errors: { startDate: opened } });
      expect(await saveHolidayAction({}, holidayForm({ name: 'Карантин', startDate: '2026-11-09', endDate: '2026-11-13', gradeLevels: ['5', '6'] }))).toMatchObject({ errors: { startDate: opened } });
      expect(await state()).toEqual(before);
      // Another grade's holiday over the same days is no clash.
      expect(await saveHolidayAction({}, holidayForm({ name: 'Карантин', startDate: '2026-11-09', endDate: '2026-11-13', gradeLevels: ['1'] }))).toMatchObject({ ok: true });
    } finally {
      await db.lesson.delete({ where: { id: lessonId } });
    }
  });
});

describe('holidays: who may', () => {
  it('a teacher, a parent and a pupil are refused; nothing changes', async () => {
    const h = await db.holiday.create({ data: { schoolId: fx.schoolId, academicYearId: fx.academicYearId, ...autumn, startDate: day(autumn.startDate), endDate: day(autumn.endDate) } });
    const before = await state();
    for (const userId of [fx.teacherId, fx.parentId, fx.studentIds[0]]) {
      await signInForRequest(db, userId);
      expect(await saveHolidayAction({}, holidayForm({ startDate: '2026-12-01', endDate: '2026-12-02' }))).toMatchObject({ errors: { form: 'Недостаточно прав для этого действия' } });
      expect(await deleteHolidayAction({}, form({ id: h.id }))).toEqual({ error: 'Недостаточно прав для этого действия' });
    }
    expect(await state()).toEqual(before);
  });

  it("another school's holiday and year are not found; nothing changes", async () => {
    const theirs = await db.holiday.create({ data: { schoolId: other.schoolId, academicYearId: other.academicYearId, ...autumn, startDate: day(autumn.startDate), endDate: day(autumn.endDate) } });
    const before = await state();
    await signInForRequest(db, fx.adminId);
    expect(await saveHolidayAction({}, form({ academicYearId: other.academicYearId, name: 'Чужие', startDate: '2026-12-01', endDate: '2026-12-02' })))
      .toMatchObject({ errors: { form: 'Учебный год не найден или уже закончился' } });
    expect(await saveHolidayAction({}, holidayForm({ id: theirs.id, name: 'Чужие' }))).toMatchObject({ errors: { form: 'Каникулы не найдены' } });
    expect(await deleteHolidayAction({}, form({ id: theirs.id }))).toEqual({ error: 'Каникулы не найдены' });
    expect(await deleteHolidayAction({}, form({ id: '3000000000' }))).toEqual({ error: 'Каникулы не найдены' });
    expect(await state()).toEqual(before);
  });

  it('an administrator deletes a holiday; the audit keeps what it was', async () => {
    const admin = await actorFor(db, fx.adminId);
    const saved = await saveHoliday(admin, { academicYearId: fx.academicYearId, ...autumn });
    if (!saved.ok) throw new Error(saved.error);
    await signInForRequest(db, fx.adminId);
    expect(await deleteHolidayAction({}, form({ id: saved.id }))).toEqual({ ok: true });
    expect(await db.holiday.count()).toBe(0);
    expect(await db.auditLog.findFirstOrThrow({ where: { action: 'holiday.delete', entityId: String(saved.id) } })).toMatchObject({ oldValue: { name: autumn.name, startDate: '2026-10-26', endDate: '2026-11-04', gradeLevels: [] } });
    expect(await deleteHoliday(admin, saved.id)).toEqual({ ok: false, error: 'Каникулы не найдены' });
  });
});

describe('a holiday added here in the diary', () => {
  const NOW = new Date('2026-10-12T09:00:00Z');
  const wednesday = async () => {
    const parent = await actorFor(db, fx.parentId);
    const week = await diaryWeek(parent, fx.studentIds[0], '2026-10-12', NOW);
    return week!.days.find((d) => d.date === '2026-10-14')!;
  };

  it("the pupil's day shows the holiday and its lessons are gone; another grade's holiday changes nothing", async () => {
    expect((await wednesday()).lessons.length).toBe(1);
    const admin = await actorFor(db, fx.adminId);
    expect(await saveHoliday(admin, { academicYearId: fx.academicYearId, name: 'Каникулы первоклассников', startDate: '2026-10-14', endDate: '2026-10-14', gradeLevels: [1] })).toMatchObject({ ok: true });
    expect(await wednesday()).toMatchObject({ holiday: null, lessons: [expect.anything()] });
    expect(await saveHoliday(admin, { academicYearId: fx.academicYearId, name: 'День здоровья', startDate: '2026-10-14', endDate: '2026-10-14', gradeLevels: [5] })).toMatchObject({ ok: true });
    expect(await wednesday()).toMatchObject({ holiday: 'День здоровья', lessons: [] });
  });
});

describe('the calendar page', () => {
  const text = async (page: Promise<unknown>) => renderToStaticMarkup((await page) as React.ReactElement).replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

  it('lists the holidays and the study periods with their state', async () => {
    await db.holiday.create({ data: { schoolId: fx.schoolId, academicYearId: fx.academicYearId, name: 'Доп. каникулы', startDate: day('2027-02-13'), endDate: day('2027-02-21'), gradeLevels: [1] } });
    await db.studyPeriod.update({ where: { id: fx.studyPeriodId }, data: { status: 'CLOSED', closedAt: new Date('2026-10-26T10:00:00Z') } });
    await signInForRequest(db, managementId);
    const page = await text(CalendarPage({ searchParams: Promise.resolve({}) }));
    expect(page).toContain('Календарь учебного года 2026/2027');
    expect(page).toContain('Доп. каникулы 13.02.2027 – 21.02.2027 · только 1 кл.');
    expect(page).toContain('1 четверть Четверти 01.09.2026 – 25.10.2026 закрыт 26.10.2026, 13:00');
    // What a holiday does, and what it cannot be put over.
    expect(page).toContain('уроки по расписанию в эти дни не показываются в дневниках и не считаются в сроках и отчётах журнала. Уроки, которые учитель всё же откроет в журнале, видны как обычно.');
    expect(page).toContain('Каникулы нельзя назначить на дни закрытого учебного периода и на дни, когда уроки этих классов уже открыты в журнале.');
    expect(page).not.toContain('уроки в эти дни не показываются.');
  });
});
