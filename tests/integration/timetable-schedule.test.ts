// The regular weekly timetable (/admin/schedule): a row added shows in a pupil's diary from its
// first week, a row ended leaves the diary from the chosen date and stays in the earlier weeks;
// both audited. A row whose later lessons have one-day changes or are opened in the journal is not
// ended; next year's rows entered in advance do not clash with this year's. Clashes (the class, a
// group sharing pupils, a teacher; also with a later one-day move, opened lesson or
// substitution), a slot not rung, Saturday in a five-day week, Sunday, a date outside the year or
// in a closed period, a course of another class or school, a past year and a person without the
// right are refused with the Russian message next to the field, nothing written. The page renders
// the week.
import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { resetDb, testDb } from '../support/db';
import { actorFor } from '../support/actors';
import { signInForRequest } from '../support/request-session';
import { createSchoolFixture, createUser, day, type SchoolFixture } from '../support/fixtures';
import type { Actor } from '@/lib/auth/actor';
import { addTimetableEntry, endTimetableEntry, ENTRY_MESSAGES, type EntryInput } from '@/lib/data/timetable/entries';
import { diaryWeek } from '@/lib/data/diary/week';
import { MESSAGES } from '@/lib/data/journal/result';
import { navigationFor } from '@/lib/auth/navigation';
import { addEntryAction, endEntryAction } from '@/app/(admin)/admin/schedule/actions';
import SchedulePage from '@/app/(admin)/admin/schedule/page';

const db = testDb();
const NOW = new Date('2026-12-01T09:00:00Z');
const MONDAY = '2027-01-11';

let fx: SchoolFixture;
let deputy: Actor;
let busyId: number;
let russianId: number;
let otherClassCourse: number;

const entry = (courseId: number, weekday: number, slot: number) =>
  db.timetableEntry.create({ data: { schoolId: fx.schoolId, academicYearId: fx.academicYearId, courseId, weekday, slot, validFrom: day('2026-09-01') } });

async function courseOf(where: { classId?: number; groupId?: number }, subject: string, teacherId: number, schoolId = fx.schoolId, yearId = fx.academicYearId) {
  const s = await db.subject.create({ data: { schoolId, name: subject, shortName: subject.slice(0, 3) } });
  return (await db.course.create({
    data: { schoolId, academicYearId: yearId, subjectId: s.id, ...where, gradingScaleId: fx.gradingScaleId, teachers: { create: { schoolId, teacherId, isPrimary: true } } },
  })).id;
}

beforeEach(async () => {
  await resetDb();
  fx = await createSchoolFixture(db);
  const bells = await db.bellSchedule.create({ data: { schoolId: fx.schoolId, name: 'Основное', isDefault: true } });
  await db.bellSlot.createMany({ data: [1, 2, 3, 4, 5, 6].map((slot) => ({ schoolId: fx.schoolId, bellScheduleId: bells.id, slot, startMinute: 480 + (slot - 1) * 55, endMinute: 525 + (slot - 1) * 55 })) });
  // The diary plans lessons on the days of a term: the third quarter holds the weeks tested here.
  await db.studyPeriod.create({ data: { schoolId: fx.schoolId, academicYearId: fx.academicYearId, schemeId: fx.periodSchemeId, name: '3 четверть', ordinal: 3, startDate: day('2027-01-11'), endDate: day('2027-03-21') } });
  busyId = await createUser(db, fx.schoolId, ['TEACHER'], { lastName: 'Занятова', firstName: 'Ольга' });
  const other = await db.schoolClass.create({ data: { schoolId: fx.schoolId, academicYearId: fx.academicYearId, gradeLevel: 5, letter: 'Б', periodSchemeId: fx.periodSchemeId } });
  // Mathematics of 5А on Mondays 1st; Literature of 5Б, by the busy teacher, on Tuesdays 3rd.
  await entry(fx.courseId, 1, 1);
  otherClassCourse = await courseOf({ classId: other.id }, 'Литература', busyId);
  await entry(otherClassCourse, 2, 3);
  russianId = await courseOf({ classId: fx.classId }, 'Русский язык', busyId);
  deputy = await actorFor(db, await createUser(db, fx.schoolId, ['MANAGEMENT'], { lastName: 'Завучева', firstName: 'Зоя' }));
});

const input = (over: Partial<EntryInput>): EntryInput => ({ classId: fx.classId, courseId: russianId, weekday: 1, slot: 2, room: '21', validFrom: MONDAY, ...over });
// The data layer's clock: the weeks tested lie ahead of it.
const add = (actor: Actor, entry: EntryInput) => addTimetableEntry(actor, entry, NOW);
const end = (actor: Actor, entry: { entryId: number; endDate: string }) => endTimetableEntry(actor, entry, NOW);
const counts = async () => [await db.timetableEntry.count(), await db.auditLog.count(), (await db.timetableEntry.findMany({ select: { validTo: true } })).map((e) => e.validTo)];
const lessonOn = async (date: string, slot: number) => {
  const week = (await diaryWeek(await actorFor(db, fx.parentId), fx.studentIds[0], date, NOW))!;
  return week.days.find((d) => d.date === date)!.lessons.find((l) => l.slot === slot);
};

describe('adding and ending a row', () => {
  it('shows in the diary from its first week, leaves it from the end date, keeps the earlier weeks; both audited', async () => {
    const added = await add(deputy, input({}));
    expect(added).toMatchObject({ ok: true });
    const entryId = (added as { entryId: number }).entryId;
    expect(await db.auditLog.findFirst({ where: { action: 'timetable-entry.create', entityId: String(entryId) } }))
      .toMatchObject({ actorId: deputy.id, oldValue: null, newValue: { courseId: russianId, weekday: 1, slot: 2, room: '21', validFrom: MONDAY, validTo: null } });
    expect(await lessonOn(MONDAY, 2)).toMatchObject({ subject: 'Русский язык', room: '21', teacher: 'Занятова О.' });
    expect(await lessonOn('2027-01-25', 1)).toMatchObject({ subject: 'Математика' });
    // A row starting on a Monday is not there the Monday before.
    await db.studyPeriod.updateMany({ where: { name: '3 четверть' }, data: { startDate: day('2027-01-04') } });
    expect(await lessonOn('2027-01-04', 2)).toBeUndefined();
    expect(await lessonOn('2027-01-04', 1)).toMatchObject({ subject: 'Математика' });

    expect(await end(deputy, { entryId, endDate: '2027-01-18' })).toEqual({ ok: true });
    expect(await db.timetableEntry.findUniqueOrThrow({ where: { id: entryId } })).toMatchObject({ validFrom: day(MONDAY), validTo: day('2027-01-17') });
    expect(await db.auditLog.findFirst({ where: { action: 'timetable-entry.end', entityId: String(entryId) } }))
      .toMatchObject({ actorId: deputy.id, oldValue: { validTo: null, slot: 2 }, newValue: { validTo: '2027-01-17', slot: 2 } });
    expect(await lessonOn('2027-01-18', 2)).toBeUndefined();
    expect(await lessonOn(MONDAY, 2)).toMatchObject({ subject: 'Русский язык' });

    // Changing the lesson: the slot is free again from the end date, and only from it.
    expect(await add(deputy, input({ validFrom: '2027-01-18', room: '22' }))).toMatchObject({ ok: true });
    expect(await add(deputy, input({ validFrom: '2027-01-15' }))).toMatchObject({ ok: false, field: 'slot' });
    expect(await lessonOn('2027-01-18', 2)).toMatchObject({ subject: 'Русский язык', room: '22' });
  });

  it('two groups of a split class share a slot; a whole-class lesson cannot join them', async () => {
    const g1 = await db.studyGroup.create({ data: { schoolId: fx.schoolId, academicYearId: fx.academicYearId, kind: 'SUBGROUP', classId: fx.classId, name: '1 группа', members: { create: { schoolId: fx.schoolId, studentId: fx.studentIds[0] } } } });
    const g2 = await db.studyGroup.create({ data: { schoolId: fx.schoolId, academicYearId: fx.academicYearId, kind: 'SUBGROUP', classId: fx.classId, name: '2 группа', members: { create: { schoolId: fx.schoolId, studentId: fx.studentIds[1] } } } });
    const english1 = await courseOf({ groupId: g1.id }, 'Английский язык', fx.teacherId);
    const english2 = await courseOf({ groupId: g2.id }, 'Английский язык 2', await createUser(db, fx.schoolId, ['TEACHER'], { lastName: 'Вторая', firstName: 'Анна' }));
    expect(await add(deputy, input({ courseId: english1, slot: 3 }))).toMatchObject({ ok: true });
    expect(await add(deputy, input({ courseId: english2, slot: 3 }))).toMatchObject({ ok: true });
    const before = await counts();
    expect(await add(deputy, input({ slot: 3 }))).toEqual({ ok: false, field: 'slot', error: 'с 11.01.2027 в понедельник на 3-м уроке у класса 5А уже есть «Английский язык, 5А, 1 группа»' });
    expect(await add(deputy, input({ courseId: english1, slot: 1 }))).toEqual({ ok: false, field: 'slot', error: 'с 11.01.2027 в понедельник на 1-м уроке у группы «1 группа» 5А уже есть «Математика, 5А»' });
    expect(await counts()).toEqual(before);
  });

  it('refuses ending a row while its later lessons have one-day changes or are opened in the journal, listing them', async () => {
    const entryId = ((await add(deputy, input({}))) as { entryId: number }).entryId;
    const change = (date: string, kind: 'MOVED' | 'CANCELLED' | 'ROOM', slot = 2) => db.timetableChange.create({
      data: { schoolId: fx.schoolId, courseId: russianId, date: day(date), slot, kind, ...(kind === 'MOVED' ? { newDate: day('2027-01-29'), newSlot: 6 } : {}), ...(kind === 'ROOM' ? { room: '5' } : {}) },
    });
    // The row's Mondays from 25.01 are changed; an earlier Monday, another slot and another day are not its later lessons.
    await change('2027-01-25', 'MOVED');
    await change('2027-02-01', 'CANCELLED');
    await change(MONDAY, 'ROOM');
    await change('2027-02-08', 'ROOM', 3);
    expect(await lessonOn('2027-01-25', 2)).toMatchObject({ subject: 'Русский язык' });
    const before = await counts();
    expect(await end(deputy, { entryId, endDate: '2027-01-18' })).toEqual({
      ok: false, field: 'endDate',
      error: 'На уроки этой записи с 18.01.2027 уже записаны изменения: 25.01.2027 — перенос урока, 01.02.2027 — отмена урока. Сначала удалите их на странице «Замены»',
    });
    expect(await counts()).toEqual(before);
    // The moved lesson stays where it was while its row does.
    expect(await lessonOn('2027-01-25', 2)).toMatchObject({ subject: 'Русский язык' });

    await db.timetableChange.deleteMany({ where: { courseId: russianId, date: { gte: day('2027-01-25') }, slot: 2 } });
    await db.lesson.create({ data: { schoolId: fx.schoolId, courseId: russianId, date: day('2027-02-08'), slot: 2, teacherId: busyId } });
    const opened = await counts();
    expect(await end(deputy, { entryId, endDate: '2027-01-18' })).toEqual({
      ok: false, field: 'endDate', error: 'Урок этой записи с 18.01.2027 уже открыт в журнале: 08.02.2027. Снимите запись с более поздней даты',
    });
    expect(await counts()).toEqual(opened);
    expect(await end(deputy, { entryId, endDate: '2027-02-15' })).toEqual({ ok: true });
  });

  it('does not clash with next year’s rows and lessons entered in advance', async () => {
    const next = await db.academicYear.create({ data: { schoolId: fx.schoolId, startYear: 2027, label: '2027/2028', startDate: day('2027-09-01'), endDate: day('2028-05-31') } });
    const nextClass = await db.schoolClass.create({ data: { schoolId: fx.schoolId, academicYearId: next.id, gradeLevel: 6, letter: 'А', periodSchemeId: fx.periodSchemeId } });
    const nextCourse = await courseOf({ classId: nextClass.id }, 'История', busyId, fx.schoolId, next.id);
    // In spring the deputy enters next year: the busy teacher's Monday 2nd from 01.09.2027, a test already opened on Monday 06.09.2027 3rd.
    await db.timetableEntry.create({ data: { schoolId: fx.schoolId, academicYearId: next.id, courseId: nextCourse, weekday: 1, slot: 2, validFrom: day('2027-09-01') } });
    await db.lesson.create({ data: { schoolId: fx.schoolId, courseId: nextCourse, date: day('2027-09-06'), slot: 3, teacherId: busyId, plannedTest: true } });
    expect(await add(deputy, input({ slot: 2 }))).toMatchObject({ ok: true });
    expect(await add(deputy, input({ slot: 3 }))).toMatchObject({ ok: true });
    expect(await lessonOn(MONDAY, 2)).toMatchObject({ subject: 'Русский язык', teacher: 'Занятова О.' });
    // Next year's row itself still clashes with a row of next year.
    const nextMaths = await courseOf({ classId: nextClass.id }, 'Алгебра', busyId, fx.schoolId, next.id);
    expect(await add(await actorFor(db, deputy.id), { classId: nextClass.id, courseId: nextMaths, weekday: 1, slot: 2, room: null, validFrom: '2027-09-06' }))
      .toEqual({ ok: false, field: 'slot', error: 'с 06.09.2027 в понедельник на 2-м уроке у класса 6А уже есть «История, 6А»' });
  });
});

describe('refusals: the message next to the field, nothing written', () => {
  it('refuses each clash and each bad place or date', async () => {
    const past = await db.academicYear.create({ data: { schoolId: fx.schoolId, startYear: 2025, label: '2025/2026', startDate: day('2025-09-01'), endDate: day('2026-05-31') } });
    const pastClass = await db.schoolClass.create({ data: { schoolId: fx.schoolId, academicYearId: past.id, gradeLevel: 4, letter: 'А', periodSchemeId: fx.periodSchemeId } });
    const pastCourse = await courseOf({ classId: pastClass.id }, 'Окружающий мир', fx.teacherId, fx.schoolId, past.id);
    const b = await createSchoolFixture(db);
    await db.studyPeriod.create({ data: { schoolId: fx.schoolId, academicYearId: fx.academicYearId, schemeId: fx.periodSchemeId, name: '4 четверть', ordinal: 4, startDate: day('2027-03-29'), endDate: day('2027-05-31'), status: 'CLOSED' } });
    // Later one-day facts: 5А's mathematics moved to Thursday 14.01 4th; the busy teacher substitutes it on Friday 15.01 5th.
    await db.timetableChange.create({ data: { schoolId: fx.schoolId, courseId: fx.courseId, date: day(MONDAY), slot: 1, kind: 'MOVED', newDate: day('2027-01-14'), newSlot: 4 } });
    await db.timetableChange.create({ data: { schoolId: fx.schoolId, courseId: fx.courseId, date: day('2027-01-15'), slot: 5, kind: 'SUBSTITUTION', substituteTeacherId: busyId } });
    const before = await counts();
    const cases: [Partial<EntryInput>, string | undefined, string][] = [
      [{ slot: 1 }, 'slot', 'с 11.01.2027 в понедельник на 1-м уроке у класса 5А уже есть «Математика, 5А»'],
      [{ weekday: 2, slot: 3 }, 'slot', 'с 11.01.2027 во вторник на 3-м уроке Занятова Ольга уже ведёт «Литература, 5Б»'],
      [{ weekday: 4, slot: 4 }, 'slot', '14.01.2027 на 4-м уроке у класса 5А уже есть «Математика, 5А» (перенос или урок, открытый в журнале)'],
      [{ weekday: 5, slot: 5 }, 'slot', '15.01.2027 на 5-м уроке Занятова Ольга уже ведёт «Математика, 5А»'],
      [{ slot: 9 }, 'slot', ENTRY_MESSAGES.noSlot],
      [{ weekday: 7 }, 'weekday', ENTRY_MESSAGES.sunday],
      [{ validFrom: '2027-06-07' }, 'validFrom', 'Дата вне учебного года 2026/2027 (01.09.2026 – 31.05.2027)'],
      [{ validFrom: '2027-04-05' }, 'validFrom', MESSAGES.periodClosed],
      [{ validFrom: '2026-11-30' }, 'validFrom', ENTRY_MESSAGES.past],
      [{ courseId: otherClassCourse }, 'courseId', ENTRY_MESSAGES.courseNotFound],
      [{ courseId: b.courseId }, 'courseId', ENTRY_MESSAGES.courseNotFound],
      [{ classId: b.classId, courseId: b.courseId }, undefined, ENTRY_MESSAGES.classNotFound],
      [{ classId: pastClass.id, courseId: pastCourse, validFrom: '2026-03-02' }, undefined, ENTRY_MESSAGES.yearEnded],
    ];
    for (const [over, field, error] of cases) expect(await add(deputy, input(over)), JSON.stringify(over)).toEqual({ ok: false, error, ...(field ? { field } : {}) });
    await db.school.update({ where: { id: fx.schoolId }, data: { schoolDaysPerWeek: 5 } });
    expect(await add(deputy, input({ weekday: 6 }))).toEqual({ ok: false, field: 'weekday', error: ENTRY_MESSAGES.saturday });
    expect(await add(await actorFor(db, fx.teacherId), input({}))).toEqual({ ok: false, error: ENTRY_MESSAGES.denied });
    expect(await counts()).toEqual(before);
  });

  it('refuses ending another school’s row, before its start, outside the year, later than it ends, or without the right', async () => {
    const b = await createSchoolFixture(db);
    const theirs = await db.timetableEntry.create({ data: { schoolId: b.schoolId, academicYearId: b.academicYearId, courseId: b.courseId, weekday: 1, slot: 1, validFrom: day('2026-09-01') } });
    const own = await db.timetableEntry.create({ data: { schoolId: fx.schoolId, academicYearId: fx.academicYearId, courseId: russianId, weekday: 4, slot: 1, validFrom: day(MONDAY), validTo: day('2027-03-31') } });
    const before = await counts();
    expect(await end(deputy, { entryId: theirs.id, endDate: MONDAY })).toEqual({ ok: false, error: ENTRY_MESSAGES.entryNotFound });
    expect(await end(deputy, { entryId: own.id, endDate: '2027-01-04' })).toEqual({ ok: false, field: 'endDate', error: ENTRY_MESSAGES.beforeStart });
    expect(await end(deputy, { entryId: own.id, endDate: '2027-06-07' })).toMatchObject({ ok: false, field: 'endDate', error: expect.stringContaining('Дата вне учебного года') });
    expect(await end(deputy, { entryId: own.id, endDate: '2027-04-05' })).toEqual({ ok: false, field: 'endDate', error: 'Запись уже действует только по 31.03.2027' });
    const maths = await db.timetableEntry.findFirstOrThrow({ where: { courseId: fx.courseId } });
    expect(await end(deputy, { entryId: maths.id, endDate: '2026-11-30' })).toEqual({ ok: false, field: 'endDate', error: ENTRY_MESSAGES.past });
    expect(await end(await actorFor(db, fx.teacherId), { entryId: own.id, endDate: '2027-02-01' })).toEqual({ ok: false, error: ENTRY_MESSAGES.denied });
    expect(await counts()).toEqual(before);
  });
});

describe('the page and its actions', () => {
  const formOf = (fields: Record<string, string>) => {
    const f = new FormData();
    for (const [k, v] of Object.entries(fields)) f.append(k, v);
    return f;
  };

  it('is in the menu of those who hold the right only', async () => {
    const link = { href: '/admin/schedule', label: 'Расписание' };
    expect(navigationFor(deputy)).toContainEqual(link);
    expect(navigationFor(await actorFor(db, fx.adminId))).toContainEqual(link);
    expect(navigationFor(await actorFor(db, fx.teacherId))).not.toContainEqual(link);
  });

  // The actions read the clock: it is held at NOW, so that this week late in the year stays ahead
  // of it whatever day the test runs.
  const LATE_MONDAY = '2027-05-17';
  afterEach(() => { vi.useRealTimers(); });

  it('the forms answer errors next to the field with what was typed; the page shows the week', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(NOW);
    await signInForRequest(db, deputy.id);
    const fields = { classId: String(fx.classId), courseId: String(russianId), weekday: '1', slot: '1', room: '21', validFrom: LATE_MONDAY };
    expect(await addEntryAction({}, formOf(fields))).toMatchObject({ errors: { slot: expect.stringContaining('уже есть «Математика, 5А»') }, values: { courseId: String(russianId), room: '21' } });
    expect(await addEntryAction({}, formOf({ ...fields, weekday: '', validFrom: '2027-02-30' }))).toMatchObject({ errors: { weekday: 'Выберите день недели', validFrom: 'Такой даты нет в календаре' } });
    expect(await addEntryAction({}, formOf({ ...fields, room: 'x'.repeat(21) }))).toMatchObject({ errors: { room: 'Кабинет — не длиннее 20 символов' } });
    expect(await db.timetableEntry.count()).toBe(2);
    expect(await addEntryAction({}, formOf({ ...fields, slot: '2' }))).toMatchObject({ ok: true });
    const added = await db.timetableEntry.findFirstOrThrow({ where: { courseId: russianId } });
    expect(await endEntryAction({}, formOf({ entryId: added.id.toString(), endDate: '2027-05-10' }))).toMatchObject({ errors: { endDate: ENTRY_MESSAGES.beforeStart } });
    expect(await endEntryAction({}, formOf({ entryId: 'abc', endDate: LATE_MONDAY }))).toMatchObject({ errors: { form: 'Запись расписания не найдена' } });

    const html = renderToStaticMarkup((await SchedulePage({ searchParams: Promise.resolve({ class: String(fx.classId), date: '2027-05-18' }) })) as React.ReactElement);
    const text = html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
    expect(text).toContain('Расписание уроков 5А');
    expect(text).toContain('Неделя на 18.05.2027');
    // The bells as every page writes them (lib/domain/bell-times.ts): in the grid and in the form.
    expect(text).toMatch(/1-й 08:00–08:45 .*6-й 12:35–13:20/);
    expect(html).toContain('>1-й урок (08:00–08:45)</option>');
    expect(text).toMatch(/Понедельник .*1-й .*Математика .*Учителева М\. .*2-й .*Русский язык .*Занятова О\. · каб\. 21/);
    expect(html).toContain('aria-label="Снять с расписания: Понедельник, 2-й урок, Русский язык"');
    expect(text).not.toContain('Литература');
    expect(await endEntryAction({}, formOf({ entryId: added.id.toString(), endDate: '2027-05-24' }))).toMatchObject({ ok: true });
  });
});
