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
import { createSchoolFixture, createUser, type SchoolFixture } from '../support/fixtures';
import { form } from '../support/authz-matrix';
import { navigationFor } from '@/lib/auth/navigation';
import { diaryResults } from '@/lib/data/diary/results';
import { publishFinalMarks, setFinalMark } from '@/lib/data/journal/final-marks';
import { readRoundingPolicy } from '@/lib/domain/journal-grid';
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
    expect(await saveSettingsAction({}, form(valid))).toEqual({ ok: true, message: 'Настройки сохранены' });
    const s = await db.school.findUniqueOrThrow({ where: { id: fx.schoolId } });
    expect(s).toMatchObject({ name: valid.name, shortName: 'Школа № 7', address: 'ул. Ленина, 1', resultVisibilityHours: 48, schoolDaysPerWeek: 5, markEntryDays: 5, homeworkGraceMinutes: 90, forecastDayOfMonth: 15 });
    expect(readRoundingPolicy(s.roundingPolicy)).toEqual({ thresholds: { 3: 2.6, 4: 3.6, 5: 4.6 }, teacherDecidesBand: 0.1, minMarks: 3 });
    const audit = await db.auditLog.findFirstOrThrow({ where: { action: 'school.settings' } });
    expect(audit).toMatchObject({ actorId: fx.adminId, schoolId: fx.schoolId, entityType: 'School' });
    expect(audit.oldValue).toMatchObject({ resultVisibilityHours: 24, schoolDaysPerWeek: 6, markEntryDays: 7, roundingPolicy: { thresholds: { 3: 2.5, 4: 3.5, 5: 4.5 }, teacherDecidesBand: 0, minMarks: 3 } });
    expect(audit.newValue).toMatchObject({ resultVisibilityHours: 48, schoolDaysPerWeek: 5, markEntryDays: 5, roundingPolicy: { thresholds: { 3: 2.6, 4: 3.6, 5: 4.6 }, teacherDecidesBand: 0.1, minMarks: 3 } });
    // The same settings again: nothing to audit.
    expect(await saveSettingsAction({}, form(valid))).toEqual({ ok: true, message: 'Изменений нет' });
    expect(await db.auditLog.count({ where: { action: 'school.settings' } })).toBe(1);
  });

  it.each([
    ['a delay over a week', { resultVisibilityHours: '169' }, 'resultVisibilityHours', 'Задержка показа итогов — целое число от 0 до 168'],
    ['a negative delay', { resultVisibilityHours: '-1' }, 'resultVisibilityHours', 'Задержка показа итогов — целое число от 0 до 168'],
    ['a delay in words', { resultVisibilityHours: 'сутки' }, 'resultVisibilityHours', 'Задержка показа итогов — целое число от 0 до 168'],
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
    const answer = await saveSettingsAction({}, form(typed));
    expect(answer.errors).toEqual({ [field]: message });
    expect(answer.values).toEqual(typed);
    expect(await state()).toEqual(before);
  });

  it('management, a teacher and a parent are refused; no school changes', async () => {
    const before = await state();
    for (const userId of [managementId, fx.teacherId, fx.parentId]) {
      await signInForRequest(db, userId);
      expect(await saveSettingsAction({}, form({ ...valid, resultVisibilityHours: '0' }))).toMatchObject({ errors: { form: 'Недостаточно прав для этого действия' } });
    }
    expect(await state()).toEqual(before);
  });

  it("another school's administrator changes only their own school", async () => {
    await signInForRequest(db, other.adminId);
    const mine = await settingsOf(fx.schoolId);
    expect(await saveSettingsAction({}, form({ ...valid, name: 'Другая школа', resultVisibilityHours: '1' }))).toMatchObject({ ok: true });
    expect(await settingsOf(fx.schoolId)).toEqual(mine);
    expect(await settingsOf(other.schoolId)).toMatchObject({ name: 'Другая школа', resultVisibilityHours: 1 });
  });

  it('the page shows the settings, the rule in words and why the timezone is fixed; the menu links it for the administrator only', async () => {
    await signInForRequest(db, fx.adminId);
    const page = renderToStaticMarkup(await SettingsPage()).replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
    expect(page).toContain('Настройки школы');
    expect(page).toContain('от 4,60 — «5»');
    expect(page).toContain('Часовой пояс: Europe/Moscow');
    expect(page).toContain('Часовой пояс здесь не меняется');
    expect(navigationFor(await actorFor(db, fx.adminId)).map((i) => i.href)).toContain('/admin/settings');
    expect(navigationFor(await actorFor(db, managementId)).map((i) => i.href)).not.toContain('/admin/settings');
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
    expect(await saveSettingsAction({}, form({ ...valid, resultVisibilityHours: '24' }))).toMatchObject({ ok: true });
    const at = new Date();
    await publish(fx.courseId, at);
    expect(await seen(new Date(at.getTime() + hour))).toEqual({ visibleAfter: 'через сутки', subjects: [] });
    expect(await seen(new Date(at.getTime() + 24 * hour))).toEqual({ visibleAfter: 'через сутки', subjects: ['Математика'] });
    expect(await pageText()).toContain('Отметки появляются здесь через сутки после того, как учитель их опубликует.');

    await signInForRequest(db, fx.adminId);
    expect(await saveSettingsAction({}, form({ ...valid, resultVisibilityHours: '0' }))).toMatchObject({ ok: true });
    const russian = await db.subject.create({ data: { schoolId: fx.schoolId, name: 'Русский язык', shortName: 'Рус' } });
    const course = await db.course.create({
      data: { schoolId: fx.schoolId, academicYearId: fx.academicYearId, subjectId: russian.id, classId: fx.classId, gradingScaleId: fx.gradingScaleId, teachers: { create: { schoolId: fx.schoolId, teacherId: fx.teacherId, isPrimary: true } } },
    });
    const now = new Date();
    await publish(course.id, now);
    // The new delay counts from the next publication; a mark already waiting keeps its time.
    expect(await seen(new Date(now.getTime() + 1000))).toEqual({ visibleAfter: 'сразу', subjects: ['Русский язык'] });
    expect(await seen(new Date(at.getTime() + 24 * hour))).toEqual({ visibleAfter: 'сразу', subjects: ['Математика', 'Русский язык'] });
    expect(await pageText()).toContain('Отметки появляются здесь сразу после того, как учитель их опубликует.');
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
