// The deputy director's timetable changes (seed 002 §3.4): each kind recorded shows in the
// pupil's diary, the substitute opens the lesson in the journal and its own teacher sees it handed
// over; bad input, another school's records and people without the right are refused, nothing
// changed; removal gives a substituted lesson back; every write is audited; the page renders.
import { renderToStaticMarkup } from 'react-dom/server';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { resetDb, serverHasManyDatabases, testDb } from '../support/db';
import { actorFor } from '../support/actors';
import { signInForRequest } from '../support/request-session';
import { createMark, createSchoolFixture, createUser, day, type SchoolFixture } from '../support/fixtures';
import type { Actor } from '@/lib/auth/actor';
import { recordTimetableChange, removeTimetableChange, CHANGE_MESSAGES, type ChangeInput } from '@/lib/data/timetable/changes';
import { timetableDay } from '@/lib/data/timetable/day';
import { lockTimetable } from '@/lib/data/timetable/lock';
import { diaryWeek } from '@/lib/data/diary/week';
import { openLesson, updateLesson } from '@/lib/data/journal/lessons';
import { MESSAGES } from '@/lib/data/journal/result';
import { teacherHome } from '@/lib/data/teacher-home';
import { recordChangeAction, removeChangeAction } from '@/app/(admin)/admin/timetable/actions';
import TimetableChangesPage from '@/app/(admin)/admin/timetable/page';
import JournalHomePage from '@/app/(journal)/journal/page';
import { navigationFor } from '@/lib/auth/navigation';

const db = testDb();
const NOW = new Date('2026-10-01T09:00:00Z');
// Mathematics of 5А: Mondays 1st (room 12) and Wednesdays 2nd; Russian of 5А: Tuesdays 1st.
const MONDAY = '2026-09-14';
const TUESDAY = '2026-09-15';
const WEDNESDAY = '2026-09-16';

let fx: SchoolFixture;
let admin: Actor;
let deputy: Actor;
let freeId: number;
let busyId: number;
let russianId: number;

const entry = (courseId: number, weekday: number, slot: number, room: string | null = null) =>
  db.timetableEntry.create({ data: { schoolId: fx.schoolId, academicYearId: fx.academicYearId, courseId, weekday, slot, room, validFrom: day('2026-09-01') } });

async function courseOf(classId: number, subject: string, teacherId: number) {
  const s = await db.subject.create({ data: { schoolId: fx.schoolId, name: subject, shortName: subject.slice(0, 3) } });
  return (await db.course.create({
    data: { schoolId: fx.schoolId, academicYearId: fx.academicYearId, subjectId: s.id, classId, gradingScaleId: fx.gradingScaleId, teachers: { create: { schoolId: fx.schoolId, teacherId, isPrimary: true } } },
  })).id;
}

beforeEach(async () => {
  await resetDb();
  fx = await createSchoolFixture(db);
  const bells = await db.bellSchedule.create({ data: { schoolId: fx.schoolId, name: 'Основное', isDefault: true } });
  await db.bellSlot.createMany({ data: [1, 2, 3, 4, 5, 6].map((slot) => ({ schoolId: fx.schoolId, bellScheduleId: bells.id, slot, startMinute: 480 + (slot - 1) * 55, endMinute: 525 + (slot - 1) * 55 })) });
  await db.holiday.create({ data: { schoolId: fx.schoolId, academicYearId: fx.academicYearId, name: 'Осенние каникулы', startDate: day('2026-10-26'), endDate: day('2026-11-03') } });
  freeId = await createUser(db, fx.schoolId, ['TEACHER'], { lastName: 'Свободова', firstName: 'Елена' });
  busyId = await createUser(db, fx.schoolId, ['TEACHER'], { lastName: 'Занятова', firstName: 'Ольга' });
  const other = await db.schoolClass.create({ data: { schoolId: fx.schoolId, academicYearId: fx.academicYearId, gradeLevel: 5, letter: 'Б', periodSchemeId: fx.periodSchemeId } });
  await entry(fx.courseId, 1, 1, '12');
  await entry(fx.courseId, 3, 2);
  russianId = await courseOf(fx.classId, 'Русский язык', busyId);
  await entry(russianId, 2, 1);
  // The busy teacher teaches 5Б on Mondays 1st too.
  await entry(await courseOf(other.id, 'Литература', busyId), 1, 1);
  const deputyId = await createUser(db, fx.schoolId, ['MANAGEMENT'], { lastName: 'Завучева', firstName: 'Зоя' });
  admin = await actorFor(db, fx.adminId);
  deputy = await actorFor(db, deputyId);
});

const input = (over: Partial<ChangeInput>): ChangeInput => ({
  courseId: fx.courseId, date: MONDAY, slot: 1, kind: 'ROOM', substituteTeacherId: null, newDate: null, newSlot: null, room: null, reason: null, ...over,
});
const counts = async () => [await db.timetableChange.count(), await db.auditLog.count(), await db.lesson.count()];
const weekOf = async (date: string) => (await diaryWeek(await actorFor(db, fx.parentId), fx.studentIds[0], date, NOW))!;
const lessonOn = async (date: string, slot: number) => (await weekOf(date)).days.find((d) => d.date === date)!.lessons.find((l) => l.slot === slot);

describe('recording each kind', () => {
  it('a substitution: the diary names the substitute, the substitute opens the lesson, its teacher sees it handed over; removal gives it back', async () => {
    const result = await recordTimetableChange(deputy, input({ kind: 'SUBSTITUTION', substituteTeacherId: freeId, reason: 'Болезнь учителя' }));
    expect(result).toMatchObject({ ok: true });
    const changeId = (result as { changeId: number }).changeId;
    expect(await db.auditLog.findFirst({ where: { action: 'timetable-change.create', entityId: String(changeId) } }))
      .toMatchObject({ actorId: deputy.id, oldValue: null, newValue: { kind: 'SUBSTITUTION', substituteTeacherId: freeId, date: MONDAY, slot: 1, reason: 'Болезнь учителя' } });
    expect(await lessonOn(MONDAY, 1)).toMatchObject({ status: 'substitution', substitute: 'Свободова Е.' });

    const opened = await openLesson(await actorFor(db, freeId), { courseId: fx.courseId, date: MONDAY, slot: 1 });
    expect(opened).toMatchObject({ ok: true });
    const lessonId = (opened as { lessonId: number }).lessonId;
    expect(await db.lesson.findUniqueOrThrow({ where: { id: lessonId } })).toMatchObject({ teacherId: freeId, isSubstitution: true });
    const home = await teacherHome(await actorFor(db, fx.teacherId), new Date(`${MONDAY}T06:00:00Z`));
    expect(home.lessons.find((l) => l.courseId === fx.courseId && l.slot === 1)).toMatchObject({ change: 'SUBSTITUTION', note: 'Урок ведёт замещающий учитель; Болезнь учителя', canOpen: false });

    expect(await removeTimetableChange(deputy, changeId)).toEqual({ ok: true });
    expect(await db.timetableChange.count()).toBe(0);
    expect(await db.lesson.findUniqueOrThrow({ where: { id: lessonId } })).toMatchObject({ teacherId: fx.teacherId, isSubstitution: false });
    expect(await db.auditLog.findFirst({ where: { action: 'timetable-change.delete', entityId: String(changeId) } }))
      .toMatchObject({ actorId: deputy.id, oldValue: { kind: 'SUBSTITUTION', substituteTeacherId: freeId, date: MONDAY }, newValue: null });
    expect(await lessonOn(MONDAY, 1)).toMatchObject({ status: 'regular' });
  });

  it('last year’s timetable rows, left open-ended, neither show on the day nor take its slots', async () => {
    const last = await db.academicYear.create({ data: { schoolId: fx.schoolId, startYear: 2025, label: '2025/2026', startDate: day('2025-09-01'), endDate: day('2026-05-31') } });
    const s = await db.subject.create({ data: { schoolId: fx.schoolId, name: 'Природоведение', shortName: 'Прир' } });
    const old = await db.course.create({ data: { schoolId: fx.schoolId, academicYearId: last.id, subjectId: s.id, classId: fx.classId, gradingScaleId: fx.gradingScaleId, teachers: { create: { schoolId: fx.schoolId, teacherId: freeId } } } });
    await db.timetableEntry.create({ data: { schoolId: fx.schoolId, academicYearId: last.id, courseId: old.id, weekday: 1, slot: 3, validFrom: day('2025-09-01') } });
    const monday = (await timetableDay(admin, MONDAY, NOW))!;
    expect(monday.classes.flatMap((c) => c.lessons.map((l) => l.subject))).not.toContain('Природоведение');
    expect(await recordTimetableChange(admin, input({ kind: 'SUBSTITUTION', substituteTeacherId: freeId }))).toMatchObject({ ok: true });
    expect(await recordTimetableChange(admin, input({ kind: 'MOVED', date: WEDNESDAY, slot: 2, newDate: '2026-09-21', newSlot: 3 }))).toMatchObject({ ok: true });
  });

  it('a cancellation, a move and a room change show in the diary', async () => {
    expect(await recordTimetableChange(admin, input({ kind: 'CANCELLED', date: WEDNESDAY, slot: 2, reason: 'Экскурсия' }))).toMatchObject({ ok: true });
    expect(await lessonOn(WEDNESDAY, 2)).toMatchObject({ status: 'cancelled' });

    expect(await recordTimetableChange(admin, input({ kind: 'MOVED', newDate: '2026-09-17', newSlot: 3 }))).toMatchObject({ ok: true });
    expect(await lessonOn(MONDAY, 1)).toMatchObject({ status: 'moved-away', movedTo: { date: '2026-09-17', slot: 3 } });
    expect(await lessonOn('2026-09-17', 3)).toMatchObject({ status: 'moved-in', movedFrom: { date: MONDAY, slot: 1 } });

    expect(await recordTimetableChange(admin, input({ kind: 'ROOM', date: '2026-09-21', room: '214' }))).toMatchObject({ ok: true });
    expect(await lessonOn('2026-09-21', 1)).toMatchObject({ status: 'regular', room: '214', roomChanged: true });
    expect(await db.auditLog.count({ where: { action: 'timetable-change.create' } })).toBe(3);
  });
});

const refused = async (actor: Actor, over: Partial<ChangeInput>, error: string, field?: string) => {
  const before = await counts();
  const result = await recordTimetableChange(actor, input(over));
  expect(result).toEqual(field ? { ok: false, error, field } : { ok: false, error });
  expect(await counts()).toEqual(before);
};

describe('refusals change nothing', () => {

  it('bad dates, slots and lessons', async () => {
    await refused(admin, { date: '2026-02-30' }, 'Такой даты нет в календаре', 'date');
    await refused(admin, { date: '2027-06-07', room: '1' }, 'Дата вне учебного года 2026/2027 (01.09.2026 – 31.05.2027)', 'date');
    await refused(admin, { slot: 9, room: '1' }, CHANGE_MESSAGES.noSlot, 'lesson');
    await refused(admin, { date: '2026-10-26', room: '1' }, '26.10.2026 — каникулы («Осенние каникулы»): уроков нет', 'date');
    await refused(admin, { date: TUESDAY, room: '1' }, CHANGE_MESSAGES.notScheduled, 'lesson');
    await refused(admin, { kind: 'ROOM', room: null }, CHANGE_MESSAGES.chooseRoom, 'room');
    await refused(admin, { room: 'x'.repeat(21) }, CHANGE_MESSAGES.roomTooLong, 'room');
  });

  it('a second change of a kind, and changes that exclude each other', async () => {
    expect(await recordTimetableChange(admin, input({ kind: 'SUBSTITUTION', substituteTeacherId: freeId }))).toMatchObject({ ok: true });
    await refused(admin, { kind: 'SUBSTITUTION', substituteTeacherId: freeId }, CHANGE_MESSAGES.sameKind, 'kind');
    await refused(admin, { kind: 'CANCELLED' }, CHANGE_MESSAGES.hasSubstitute, 'kind');
    expect(await recordTimetableChange(admin, input({ kind: 'CANCELLED', date: WEDNESDAY, slot: 2 }))).toMatchObject({ ok: true });
    await refused(admin, { kind: 'MOVED', date: WEDNESDAY, slot: 2, newDate: '2026-09-17', newSlot: 3 }, CHANGE_MESSAGES.cancelledOrMoved, 'kind');
  });

  it('substitutes: none, busy in the slot, the course’s own, inactive, another school’s', async () => {
    await refused(admin, { kind: 'SUBSTITUTION' }, CHANGE_MESSAGES.chooseSubstitute, 'substituteTeacherId');
    await refused(admin, { kind: 'SUBSTITUTION', substituteTeacherId: busyId }, 'Занятова Ольга в этот урок уже ведёт «Литература, 5Б»', 'substituteTeacherId');
    await refused(admin, { kind: 'SUBSTITUTION', substituteTeacherId: fx.teacherId }, CHANGE_MESSAGES.ownTeacher, 'substituteTeacherId');
    // Substituting elsewhere in the slot is busy too.
    await db.timetableChange.create({ data: { schoolId: fx.schoolId, courseId: russianId, date: day(TUESDAY), slot: 1, kind: 'SUBSTITUTION', substituteTeacherId: freeId } });
    await db.lesson.create({ data: { schoolId: fx.schoolId, courseId: fx.courseId, date: day(TUESDAY), slot: 1, teacherId: fx.teacherId } });
    await refused(admin, { kind: 'SUBSTITUTION', date: TUESDAY, substituteTeacherId: freeId }, 'Свободова Елена в этот урок уже ведёт «Русский язык, 5А»', 'substituteTeacherId');
    await db.user.update({ where: { id: freeId }, data: { active: false } });
    await refused(admin, { kind: 'SUBSTITUTION', substituteTeacherId: freeId }, CHANGE_MESSAGES.substituteNotFound, 'substituteTeacherId');
    const otherSchool = await createSchoolFixture(db);
    await refused(admin, { kind: 'SUBSTITUTION', substituteTeacherId: otherSchool.teacherId }, CHANGE_MESSAGES.substituteNotFound, 'substituteTeacherId');
  });

  it('moves: onto the class’s lesson, a holiday, outside the year, the same place; a held lesson is neither cancelled nor moved', async () => {
    const move = (newDate: string, newSlot: number) => ({ kind: 'MOVED' as const, newDate, newSlot });
    await refused(admin, move(TUESDAY, 1), '15.09.2026 на 1-м уроке у класса 5А уже есть «Русский язык, 5А»', 'newSlot');
    await refused(admin, move('2026-10-27', 1), '27.10.2026 — каникулы («Осенние каникулы»): уроков нет', 'newDate');
    await refused(admin, move('2027-06-01', 1), 'Дата вне учебного года 2026/2027 (01.09.2026 – 31.05.2027)', 'newDate');
    await refused(admin, move(MONDAY, 1), CHANGE_MESSAGES.samePlace, 'newSlot');
    await refused(admin, { kind: 'MOVED', newSlot: 2 }, CHANGE_MESSAGES.chooseNewDate, 'newDate');
    await refused(admin, move(TUESDAY, 7), CHANGE_MESSAGES.noSlot, 'newSlot');
    const held = await db.lesson.create({ data: { schoolId: fx.schoolId, courseId: fx.courseId, date: day(MONDAY), slot: 1, teacherId: fx.teacherId } });
    await createMark(db, fx, { value: '5', lessonId: held.id });
    await refused(admin, { kind: 'CANCELLED' }, CHANGE_MESSAGES.held, 'kind');
    await refused(admin, move('2026-09-17', 3), CHANGE_MESSAGES.held, 'kind');
    // Held by its own teacher: no substitute may be written over it; held by the substitute: recorded.
    await refused(admin, { kind: 'SUBSTITUTION', substituteTeacherId: freeId }, CHANGE_MESSAGES.heldBySomeoneElse, 'kind');
    await db.lesson.update({ where: { id: held.id }, data: { teacherId: freeId, isSubstitution: true, regularTeacherId: fx.teacherId } });
    const recorded = await recordTimetableChange(admin, input({ kind: 'SUBSTITUTION', substituteTeacherId: freeId }));
    expect(recorded).toMatchObject({ ok: true });
    // Once held by the substitute, the substitution is a fact: it is not removed.
    const before = await counts();
    expect(await removeTimetableChange(admin, (recorded as { changeId: number }).changeId)).toEqual({ ok: false, error: CHANGE_MESSAGES.substituteHeld });
    expect(await counts()).toEqual(before);
    expect(await db.lesson.findUniqueOrThrow({ where: { id: held.id } })).toMatchObject({ teacherId: freeId, isSubstitution: true });
  });

  it('another school’s course and change, and people without the right', async () => {
    const other = await createSchoolFixture(db);
    await refused(admin, { courseId: other.courseId, room: '1' }, CHANGE_MESSAGES.lessonNotFound, 'lesson');
    const foreign = await db.timetableChange.create({ data: { schoolId: other.schoolId, courseId: other.courseId, date: day(MONDAY), slot: 1, kind: 'CANCELLED' } });
    expect(await removeTimetableChange(admin, foreign.id)).toEqual({ ok: false, error: CHANGE_MESSAGES.changeNotFound });
    expect(await db.timetableChange.count({ where: { id: foreign.id } })).toBe(1);
    for (const id of [fx.teacherId, fx.parentId, fx.studentIds[0]]) {
      const actor = await actorFor(db, id);
      await refused(actor, { room: '1' }, CHANGE_MESSAGES.denied);
      expect(await timetableDay(actor, MONDAY, NOW)).toBeNull();
    }
    const own = await db.timetableChange.create({ data: { schoolId: fx.schoolId, courseId: fx.courseId, date: day(MONDAY), slot: 1, kind: 'CANCELLED' } });
    expect(await removeTimetableChange(await actorFor(db, fx.teacherId), own.id)).toEqual({ ok: false, error: CHANGE_MESSAGES.denied });
    expect(await db.timetableChange.count({ where: { id: own.id } })).toBe(1);
  });
});

describe('the page and its actions', () => {
  const formOf = (fields: Record<string, string>) => {
    const f = new FormData();
    for (const [k, v] of Object.entries(fields)) f.append(k, v);
    return f;
  };

  it('is in the menu of those who hold the right only', async () => {
    const link = { href: '/admin/timetable', label: 'Замены' };
    expect(navigationFor(deputy)).toContainEqual(link);
    expect(navigationFor(admin)).toContainEqual(link);
    expect(navigationFor(await actorFor(db, fx.teacherId))).not.toContainEqual(link);
  });

  it('lists the day by class with its changes; the form answers a Russian error next to the field with what was typed', async () => {
    await signInForRequest(db, deputy.id);
    const fields = { date: MONDAY, lesson: `${fx.courseId}:1`, kind: 'SUBSTITUTION', substituteTeacherId: String(busyId), newDate: '', newSlot: '', room: '', reason: 'Болезнь' };
    const refusedState = await recordChangeAction({}, formOf(fields));
    expect(refusedState).toMatchObject({ errors: { substituteTeacherId: 'Занятова Ольга в этот урок уже ведёт «Литература, 5Б»' }, values: { lesson: `${fx.courseId}:1`, reason: 'Болезнь' } });
    expect(await recordChangeAction({}, formOf({ ...fields, lesson: 'abc' }))).toMatchObject({ errors: { lesson: 'Выберите урок' } });
    expect(await db.timetableChange.count()).toBe(0);
    expect(await recordChangeAction({}, formOf({ ...fields, substituteTeacherId: String(freeId) }))).toMatchObject({ ok: true });

    const html = renderToStaticMarkup((await TimetableChangesPage({ searchParams: Promise.resolve({ date: MONDAY }) })) as React.ReactElement);
    const text = html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
    expect(text).toContain('Замены и изменения расписания');
    expect(text).toContain('понедельник, 14 сентября 2026');
    expect(text).toMatch(/5А .*Математика .*Учителева М\. ?.* 12 .*Замена: Свободова Е\. — Болезнь/);
    expect(text).toContain('5Б');
    // «Записать изменение» of a row opens the form with that lesson chosen.
    const chosen = renderToStaticMarkup((await TimetableChangesPage({ searchParams: Promise.resolve({ date: MONDAY, lesson: `${fx.courseId}:1` }) })) as React.ReactElement);
    expect(chosen).toMatch(new RegExp(`<option value="${fx.courseId}:1" selected="">5А · 1-й урок · Математика</option>`));
    expect(chosen).toContain('>2-й урок (08:55–09:40)</option>');

    const change = await db.timetableChange.findFirstOrThrow();
    expect(await removeChangeAction({}, formOf({ changeId: String(change.id) }))).toEqual({ ok: true });
    expect(await removeChangeAction({}, formOf({ changeId: '3000000000' }))).toEqual({ error: 'Изменение не найдено' });
  });
});

describe('a substitution and a lesson already opened', () => {
  it('recording it hands the lesson its teacher opened in advance to the substitute at once, audited', async () => {
    const opened = await openLesson(await actorFor(db, fx.teacherId), { courseId: fx.courseId, date: MONDAY, slot: 1 });
    const lessonId = (opened as { lessonId: number }).lessonId;
    expect(await recordTimetableChange(deputy, input({ kind: 'SUBSTITUTION', substituteTeacherId: freeId }))).toMatchObject({ ok: true });
    expect(await db.lesson.findUniqueOrThrow({ where: { id: lessonId } })).toMatchObject({ teacherId: freeId, isSubstitution: true, regularTeacherId: fx.teacherId });
    expect(await db.auditLog.findFirst({ where: { action: 'lesson.update', entityId: String(lessonId) } })).toMatchObject({
      actorId: deputy.id, oldValue: { teacherId: fx.teacherId, isSubstitution: false }, newValue: { teacherId: freeId, isSubstitution: true, regularTeacherId: fx.teacherId },
    });
  });

  it('the substitute never takes over a lesson its own teacher has held', async () => {
    const teacher = await actorFor(db, fx.teacherId);
    const lessonId = ((await openLesson(teacher, { courseId: fx.courseId, date: MONDAY, slot: 1 })) as { lessonId: number }).lessonId;
    expect(await recordTimetableChange(deputy, input({ kind: 'SUBSTITUTION', substituteTeacherId: freeId }))).toMatchObject({ ok: true });
    // The teacher came after all: takes the lesson back in the lesson form and holds it.
    const { version } = await db.lesson.findUniqueOrThrow({ where: { id: lessonId } });
    expect(await updateLesson(teacher, lessonId, { topic: 'Дроби', plannedTopicId: null, lessonKind: 'LESSON', plannedTest: false, substituteTeacherId: null, expectedVersion: version })).toMatchObject({ ok: true });
    await createMark(db, fx, { value: '5', lessonId });
    const before = await counts();
    expect(await openLesson(await actorFor(db, freeId), { courseId: fx.courseId, date: MONDAY, slot: 1 })).toEqual({ ok: false, error: MESSAGES.heldByOther });
    expect(await counts()).toEqual(before);
    expect(await db.lesson.findUniqueOrThrow({ where: { id: lessonId } })).toMatchObject({ teacherId: fx.teacherId, isSubstitution: false });
  });
});

describe('is the teacher free', () => {
  it('a substitute set in the lesson form is busy in that slot; a teacher whose lesson was handed over there is free', async () => {
    await db.lesson.create({ data: { schoolId: fx.schoolId, courseId: russianId, date: day(TUESDAY), slot: 1, teacherId: freeId, isSubstitution: true, regularTeacherId: busyId } });
    await db.lesson.create({ data: { schoolId: fx.schoolId, courseId: fx.courseId, date: day(TUESDAY), slot: 1, teacherId: fx.teacherId } });
    await refused(admin, { kind: 'SUBSTITUTION', date: TUESDAY, substituteTeacherId: freeId }, 'Свободова Елена в этот урок уже ведёт «Русский язык, 5А»', 'substituteTeacherId');

    // Занятова's Monday literature in 5Б is taken by someone else through the lesson form.
    const literature = await db.course.findFirstOrThrow({ where: { schoolId: fx.schoolId, subject: { name: 'Литература' } } });
    const third = await createUser(db, fx.schoolId, ['TEACHER'], { lastName: 'Третьякова', firstName: 'Анна' });
    await db.lesson.create({ data: { schoolId: fx.schoolId, courseId: literature.id, date: day(MONDAY), slot: 1, teacherId: third, isSubstitution: true, regularTeacherId: busyId } });
    expect(await recordTimetableChange(admin, input({ kind: 'SUBSTITUTION', substituteTeacherId: busyId }))).toMatchObject({ ok: true });
  });

  it('a lesson is not moved to where its teacher teaches another class, nor to a day off', async () => {
    const other = await db.schoolClass.findFirstOrThrow({ where: { schoolId: fx.schoolId, letter: 'Б' } });
    await entry(await courseOf(other.id, 'Биология', fx.teacherId), 2, 2);
    const move = (newDate: string, newSlot: number) => ({ kind: 'MOVED' as const, newDate, newSlot });
    await refused(admin, move(TUESDAY, 2), '15.09.2026 на 2-м уроке Учителева Мария уже ведёт «Биология, 5Б»', 'newSlot');
    await refused(admin, move('2026-09-20', 1), '20.09.2026 — воскресенье: уроков нет', 'newDate');
    expect(await recordTimetableChange(admin, input(move('2026-09-19', 1)))).toMatchObject({ ok: true });
    await db.timetableChange.deleteMany();
    await db.school.update({ where: { id: fx.schoolId }, data: { schoolDaysPerWeek: 5 } });
    await refused(admin, move('2026-09-19', 1), '19.09.2026 — суббота, а учебная неделя — 5-дневная: уроков нет', 'newDate');
  });
});

describe('a closed study period', () => {
  it('takes no change on its dates, nor a lesson moved into it, and keeps its changes', async () => {
    const kept = await db.timetableChange.create({ data: { schoolId: fx.schoolId, courseId: fx.courseId, date: day(WEDNESDAY), slot: 2, kind: 'CANCELLED' } });
    await db.studyPeriod.create({ data: { schoolId: fx.schoolId, academicYearId: fx.academicYearId, schemeId: fx.periodSchemeId, name: '2 четверть', ordinal: 2, startDate: day('2026-11-04'), endDate: day('2026-12-27') } });
    await db.studyPeriod.update({ where: { id: fx.studyPeriodId }, data: { status: 'CLOSED' } });
    await refused(admin, { kind: 'CANCELLED' }, MESSAGES.periodClosed, 'date');
    await refused(admin, { kind: 'MOVED', date: '2026-11-09', newDate: '2026-10-21', newSlot: 3 }, MESSAGES.periodClosed, 'newDate');
    expect(await removeTimetableChange(admin, kept.id)).toEqual({ ok: false, error: MESSAGES.periodClosed });
    expect(await db.timetableChange.count({ where: { id: kept.id } })).toBe(1);
    // The open period's lessons still change.
    expect(await recordTimetableChange(admin, input({ kind: 'MOVED', date: '2026-11-09', newDate: '2026-11-10', newSlot: 3 }))).toMatchObject({ ok: true });
  });
});

describe('a holiday on the page', () => {
  const pageText = async (date: string) => renderToStaticMarkup((await TimetableChangesPage({ searchParams: Promise.resolve({ date }) })) as React.ReactElement)
    .replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

  it('shows the holiday instead of the timetable, for the whole school or the grades it covers', async () => {
    await signInForRequest(db, deputy.id);
    const autumn = await pageText('2026-10-26');
    expect(autumn).toContain('Каникулы («Осенние каникулы»): уроков нет.');
    expect(autumn).not.toContain('Математика');
    expect(autumn).not.toContain('Записать изменение');

    // An extra week for the fifth grade only: 6А keeps its lessons, and only they can be changed.
    await db.holiday.create({ data: { schoolId: fx.schoolId, academicYearId: fx.academicYearId, name: 'Дополнительные каникулы', startDate: day('2026-09-28'), endDate: day('2026-10-04'), gradeLevels: [5] } });
    const sixth = await db.schoolClass.create({ data: { schoolId: fx.schoolId, academicYearId: fx.academicYearId, gradeLevel: 6, letter: 'А', periodSchemeId: fx.periodSchemeId } });
    await entry(await courseOf(sixth.id, 'География', freeId), 1, 2);
    const day5 = (await timetableDay(deputy, '2026-09-28', NOW))!;
    expect(day5.holiday).toBeNull();
    expect(day5.classes.map((c) => [c.name, c.holiday, c.lessons.map((l) => l.subject)])).toEqual([
      ['5А', 'Дополнительные каникулы', []], ['5Б', 'Дополнительные каникулы', []], ['6А', null, ['География']],
    ]);
    const text = await pageText('2026-09-28');
    expect(text).toMatch(/5А Каникулы \(«Дополнительные каникулы»\): уроков нет\./);
    expect(text).toContain('6А · 2-й урок · География');
    expect(text).not.toContain('5А · 1-й урок');
  });
});

describe('a lesson opened in advance and then cancelled or moved', () => {
  it('its journal row goes with a move and comes back when the move is removed; an empty one goes with a cancellation', async () => {
    const teacher = await actorFor(db, fx.teacherId);
    const monday = ((await openLesson(teacher, { courseId: fx.courseId, date: MONDAY, slot: 1 })) as { lessonId: number }).lessonId;
    const moved = await recordTimetableChange(admin, input({ kind: 'MOVED', newDate: '2026-09-17', newSlot: 3 }));
    expect(moved).toMatchObject({ ok: true });
    expect(await db.lesson.findUniqueOrThrow({ where: { id: monday } })).toMatchObject({ date: day('2026-09-17'), slot: 3 });
    expect(await db.auditLog.findFirst({ where: { action: 'lesson.update', entityId: String(monday) } }))
      .toMatchObject({ actorId: admin.id, oldValue: { date: MONDAY, slot: 1 }, newValue: { date: '2026-09-17', slot: 3 } });
    expect(await removeTimetableChange(admin, (moved as { changeId: number }).changeId)).toEqual({ ok: true });
    expect(await db.lesson.findUniqueOrThrow({ where: { id: monday } })).toMatchObject({ date: day(MONDAY), slot: 1 });

    expect(await recordTimetableChange(admin, input({ kind: 'CANCELLED' }))).toMatchObject({ ok: true });
    expect(await db.lesson.count({ where: { id: monday } })).toBe(0);
    expect(await db.auditLog.findFirst({ where: { action: 'lesson.delete', entityId: String(monday) } })).toMatchObject({ actorId: admin.id, newValue: null });
  });

  it('a cancellation waits while a topic is written in the opened lesson', async () => {
    await db.lesson.create({ data: { schoolId: fx.schoolId, courseId: fx.courseId, date: day(WEDNESDAY), slot: 2, teacherId: fx.teacherId, topic: 'Дроби' } });
    await refused(admin, { kind: 'CANCELLED', date: WEDNESDAY, slot: 2 }, CHANGE_MESSAGES.written, 'kind');
  });
});

describe('a lesson moved to another day', () => {
  const THURSDAY = '2026-09-17';
  const FRIDAY = '2026-09-18';
  const there = (over: Partial<ChangeInput>) => input({ date: THURSDAY, slot: 3, ...over });
  const ok = async (p: Promise<unknown>) => {
    const r = await p;
    expect(r).toMatchObject({ ok: true });
    return (r as { changeId: number }).changeId;
  };

  it('shows its move where it arrived, and is changed or its move removed from there, with the same refusals as other lessons', async () => {
    const move = await ok(recordTimetableChange(admin, input({ kind: 'MOVED', newDate: THURSDAY, newSlot: 3, reason: 'Экскурсия' })));

    // The target day's page: the move with its «Удалить», and the lesson in the form's list.
    await signInForRequest(db, deputy.id);
    const html = renderToStaticMarkup((await TimetableChangesPage({ searchParams: Promise.resolve({ date: THURSDAY }) })) as React.ReactElement);
    expect(html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ')).toContain('Перенесён сюда с 14.09.2026, 1-й урок — Экскурсия');
    expect(html).toContain('aria-label="Удалить: 5А, 3-й урок, перенос с 14.09.2026"');
    expect(html).toContain(`<option value="${fx.courseId}:3">5А · 3-й урок · Математика</option>`);
    expect(html).toContain('aria-label="Записать изменение: 5А, 3-й урок, Математика"');

    // A substitute there: the diary names them and they open the lesson; the move stays until the substitution goes.
    const substitution = await ok(recordTimetableChange(admin, there({ kind: 'SUBSTITUTION', substituteTeacherId: freeId })));
    expect(await lessonOn(THURSDAY, 3)).toMatchObject({ status: 'substitution', substitute: 'Свободова Е.' });
    const opened = await openLesson(await actorFor(db, freeId), { courseId: fx.courseId, date: THURSDAY, slot: 3 });
    expect(await db.lesson.findUniqueOrThrow({ where: { id: (opened as { lessonId: number }).lessonId } })).toMatchObject({ teacherId: freeId, isSubstitution: true });
    const before = await counts();
    expect(await removeTimetableChange(admin, move)).toEqual({ ok: false, error: CHANGE_MESSAGES.movedChanged });
    expect(await counts()).toEqual(before);
    await ok(removeTimetableChange(admin, substitution));

    // Refused as elsewhere: a second move of it while it is substituted, back where it came from, once held.
    await refused(admin, { ...there({}), kind: 'MOVED', newDate: MONDAY, newSlot: 1 }, CHANGE_MESSAGES.backWhereMoved, 'newSlot');
    await refused(admin, { ...there({}), kind: 'MOVED', newDate: '2026-10-27', newSlot: 1 }, '27.10.2026 — каникулы («Осенние каникулы»): уроков нет', 'newDate');
    const lessonId = (opened as { lessonId: number }).lessonId;
    await db.lesson.update({ where: { id: lessonId }, data: { attendanceEnteredAt: new Date('2026-09-17T09:00:00Z') } });
    await refused(admin, there({ kind: 'CANCELLED' }), CHANGE_MESSAGES.held, 'kind');
    await db.lesson.update({ where: { id: lessonId }, data: { attendanceEnteredAt: null } });

    // Cancelled there, then moved on from there instead; the diary follows each.
    const cancelled = await ok(recordTimetableChange(admin, there({ kind: 'CANCELLED' })));
    expect(await lessonOn(THURSDAY, 3)).toMatchObject({ status: 'cancelled' });
    expect(await db.lesson.count({ where: { id: lessonId } })).toBe(0); // empty, it went with the cancellation
    // The slot it left is free for another lesson of the class.
    await ok(removeTimetableChange(admin, await ok(recordTimetableChange(admin, input({ courseId: russianId, date: TUESDAY, slot: 1, kind: 'MOVED', newDate: THURSDAY, newSlot: 3 })))));
    await ok(removeTimetableChange(admin, cancelled));
    const reopened = await openLesson(await actorFor(db, fx.teacherId), { courseId: fx.courseId, date: THURSDAY, slot: 3 });
    const rowId = (reopened as { lessonId: number }).lessonId;
    const onward = await ok(recordTimetableChange(admin, there({ kind: 'MOVED', newDate: FRIDAY, newSlot: 2 })));
    expect(await lessonOn(THURSDAY, 3)).toMatchObject({ status: 'moved-away', movedTo: { date: FRIDAY, slot: 2 } });
    expect(await lessonOn(FRIDAY, 2)).toMatchObject({ status: 'moved-in', movedFrom: { date: THURSDAY, slot: 3 } });
    expect(await db.lesson.findUniqueOrThrow({ where: { id: rowId } })).toMatchObject({ date: day(FRIDAY), slot: 2 });

    // Undone in turn: the onward move, then the first; the lesson row comes back to Monday.
    await ok(removeTimetableChange(admin, onward));
    await ok(removeTimetableChange(admin, move));
    expect(await db.lesson.findUniqueOrThrow({ where: { id: rowId } })).toMatchObject({ date: day(MONDAY), slot: 1 });
    expect(await lessonOn(MONDAY, 1)).toMatchObject({ status: 'regular' });
    expect(await db.timetableChange.count()).toBe(0);
  });
});

const ok = async (p: Promise<unknown>) => {
  const r = await p;
  expect(r).toMatchObject({ ok: true });
  return (r as { changeId: number }).changeId;
};
const refusedRemoval = async (changeId: number, error: string) => {
  const before = await counts();
  expect(await removeTimetableChange(admin, changeId)).toEqual({ ok: false, error });
  expect(await counts()).toEqual(before);
  expect(await db.timetableChange.count({ where: { id: changeId } })).toBe(1);
};

describe('removing a change whose slot has been filled since', () => {
  it('a cancellation whose slot another lesson of the class was moved into', async () => {
    const cancelled = await ok(recordTimetableChange(admin, input({ kind: 'CANCELLED', date: WEDNESDAY, slot: 2 })));
    const russian = await ok(recordTimetableChange(admin, input({ courseId: russianId, date: TUESDAY, slot: 1, kind: 'MOVED', newDate: WEDNESDAY, newSlot: 2 })));
    await refusedRemoval(cancelled, 'Вернуть урок на место нельзя: 16.09.2026 на 2-м уроке у класса 5А уже есть «Русский язык, 5А»');
    const slot2 = (await weekOf(WEDNESDAY)).days.find((d) => d.date === WEDNESDAY)!.lessons.filter((l) => l.slot === 2);
    expect(slot2.map((l) => [l.status, l.courseId])).toEqual([['cancelled', fx.courseId], ['moved-in', russianId]]);
    // Once the other lesson has gone again, the cancellation is removed.
    await ok(removeTimetableChange(admin, russian));
    await ok(removeTimetableChange(admin, cancelled));
  });

  it('a move whose old slot its teacher now fills substituting elsewhere, or the class got a timetable row in', async () => {
    const move = await ok(recordTimetableChange(admin, input({ kind: 'MOVED', newDate: '2026-09-17', newSlot: 3 })));
    const literature = await db.course.findFirstOrThrow({ where: { schoolId: fx.schoolId, subject: { name: 'Литература' } } });
    const substitution = await ok(recordTimetableChange(admin, input({ courseId: literature.id, kind: 'SUBSTITUTION', substituteTeacherId: fx.teacherId })));
    await refusedRemoval(move, 'Вернуть урок на место нельзя: 14.09.2026 на 1-м уроке Учителева Мария уже ведёт «Литература, 5Б»');
    await ok(removeTimetableChange(admin, substitution));

    // A new timetable from that Monday on gives 5А another lesson in the slot.
    await db.timetableEntry.create({ data: { schoolId: fx.schoolId, academicYearId: fx.academicYearId, courseId: await courseOf(fx.classId, 'Музыка', freeId), weekday: 1, slot: 1, validFrom: day(MONDAY) } });
    await refusedRemoval(move, 'Вернуть урок на место нельзя: 14.09.2026 на 1-м уроке у класса 5А уже есть «Музыка, 5А»');
    expect(await lessonOn(MONDAY, 1)).toMatchObject({ status: 'moved-away' });
  });

  it('a substitution whose teacher now teaches elsewhere in the slot', async () => {
    const substitution = await ok(recordTimetableChange(admin, input({ kind: 'SUBSTITUTION', substituteTeacherId: freeId })));
    const literature = await db.course.findFirstOrThrow({ where: { schoolId: fx.schoolId, subject: { name: 'Литература' } } });
    await ok(recordTimetableChange(admin, input({ courseId: literature.id, kind: 'SUBSTITUTION', substituteTeacherId: fx.teacherId })));
    await refusedRemoval(substitution, 'Снять замену нельзя: 14.09.2026 на 1-м уроке Учителева Мария уже ведёт «Литература, 5Б»');
  });

  it('a group’s cancellation beside the other group of its class is removed', async () => {
    const [g1, g2] = await Promise.all(['1 группа', '2 группа'].map((name) => db.studyGroup.create({ data: { schoolId: fx.schoolId, academicYearId: fx.academicYearId, classId: fx.classId, name, kind: 'SUBGROUP' } })));
    const s = await db.subject.create({ data: { schoolId: fx.schoolId, name: 'Английский язык', shortName: 'Англ' } });
    const [e1, e2] = await Promise.all([[g1.id, freeId], [g2.id, busyId]].map(async ([groupId, teacherId]) => (await db.course.create({
      data: { schoolId: fx.schoolId, academicYearId: fx.academicYearId, subjectId: s.id, groupId, gradingScaleId: fx.gradingScaleId, teachers: { create: { schoolId: fx.schoolId, teacherId, isPrimary: true } } },
    })).id));
    await entry(e1, 4, 4);
    await entry(e2, 4, 4);
    const cancelled = await ok(recordTimetableChange(admin, input({ courseId: e1, kind: 'CANCELLED', date: '2026-09-17', slot: 4 })));
    await ok(removeTimetableChange(admin, cancelled));
  });

  it('a move whose old date has become a holiday since: refused, the lesson stays where it was moved', async () => {
    const teacher = await actorFor(db, fx.teacherId);
    const move = await ok(recordTimetableChange(admin, input({ kind: 'MOVED', date: '2026-10-19', newDate: '2026-10-21', newSlot: 3 })));
    const lessonId = ((await openLesson(teacher, { courseId: fx.courseId, date: '2026-10-21', slot: 3 })) as { lessonId: number }).lessonId;
    const extra = await db.holiday.create({ data: { schoolId: fx.schoolId, academicYearId: fx.academicYearId, name: 'Дополнительные каникулы', startDate: day('2026-10-19'), endDate: day('2026-10-20'), gradeLevels: [5] } });
    await refusedRemoval(move, 'Вернуть урок на место нельзя: 19.10.2026 — каникулы («Дополнительные каникулы»): уроков нет');
    expect(await db.lesson.findUniqueOrThrow({ where: { id: lessonId } })).toMatchObject({ date: day('2026-10-21'), slot: 3 });
    expect(await lessonOn('2026-10-21', 3)).toMatchObject({ status: 'moved-in' });
    // A holiday of other grades leaves the old date a school day for 5А.
    await db.holiday.update({ where: { id: extra.id }, data: { gradeLevels: [6] } });
    await ok(removeTimetableChange(admin, move));
    expect(await db.lesson.findUniqueOrThrow({ where: { id: lessonId } })).toMatchObject({ date: day('2026-10-19'), slot: 1 });
  });
});

describe('a group lesson and the other groups of its class', () => {
  const THURSDAY = '2026-09-17';
  const FRIDAY = '2026-09-18';
  let english1: number;
  let german3: number;

  // 5А learns English in two groups (Thursdays 4th, Fridays 4th), and its first pupil also German
  // in a third group (Fridays 5th): the first English group and the German group share a pupil.
  beforeEach(async () => {
    const group = async (name: string, studentId: number) => (await db.studyGroup.create({
      data: { schoolId: fx.schoolId, academicYearId: fx.academicYearId, classId: fx.classId, name, kind: 'SUBGROUP', members: { create: { schoolId: fx.schoolId, studentId } } },
    })).id;
    const course = async (groupId: number, subject: string, teacherId: number) => {
      const s = await db.subject.upsert({ where: { schoolId_name: { schoolId: fx.schoolId, name: subject } }, create: { schoolId: fx.schoolId, name: subject, shortName: subject.slice(0, 3) }, update: {} });
      return (await db.course.create({
        data: { schoolId: fx.schoolId, academicYearId: fx.academicYearId, subjectId: s.id, groupId, gradingScaleId: fx.gradingScaleId, teachers: { create: { schoolId: fx.schoolId, teacherId, isPrimary: true } } },
      })).id;
    };
    english1 = await course(await group('1 группа', fx.studentIds[0]), 'Английский язык', freeId);
    const english2 = await course(await group('2 группа', fx.studentIds[1]), 'Английский язык', busyId);
    german3 = await course(await group('3 группа', fx.studentIds[0]), 'Немецкий язык', fx.teacherId);
    await entry(english1, 4, 4);
    await entry(english2, 5, 4);
    await entry(german3, 5, 5);
  });

  it('moves beside the other group, not onto a lesson of the whole class or of a group sharing its pupils', async () => {
    const move = (newDate: string, newSlot: number) => ({ courseId: english1, kind: 'MOVED' as const, date: THURSDAY, slot: 4, newDate, newSlot });
    await refused(admin, move(WEDNESDAY, 2), '16.09.2026 на 2-м уроке у группы «1 группа» 5А уже есть «Математика, 5А»', 'newSlot');
    await refused(admin, move(FRIDAY, 5), '18.09.2026 на 5-м уроке у группы «1 группа» 5А уже есть «Немецкий язык, 5А, 3 группа»', 'newSlot');
    expect(await recordTimetableChange(admin, input(move(FRIDAY, 4)))).toMatchObject({ ok: true });
    // The whole class's lesson still does not go where a group of the class has one.
    await refused(admin, { kind: 'MOVED', date: WEDNESDAY, slot: 2, newDate: FRIDAY, newSlot: 5 }, '18.09.2026 на 5-м уроке у класса 5А уже есть «Немецкий язык, 5А, 3 группа»', 'newSlot');
  });

  it('a move is not removed once a group sharing its pupils has a lesson in its old slot', async () => {
    const english = await ok(recordTimetableChange(admin, input({ courseId: english1, kind: 'MOVED', date: THURSDAY, slot: 4, newDate: FRIDAY, newSlot: 4 })));
    const german = await ok(recordTimetableChange(admin, input({ courseId: german3, kind: 'MOVED', date: FRIDAY, slot: 5, newDate: THURSDAY, newSlot: 4 })));
    await refusedRemoval(english, 'Вернуть урок на место нельзя: 17.09.2026 на 4-м уроке у группы «1 группа» 5А уже есть «Немецкий язык, 5А, 3 группа»');
    await ok(removeTimetableChange(admin, german));
    await ok(removeTimetableChange(admin, english));
  });
});

describe("the teacher's home today", () => {
  it('shows lessons moved in at their new slot, those moved away or cancelled so marked, substitutions given and handed over', async () => {
    const other = await db.schoolClass.findFirstOrThrow({ where: { schoolId: fx.schoolId, letter: 'Б' } });
    const biology = await courseOf(other.id, 'Биология', fx.teacherId);
    await entry(biology, 3, 3);
    await entry(biology, 3, 5);
    await entry(russianId, 3, 1);
    await recordTimetableChange(admin, input({ kind: 'MOVED', newDate: WEDNESDAY, newSlot: 4, reason: 'Олимпиада' }));
    await recordTimetableChange(admin, input({ kind: 'CANCELLED', date: WEDNESDAY, slot: 2, reason: 'Экскурсия' }));
    await recordTimetableChange(admin, input({ courseId: biology, kind: 'MOVED', date: WEDNESDAY, slot: 3, newDate: '2026-09-17', newSlot: 5 }));
    await recordTimetableChange(admin, input({ courseId: biology, kind: 'SUBSTITUTION', date: WEDNESDAY, slot: 5, substituteTeacherId: freeId }));
    await recordTimetableChange(admin, input({ courseId: russianId, kind: 'SUBSTITUTION', date: WEDNESDAY, slot: 1, substituteTeacherId: fx.teacherId }));
    expect(await db.timetableChange.count()).toBe(5);

    const at = new Date(`${WEDNESDAY}T06:00:00Z`);
    const home = await teacherHome(await actorFor(db, fx.teacherId), at);
    expect(home.lessons.map((l) => [l.slot, l.title, l.change, l.note, l.canOpen])).toEqual([
      [1, 'Русский язык, 5А', 'SUBSTITUTION', 'Вы замещаете', true],
      [2, 'Математика, 5А', 'CANCELLED', 'Экскурсия', false],
      [3, 'Биология, 5Б', 'MOVED', 'на 17.09.2026, 5-й урок', false],
      [4, 'Математика, 5А', 'MOVED', 'с 14.09.2026, 1-й урок; Олимпиада', true],
      [5, 'Биология, 5Б', 'SUBSTITUTION', 'Урок ведёт замещающий учитель', false],
    ]);
    // The substitute sees the lesson they give; the teacher handing hers over sees it so marked.
    expect((await teacherHome(await actorFor(db, freeId), at)).lessons.map((l) => [l.slot, l.title, l.note])).toEqual([[5, 'Биология, 5Б', 'Вы замещаете']]);
    expect((await teacherHome(await actorFor(db, busyId), at)).lessons.map((l) => [l.slot, l.title, l.note])).toEqual([[1, 'Русский язык, 5А', 'Урок ведёт замещающий учитель']]);
    // In the holidays the timetable gives way, as in the diary (a Monday of the autumn holidays).
    expect((await teacherHome(await actorFor(db, fx.teacherId), new Date('2026-10-26T06:00:00Z'))).lessons).toEqual([]);

    // The page, on that day's clock.
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(at);
      await signInForRequest(db, fx.teacherId);
      const html = renderToStaticMarkup((await JournalHomePage()) as React.ReactElement);
      const text = html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
      expect(text).toContain('Перенесён: с 14.09.2026, 1-й урок; Олимпиада');
      expect(text).toContain('Отменён: Экскурсия');
      expect(text).toContain('Перенесён: на 17.09.2026, 5-й урок');
      expect(text).toContain('Замена: Вы замещаете');
      expect(html).toMatch(/line-through[^"]*">Математика, 5А/);
      // «Открыть урок» for the lessons the teacher gives and has not opened: the moved-in and the substituted.
      expect(html.split('id="overdue"')[0].match(/Открыть урок/g)).toHaveLength(2);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('a teacher whose own class is on holiday', () => {
  it('is free to substitute in that slot: the timetable row of a grade on holiday holds no lesson', async () => {
    const first = await db.schoolClass.create({ data: { schoolId: fx.schoolId, academicYearId: fx.academicYearId, gradeLevel: 1, letter: 'А', periodSchemeId: fx.periodSchemeId } });
    const primaryId = await createUser(db, fx.schoolId, ['TEACHER'], { lastName: 'Начальная', firstName: 'Нина' });
    await entry(await courseOf(first.id, 'Чтение', primaryId), 1, 1);
    expect(await recordTimetableChange(admin, input({ kind: 'SUBSTITUTION', substituteTeacherId: primaryId }))).toMatchObject({ ok: false, field: 'substituteTeacherId' });
    await db.holiday.create({ data: { schoolId: fx.schoolId, academicYearId: fx.academicYearId, name: 'Дополнительные каникулы', startDate: day(MONDAY), endDate: day(MONDAY), gradeLevels: [1] } });
    expect(await recordTimetableChange(admin, input({ kind: 'SUBSTITUTION', substituteTeacherId: primaryId }))).toMatchObject({ ok: true });
  });
});

describe('opening a lesson in a slot a change has emptied', () => {
  it('is refused for a cancelled or moved-away lesson, nothing written; the moved lesson opens at its new place', async () => {
    const teacher = await actorFor(db, fx.teacherId);
    expect(await recordTimetableChange(admin, input({ kind: 'CANCELLED', reason: 'Экскурсия' }))).toMatchObject({ ok: true });
    expect(await recordTimetableChange(admin, input({ kind: 'MOVED', date: WEDNESDAY, slot: 2, newDate: '2026-09-17', newSlot: 3 }))).toMatchObject({ ok: true });
    const before = await counts();
    expect(await openLesson(teacher, { courseId: fx.courseId, date: MONDAY, slot: 1 })).toEqual({ ok: false, error: MESSAGES.lessonCancelled, field: 'date' });
    expect(await openLesson(teacher, { courseId: fx.courseId, date: WEDNESDAY, slot: 2 })).toEqual({ ok: false, error: `${MESSAGES.lessonMovedAway}: на 17.09.2026, 3-й урок`, field: 'date' });
    expect(await counts()).toEqual(before);
    expect(await openLesson(teacher, { courseId: fx.courseId, date: '2026-09-17', slot: 3 })).toMatchObject({ ok: true });
  });
});

describe('the lesson form while a timetable change is being recorded', () => {
  // On the PGlite fallback (one connection) the writes would wait for the connection, not the lock.
  it.skipIf(!serverHasManyDatabases())('opening a lesson and setting a substitute wait until the change is written, so its busy checks see them', async () => {
    const teacher = await actorFor(db, fx.teacherId);
    let release!: () => void;
    let taken!: () => void;
    const lockTaken = new Promise<void>((resolve) => { taken = resolve; });
    const changing = db.$transaction(async (tx) => {
      await lockTimetable(tx, fx.schoolId, 'change');
      taken();
      await new Promise<void>((resolve) => { release = resolve; });
    }, { timeout: 10_000 });
    await lockTaken;
    const finished: string[] = [];
    const opening = openLesson(teacher, { courseId: fx.courseId, date: MONDAY, slot: 1 }).then((r) => { finished.push('open'); return r; });
    const substituting = updateLesson(teacher, fx.lessonId, { topic: 'Вводный урок', plannedTopicId: null, lessonKind: 'LESSON', plannedTest: false, substituteTeacherId: freeId, expectedVersion: 1 })
      .then((r) => { finished.push('substitute'); return r; });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(finished).toEqual([]);
    expect(await db.lesson.count({ where: { courseId: fx.courseId, date: day(MONDAY) } })).toBe(0);
    release();
    await changing;
    expect(await opening).toMatchObject({ ok: true });
    expect(await substituting).toMatchObject({ ok: true });
    expect(await db.lesson.findUniqueOrThrow({ where: { id: fx.lessonId } })).toMatchObject({ teacherId: freeId, isSubstitution: true });
  });
});
