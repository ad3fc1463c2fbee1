// School settings kept by the administrator: saved with an audit of old and new values, each bad
// value refused with a Russian error next to its field, refused to those without the right; the
// results' delay changes what a parent is told and when a published mark appears; the migration
// gives existing schools' administrators the new right.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { renderToStaticMarkup } from 'react-dom/server';
import { beforeAll, describe, expect, it } from 'vitest';
import { resetDb, testDb } from '../support/db';
import { actorFor } from '../support/actors';
import { signInForRequest } from '../support/request-session';
import { createSchoolFixture, createUser, day, type SchoolFixture } from '../support/fixtures';
import { form } from '../support/authz-matrix';
import { navigationFor } from '@/lib/auth/navigation';
import { diaryResults } from '@/lib/data/diary/results';
import { shownOf } from '@/lib/data/school-settings';
import { publishFinalMarks, setFinalMark } from '@/lib/data/journal/final-marks';
import { readRoundingPolicy } from '@/lib/domain/journal-grid';
import { addDays, formatDateRu, weekStart } from '@/lib/domain/calendar';
import { toSchoolDate } from '@/lib/domain/timezone';
import { saveSettingsAction } from '@/app/(admin)/admin/settings/actions';
import SettingsPage from '@/app/(admin)/admin/settings/page';
import DiaryResultsPage from '@/app/(diary)/diary/[studentId]/results/page';

const db = testDb();
let fx: SchoolFixture;
let other: SchoolFixture;
let managementId: number;

const valid = {
  name: 'МБОУ «Школа № 7»', shortName: 'Школа № 7', address: 'ул. Ленина, 1', resultVisibilityHours: '48', schoolDaysPerWeek: '5',
  markEntryDays: '5', homeworkGraceMinutes: '90', forecastDayOfMonth: '15',
  threshold3: '2,6', threshold4: '3,6', threshold5: '4,6', teacherDecidesBand: '0,1', minMarks: '3',
};
const DELAY_LIMIT = 'Задержка показа итогов — целое число от 0 до 72: по положению итоги доступны семьям не позже чем через 3 суток';

/** The form as sent from a page opened now: the typed fields and the settings it showed. */
const opened = async (fields: Record<string, string>, schoolId = fx.schoolId) =>
  form({ ...fields, shown: shownOf(await db.school.findUniqueOrThrow({ where: { id: schoolId } })) });
const settingsOf = (schoolId: number) => db.school.findUniqueOrThrow({ where: { id: schoolId } }).then(({ updatedAt: _, ...s }) => s);
const state = async () => ({ mine: await settingsOf(fx.schoolId), theirs: await settingsOf(other.schoolId), audits: await db.auditLog.count({ where: { action: 'school.settings' } }) });

beforeAll(async () => {
  await resetDb();
  fx = await createSchoolFixture(db);
  other = await createSchoolFixture(db);
  managementId = await createUser(db, fx.schoolId, ['MANAGEMENT'], { lastName: 'Директорова', firstName: 'Дарья' });
});

describe('saving the settings', () => {
  it('an administrator saves them; the audit holds the old and new value of each changed setting', async () => {
    await signInForRequest(db, fx.adminId);
    expect(await saveSettingsAction({}, await opened(valid))).toEqual({ ok: true, message: 'Настройки сохранены' });
    const s = await db.school.findUniqueOrThrow({ where: { id: fx.schoolId } });
    expect(s).toMatchObject({ name: valid.name, shortName: 'Школа № 7', address: 'ул. Ленина, 1', resultVisibilityHours: 48, schoolDaysPerWeek: 5, markEntryDays: 5, homeworkGraceMinutes: 90, forecastDayOfMonth: 15 });
    expect(readRoundingPolicy(s.roundingPolicy)).toEqual({ thresholds: { 3: 2.6, 4: 3.6, 5: 4.6 }, teacherDecidesBand: 0.1, minMarks: 3 });
    const audit = await db.auditLog.findFirstOrThrow({ where: { action: 'school.settings' } });
    expect(audit).toMatchObject({ actorId: fx.adminId, schoolId: fx.schoolId, entityType: 'School' });
    expect(audit.oldValue).toMatchObject({ resultVisibilityHours: 24, schoolDaysPerWeek: 6, markEntryDays: 7, roundingPolicy: { thresholds: { 3: 2.5, 4: 3.5, 5: 4.5 }, teacherDecidesBand: 0, minMarks: 3 } });
    expect(audit.newValue).toMatchObject({ resultVisibilityHours: 48, schoolDaysPerWeek: 5, markEntryDays: 5, roundingPolicy: { thresholds: { 3: 2.6, 4: 3.6, 5: 4.6 }, teacherDecidesBand: 0.1, minMarks: 3 } });
    // The same settings again: nothing to audit.
    expect(await saveSettingsAction({}, await opened(valid))).toEqual({ ok: true, message: 'Изменений нет' });
    expect(await db.auditLog.count({ where: { action: 'school.settings' } })).toBe(1);
  });

  it.each([
    // The regulations' limits: results within 3 days at most, marks within a week, homework within 2 hours.
    ['a delay over three days', { resultVisibilityHours: '73' }, 'resultVisibilityHours', DELAY_LIMIT],
    ['a negative delay', { resultVisibilityHours: '-1' }, 'resultVisibilityHours', DELAY_LIMIT],
    ['a delay in words', { resultVisibilityHours: 'сутки' }, 'resultVisibilityHours', DELAY_LIMIT],
    ['eight days for marks', { markEntryDays: '8' }, 'markEntryDays', 'Срок выставления отметок — целое число от 1 до 7: по положению — не позднее недели со дня работы'],
    ['homework three hours after the lessons', { homeworkGraceMinutes: '180' }, 'homeworkGraceMinutes', 'Срок записи домашнего задания — целое число от 0 до 120: по положению — не позднее 2 часов после уроков учителя'],
    ['a seven-day week', { schoolDaysPerWeek: '7' }, 'schoolDaysPerWeek', 'Учебная неделя — 5 или 6 дней'],
    ['no name', { name: ' ' }, 'name', 'Укажите полное название'],
    ['the 31st for the forecast', { forecastDayOfMonth: '31' }, 'forecastDayOfMonth', 'День отправки прогноза — целое число от 1 до 28'],
    ['a threshold in words', { threshold4: 'четыре' }, 'threshold4', 'Порог «4»: число вроде 4,5 (не больше двух знаков после запятой)'],
    ['thresholds out of order', { threshold4: '4,7' }, 'policy', 'Пороги должны возрастать: 2 < порог «3» < порог «4» < порог «5» ≤ 5.'],
    ['a band as wide as the gap', { teacherDecidesBand: '1' }, 'policy', 'Зона решения учителя должна быть уже промежутка между соседними порогами.'],
  ])('refuses %s with a Russian error next to the field, keeping what was typed and changing nothing', async (_, fields, field, message) => {
    await signInForRequest(db, fx.adminId);
    const before = await state();
    const typed = { ...valid, resultVisibilityHours: '12', ...fields };
    const answer = await saveSettingsAction({}, await opened(typed));
    expect(answer.errors).toEqual({ [field]: message });
    expect(answer.values).toEqual(typed);
    expect(await state()).toEqual(before);
  });

  it('management, a teacher and a parent are refused; no school changes', async () => {
    const before = await state();
    for (const userId of [managementId, fx.teacherId, fx.parentId]) {
      await signInForRequest(db, userId);
      expect(await saveSettingsAction({}, await opened({ ...valid, resultVisibilityHours: '0' }))).toMatchObject({ errors: { form: 'Недостаточно прав для этого действия' } });
    }
    expect(await state()).toEqual(before);
  });

  it("another school's administrator changes only their own school", async () => {
    await signInForRequest(db, other.adminId);
    const mine = await settingsOf(fx.schoolId);
    expect(await saveSettingsAction({}, await opened({ ...valid, name: 'Другая школа', resultVisibilityHours: '1' }, other.schoolId))).toMatchObject({ ok: true });
    expect(await settingsOf(fx.schoolId)).toEqual(mine);
    expect(await settingsOf(other.schoolId)).toMatchObject({ name: 'Другая школа', resultVisibilityHours: 1 });
  });

  it('the page shows the settings, the rule in words and why the timezone is fixed; the menu links it for the administrator only', async () => {
    await signInForRequest(db, fx.adminId);
    const page = renderToStaticMarkup(await SettingsPage()).replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
    expect(page).toContain('Настройки школы');
    expect(page).toContain('от 4,60 — «5»');
    // The delay governs every final result, ГИА too; the limits are the regulations'.
    expect(page).toContain('Итоги видны семьям через, часов');
    expect(page).toContain('Отметки за периоды и год и результаты ГИА. 0–72');
    expect(page).toContain('1–7: по положению — не позднее недели');
    expect(page).toContain('0–120: по положению — не позднее 2 часов');
    expect(page).toContain('Часовой пояс: Europe/Moscow');
    expect(page).toContain('Часовой пояс здесь не меняется');
    expect(navigationFor(await actorFor(db, fx.adminId)).map((i) => i.href)).toContain('/admin/settings');
    expect(navigationFor(await actorFor(db, managementId)).map((i) => i.href)).not.toContain('/admin/settings');
  });
});

describe('two administrators at once', () => {
  /** What the settings page, opened now by the signed-in administrator, sends back as `shown`. */
  const shownOnPage = async () => {
    const html = renderToStaticMarkup(await SettingsPage());
    const value = /name="shown" value="([^"]*)"/.exec(html)![1];
    return value.replace(/&quot;/g, '"').replace(/&#x27;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
  };

  it("a form opened before another administrator saved is refused, keeping what was typed; the other's change stays", async () => {
    const secondAdminId = await createUser(db, fx.schoolId, ['ADMIN'], { lastName: 'Вторая', firstName: 'Вера' });
    await signInForRequest(db, fx.adminId);
    const shownToFirst = await shownOnPage();
    await signInForRequest(db, secondAdminId);
    expect(await saveSettingsAction({}, form({ ...valid, resultVisibilityHours: '7', markEntryDays: '3', shown: await shownOnPage() }))).toMatchObject({ ok: true });
    const before = await state();

    await signInForRequest(db, fx.adminId);
    const typed = { ...valid, address: 'ул. Новая, 2' };
    const answer = await saveSettingsAction({}, form({ ...typed, shown: shownToFirst }));
    expect(answer.errors).toEqual({ form: 'Настройки школы уже изменил другой пользователь, пока форма была открыта. Обновите страницу и внесите изменение снова.' });
    expect(answer.values).toEqual(typed);
    expect(await state()).toEqual(before);
    expect(await settingsOf(fx.schoolId)).toMatchObject({ resultVisibilityHours: 7, markEntryDays: 3, address: valid.address });

    // The page opened again shows the change, and the save goes through.
    expect(await saveSettingsAction({}, form({ ...typed, resultVisibilityHours: '7', markEntryDays: '3', shown: await shownOnPage() }))).toMatchObject({ ok: true });
    expect(await settingsOf(fx.schoolId)).toMatchObject({ resultVisibilityHours: 7, markEntryDays: 3, address: 'ул. Новая, 2' });
  });

  it('a form that does not say what it showed is refused; nothing changes', async () => {
    await signInForRequest(db, fx.adminId);
    const before = await state();
    expect(await saveSettingsAction({}, form({ ...valid, address: 'ул. Другая, 3' }))).toMatchObject({ errors: { form: expect.stringContaining('уже изменил другой пользователь') } });
    expect(await state()).toEqual(before);
  });
});

describe('a five-day week', () => {
  const saturday = (data: { slot: number; validTo?: string }) => db.timetableEntry.create({
    data: { schoolId: fx.schoolId, academicYearId: fx.academicYearId, courseId: fx.courseId, weekday: 6, slot: data.slot, validFrom: day('2026-09-01'), validTo: data.validTo ? day(data.validTo) : null },
  });

  it('is refused while the timetable has Saturday lessons valid now or later, naming them; an ended row does not count', async () => {
    await db.school.update({ where: { id: fx.schoolId }, data: { schoolDaysPerWeek: 6 } });
    await saturday({ slot: 1, validTo: '2026-09-30' });
    const current = await saturday({ slot: 3 });
    // A Thursday's lesson moved to that week's Saturday, next week: ahead of today whenever the test runs.
    const thursday = addDays(weekStart(toSchoolDate(new Date(), 'Europe/Moscow')), 10);
    const move = await db.timetableChange.create({
      data: { schoolId: fx.schoolId, courseId: fx.courseId, date: day(thursday), slot: 2, kind: 'MOVED', newDate: day(addDays(thursday, 2)), newSlot: 4 },
    });
    await signInForRequest(db, fx.adminId);
    const before = await state();
    const typed = { ...valid, schoolDaysPerWeek: '5' };
    const answer = await saveSettingsAction({}, await opened(typed));
    expect(answer.errors).toEqual({
      schoolDaysPerWeek: `В расписании есть уроки в субботу: Математика, 5А (3-й урок); Математика, 5А (перенесён на ${formatDateRu(addDays(thursday, 2))}, 4-й урок). Сначала перенесите их на другие дни, затем переходите на пятидневную неделю`,
    });
    expect(answer.values).toEqual(typed);
    expect(await state()).toEqual(before);

    // Saturday's lessons moved elsewhere: the five-day week is saved.
    await db.timetableEntry.update({ where: { id: current.id }, data: { weekday: 5 } });
    await db.timetableChange.delete({ where: { id: move.id } });
    expect(await saveSettingsAction({}, await opened(typed))).toMatchObject({ ok: true });
    expect(await settingsOf(fx.schoolId)).toMatchObject({ schoolDaysPerWeek: 5 });
    await db.timetableEntry.deleteMany({ where: { schoolId: fx.schoolId } });
  });
});

describe('the results delay as a parent sees it', () => {
  const hour = 3_600_000;
  const publish = async (courseId: number, at: Date) => {
    const teacher = await actorFor(db, fx.teacherId);
    const t = { courseId, periodId: fx.studyPeriodId };
    expect(await setFinalMark(teacher, t, { studentId: fx.studentIds[0], kind: 'value', value: '5', expectedVersion: 0 })).toMatchObject({ ok: true });
    expect(await publishFinalMarks(teacher, t, at)).toMatchObject({ ok: true });
  };
  const seen = async (at: Date) => {
    const r = (await diaryResults(await actorFor(db, fx.parentId), fx.studentIds[0], at))!;
    return { visibleAfter: r.visibleAfter, subjects: r.subjects.map((s) => s.subject) };
  };
  const pageText = async () => {
    await signInForRequest(db, fx.parentId);
    const page = await DiaryResultsPage({ params: Promise.resolve({ studentId: String(fx.studentIds[0]) }) });
    return renderToStaticMarkup(page as React.ReactElement).replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
  };

  it('at 24 hours a published mark waits a day; set to 0, the next one shows at once and the page says so', async () => {
    await signInForRequest(db, fx.adminId);
    expect(await saveSettingsAction({}, await opened({ ...valid, resultVisibilityHours: '24' }))).toMatchObject({ ok: true });
    const at = new Date();
    await publish(fx.courseId, at);
    expect(await seen(new Date(at.getTime() + hour))).toEqual({ visibleAfter: 'через сутки', subjects: [] });
    expect(await seen(new Date(at.getTime() + 24 * hour))).toEqual({ visibleAfter: 'через сутки', subjects: ['Математика'] });
    expect(await pageText()).toContain('Итоговые отметки и результаты ГИА, опубликованные сейчас, появятся здесь через сутки после публикации; опубликованные раньше — в срок, назначенный при их публикации.');

    await signInForRequest(db, fx.adminId);
    expect(await saveSettingsAction({}, await opened({ ...valid, resultVisibilityHours: '0' }))).toMatchObject({ ok: true });
    const russian = await db.subject.create({ data: { schoolId: fx.schoolId, name: 'Русский язык', shortName: 'Рус' } });
    const course = await db.course.create({
      data: { schoolId: fx.schoolId, academicYearId: fx.academicYearId, subjectId: russian.id, classId: fx.classId, gradingScaleId: fx.gradingScaleId, teachers: { create: { schoolId: fx.schoolId, teacherId: fx.teacherId, isPrimary: true } } },
    });
    const now = new Date();
    await publish(course.id, now);
    // The new delay counts from the next publication; a mark already waiting keeps its time.
    expect(await seen(new Date(now.getTime() + 1000))).toEqual({ visibleAfter: 'сразу', subjects: ['Русский язык'] });
    expect(await seen(new Date(at.getTime() + 24 * hour))).toEqual({ visibleAfter: 'сразу', subjects: ['Математика', 'Русский язык'] });
    // The page states the delay for what is published from now on, not for a result already waiting.
    expect(await pageText()).toContain('Итоговые отметки и результаты ГИА, опубликованные сейчас, появятся здесь сразу после публикации; опубликованные раньше — в срок, назначенный при их публикации.');
  });
});

describe('the migration of the new right', () => {
  it("gives every existing school's administrators 'school:settings', once", async () => {
    await db.rolePermission.deleteMany({ where: { permission: 'school:settings' } });
    const sql = readFileSync(path.resolve(import.meta.dirname, '../../prisma/migrations/20261203123000_school_settings_permission/migration.sql'), 'utf8');
    await db.$executeRawUnsafe(sql);
    await db.$executeRawUnsafe(sql);
    const rows = await db.rolePermission.findMany({ where: { permission: 'school:settings' }, orderBy: { schoolId: 'asc' } });
    expect(rows.map((r) => [r.schoolId, r.role])).toEqual([[fx.schoolId, 'ADMIN'], [other.schoolId, 'ADMIN']]);
    expect((await actorFor(db, fx.adminId)).permissions.has('school:settings')).toBe(true);
  });
});
