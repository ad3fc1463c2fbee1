// ГИА results entered by management for a class and published: families see them on the diary's
// results page only once published and past the school's delay; bad input saves nothing; other
// schools' classes, teachers and parents are refused; every change is audited.
import { renderToStaticMarkup } from 'react-dom/server';
import { beforeEach, describe, expect, it } from 'vitest';
import { resetDb, testDb } from '../support/db';
import { actorFor } from '../support/actors';
import { signInForRequest } from '../support/request-session';
import { createSchoolFixture, createUser, enroll, type SchoolFixture } from '../support/fixtures';
import type { Actor } from '@/lib/auth/actor';
import { loadActor } from '@/lib/auth/actor';
import { examChoices, publishExamResults, saveExamResults, examSheet, type ExamRowInput, type ExamTarget } from '@/lib/data/exams';
import { diaryResults } from '@/lib/data/diary/results';
import { publishExamResultsAction, saveExamResultsAction } from '@/app/(journal)/journal/exams/actions';
import ExamsPage from '@/app/(journal)/journal/exams/page';
import { navigationFor } from '@/lib/auth/navigation';

const db = testDb();
// 10 June 2027, after the exam of 2 June; the school's delay is the default 24 hours.
const NOW = new Date('2027-06-10T09:00:00Z');
const HOUR = 3_600_000;

let w: SchoolFixture;
let manager: Actor;
let target: ExamTarget;
type Typed = { studentId: number; score: string; mark: string };
let rows: (score: string, mark: string, second?: [string, string]) => Typed[];

beforeEach(async () => {
  await resetDb();
  w = await createSchoolFixture(db, { pupils: 2 });
  await db.schoolClass.update({ where: { id: w.classId }, data: { gradeLevel: 9 } });
  manager = await actorFor(db, await createUser(db, w.schoolId, ['MANAGEMENT'], { lastName: 'Завучева', firstName: 'Зоя' }));
  target = { classId: w.classId, kind: 'OGE', subjectId: w.subjectId, date: '2027-06-02' };
  rows = (score, mark, second = ['', '']) => [
    { studentId: w.studentIds[0], score, mark },
    { studentId: w.studentIds[1], score: second[0], mark: second[1] },
  ];
});

type Sheet = { rows: { studentId: number; score: string; mark: string }[] } | null;
/** The rows as typed into a table showing `sheet` (by default the table as it is now). */
const asShown = (typed: Typed[], sheet: Sheet): ExamRowInput[] => typed.map((r) => {
  const shown = sheet?.rows.find((s) => s.studentId === r.studentId);
  return { ...r, shownScore: shown?.score ?? '', shownMark: shown?.mark ?? '' };
});
const openSheet = async (t: ExamTarget, now: Date): Promise<Sheet> => {
  const s = await examSheet(manager, t, now);
  return s.ok ? s.sheet : null;
};
/** Saves as someone who has just opened the table. */
const save = async (actor: Actor, t: ExamTarget, typed: Typed[], now: Date) => saveExamResults(actor, t, asShown(typed, await openSheet(t, now)), now);

const parentSees = async (at: Date) => (await diaryResults(await actorFor(db, w.parentId), w.studentIds[0], at))!.exams;

describe('entering and publishing', () => {
  it('shows the parent a published result only after the school’s delay, and audits both steps', async () => {
    expect(await save(manager, target, rows('27', '5'), NOW)).toEqual({ ok: true, saved: 1 });
    // Saved but unpublished: the family sees nothing, however late.
    expect(await parentSees(new Date(NOW.getTime() + 100 * HOUR))).toEqual([]);

    expect(await publishExamResults(manager, target, NOW)).toMatchObject({ ok: true, published: 1 });
    expect(await parentSees(new Date(NOW.getTime() + 23 * HOUR))).toEqual([]);
    expect(await parentSees(new Date(NOW.getTime() + 24 * HOUR))).toEqual([
      expect.objectContaining({ kind: 'ОГЭ', subject: 'Математика', date: '2027-06-02', score: 27, mark: '5' }),
    ]);
    // The second pupil left empty: not sat, no row.
    expect(await db.examResult.count()).toBe(1);
    const audit = await db.auditLog.findMany({ where: { entityType: 'ExamResult' }, orderBy: { id: 'asc' } });
    expect(audit.map((a) => a.action)).toEqual(['exam.create', 'exam.publish']);
    expect(audit[0].newValue).toMatchObject({ score: 27, mark: '5', publishedAt: null });
    expect(audit[1].newValue).toMatchObject({ publishedAt: NOW.toISOString() });
    // Both name the class, the exam and the pupil, so the trail reads without the result's row.
    const details = { classId: w.classId, kind: 'OGE', subjectId: w.subjectId, studentId: w.studentIds[0] };
    expect(audit.map((a) => a.details)).toEqual([details, details]);
  });

  it('takes a changed published result back from the family until it is published again, auditing old and new', async () => {
    await save(manager, target, rows('27', '5'), NOW);
    await publishExamResults(manager, target, NOW);
    const later = new Date(NOW.getTime() + 48 * HOUR);
    expect(await save(manager, target, rows('20', '4'), later)).toEqual({ ok: true, saved: 1 });
    expect(await parentSees(new Date(later.getTime() + 100 * HOUR))).toEqual([]);
    const change = await db.auditLog.findFirstOrThrow({ where: { action: 'exam.update' } });
    expect(change.oldValue).toMatchObject({ score: 27, mark: '5', publishedAt: NOW.toISOString() });
    expect(change.newValue).toMatchObject({ score: 20, mark: '4', publishedAt: null });

    await publishExamResults(manager, target, later);
    expect((await parentSees(new Date(later.getTime() + 24 * HOUR)))[0]).toMatchObject({ score: 20, mark: '4' });
    // Saving the same values again changes nothing and keeps the publication.
    expect(await save(manager, target, rows('20', '4'), later)).toEqual({ ok: true, saved: 0 });
    expect((await db.examResult.findFirstOrThrow()).publishedAt).not.toBeNull();
  });

  it('keeps an unchanged result’s day and publication when a reserve day’s table is saved', async () => {
    await save(manager, target, rows('27', '5'), NOW);
    await publishExamResults(manager, target, NOW);
    const reserve = { ...target, date: '2027-06-09' };
    expect(await save(manager, reserve, rows('27', '5', ['15', '4']), NOW)).toEqual({ ok: true, saved: 1 });
    const byPupil = new Map((await db.examResult.findMany()).map((r) => [r.studentId, r]));
    expect(byPupil.get(w.studentIds[0])).toMatchObject({ examDate: new Date('2027-06-02T00:00:00Z'), publishedAt: NOW });
    expect(byPupil.get(w.studentIds[1])).toMatchObject({ examDate: new Date('2027-06-09T00:00:00Z'), publishedAt: null });
    const sheet = await examSheet(manager, reserve, NOW);
    expect(sheet.ok && sheet.sheet.rows[0]).toMatchObject({ published: true, otherDate: '2027-06-02' });
  });

  it('removes a result emptied by mistake, audited', async () => {
    await save(manager, target, rows('27', '5'), NOW);
    expect(await save(manager, target, rows('', ''), NOW)).toEqual({ ok: true, saved: 1 });
    expect(await db.examResult.count()).toBe(0);
    expect(await db.auditLog.count({ where: { action: 'exam.delete' } })).toBe(1);
  });

  it('takes ЕГЭ scores up to 100 in grade 11', async () => {
    await db.schoolClass.update({ where: { id: w.classId }, data: { gradeLevel: 11 } });
    const ege = { ...target, kind: 'EGE' as const };
    expect(await save(manager, ege, rows('100', '', ['0', '']), NOW)).toEqual({ ok: true, saved: 2 });
  });
});

describe('a table opened before someone else saved it', () => {
  it('keeps the other person’s results: only rows typed differently are written, a row changed meanwhile is refused', async () => {
    const other = await actorFor(db, await createUser(db, w.schoolId, ['MANAGEMENT']));
    const stale = await openSheet(target, NOW); // opened while empty
    expect(await save(other, target, rows('27', '5', ['15', '4']), NOW)).toEqual({ ok: true, saved: 2 });
    await publishExamResults(other, target, NOW);

    // The stale table types a result for the first pupil only; the second row is sent empty as shown.
    const r = await saveExamResults(manager, target, asShown(rows('20', '4'), stale), NOW);
    expect(r).toEqual({ ok: true, saved: 0, conflicts: { [w.studentIds[0]]: { score: 'Результат уже изменил другой пользователь' } } });
    const stored = await db.examResult.findMany({ orderBy: { studentId: 'asc' } });
    expect(stored.map((x) => [x.score, x.mark, x.publishedAt])).toEqual([[27, '5', NOW], [15, '4', NOW]]);
    expect(await db.auditLog.count({ where: { action: { in: ['exam.delete', 'exam.update'] } } })).toBe(0);
    // The family still sees both published results.
    expect(await parentSees(new Date(NOW.getTime() + 24 * HOUR))).toEqual([expect.objectContaining({ score: 27, mark: '5' })]);
  });

  it('writes the rows the stale table changed where nobody else did, and takes a value someone already stored', async () => {
    const other = await actorFor(db, await createUser(db, w.schoolId, ['MANAGEMENT']));
    const stale = await openSheet(target, NOW);
    await save(other, target, rows('27', '5'), NOW);
    // Same value as the other person typed: nothing to write or refuse; the second pupil is new.
    expect(await saveExamResults(manager, target, asShown(rows('27', '5', ['15', '4']), stale), NOW)).toEqual({ ok: true, saved: 1 });
    // A table opened after that changes the first pupil: it was shown 27/5, so it is written.
    expect(await save(manager, target, rows('20', '4', ['15', '4']), NOW)).toEqual({ ok: true, saved: 1 });
    const stored = await db.examResult.findMany({ orderBy: { studentId: 'asc' } });
    expect(stored.map((x) => [x.score, x.mark])).toEqual([[20, '4'], [15, '4']]);
  });
});

describe('after the next school year has begun', () => {
  /** The manager as signed in at `at`: the current years are those of that day. */
  const managerAt = async (at: Date) => {
    const sessionId = `exam-${at.getTime()}`;
    await db.userSession.create({ data: { id: sessionId, schoolId: w.schoolId, userId: manager.id, createdAt: at, lastSeenAt: at } });
    const { sessionVersion } = await db.user.findUniqueOrThrow({ where: { id: manager.id }, select: { sessionVersion: true } });
    return (await loadActor(db, { userId: manager.id, sessionId, sessionVersion }, at))!;
  };

  beforeEach(async () => {
    await db.academicYear.create({ data: { schoolId: w.schoolId, startYear: 2027, label: '2027/2028', startDate: new Date('2027-09-01'), endDate: new Date('2028-05-31') } });
    // The pupils moved on to next year's class on 1 September.
    await db.enrollment.updateMany({ where: { classId: w.classId }, data: { endDate: new Date('2027-08-31') } });
  });

  it('takes September retakes and corrections of last year’s classes until 30 September on the school’s clock', async () => {
    const sept = new Date('2027-09-15T09:00:00Z');
    const m = await managerAt(sept);
    expect((await examChoices(m, sept))?.classes.map((c) => c.id)).toContain(w.classId);
    const retake = { ...target, date: '2027-09-10' };
    const sheet = await examSheet(m, retake, sept);
    expect(sheet.ok && sheet.sheet.rows.map((r) => r.studentId)).toEqual(w.studentIds);
    expect(await save(m, retake, rows('', '', ['14', '3']), sept)).toEqual({ ok: true, saved: 1 });
    expect(await save(m, target, rows('27', '5', ['14', '3']), sept)).toEqual({ ok: true, saved: 1 });
    // 23:30 on 30 September in Moscow: still open.
    const lastEvening = new Date('2027-09-30T20:30:00Z');
    expect(await save(await managerAt(lastEvening), target, rows('26', '5', ['14', '3']), lastEvening)).toEqual({ ok: true, saved: 1 });
    // 00:30 on 1 October in Moscow: closed.
    const october = new Date('2027-09-30T21:30:00Z');
    const late = await managerAt(october);
    expect(await save(late, target, rows('25', '5', ['14', '3']), october)).toMatchObject({ ok: false, error: 'Класс или предмет не найден' });
    expect((await examChoices(late, october))?.classes.map((c) => c.id)).not.toContain(w.classId);
    expect((await db.examResult.findMany({ orderBy: { studentId: 'asc' } })).map((r) => r.score)).toEqual([26, 14]);
  });

  it('says so on the page', async () => {
    await signInForRequest(db, manager.id);
    const html = renderToStaticMarkup((await ExamsPage({ searchParams: Promise.resolve({}) })) as React.ReactElement);
    expect(html).toContain('До 30 сентября можно вносить и исправлять результаты классов закончившегося учебного года');
  });
});

describe('refusals: nothing is saved', () => {
  const unchanged = async () => {
    expect(await db.examResult.count()).toBe(0);
    expect(await db.auditLog.count({ where: { entityType: 'ExamResult' } })).toBe(0);
  };

  it('refuses scores and marks off the exam’s scale, with the error beside the pupil’s field', async () => {
    const r = await save(manager, target, rows('-1', '6', ['12', '']), NOW);
    expect(r).toMatchObject({
      ok: false,
      rowErrors: {
        [w.studentIds[0]]: { score: 'Балл — целое неотрицательное число', mark: 'Отметка — от 2 до 5' },
        [w.studentIds[1]]: { mark: 'Укажите отметку (2–5)' },
      },
    });
    await unchanged();
    await db.schoolClass.update({ where: { id: w.classId }, data: { gradeLevel: 11 } });
    expect(await save(manager, { ...target, kind: 'EGE' }, rows('101', '', ['7.5', '']), NOW)).toMatchObject({
      ok: false, rowErrors: { [w.studentIds[0]]: { score: 'Балл — от 0 до 100' }, [w.studentIds[1]]: { score: 'Балл — целое неотрицательное число' } },
    });
    await unchanged();
  });

  it('refuses an exam the class’s grade does not sit, a date outside the school year or still to come', async () => {
    expect(await save(manager, { ...target, kind: 'EGE' }, rows('70', ''), NOW)).toEqual({ ok: false, error: 'ЕГЭ не сдают в 9 классе', field: 'kind' });
    expect(await save(manager, { ...target, date: '2027-10-01' }, rows('27', '5'), new Date('2027-10-10T09:00:00Z'))).toEqual({ ok: false, error: 'Дата вне учебного года 2026/2027', field: 'date' });
    expect(await save(manager, { ...target, date: '2026-08-20' }, rows('27', '5'), NOW)).toMatchObject({ ok: false, field: 'date' });
    expect(await save(manager, { ...target, date: '2027-06-11' }, rows('27', '5'), NOW)).toMatchObject({ ok: false, error: 'Экзамен ещё не прошёл: результаты вносятся после него', field: 'date' });
    await unchanged();
  });

  it('refuses a pupil not in the class on the exam date', async () => {
    const newcomer = await createUser(db, w.schoolId, ['STUDENT'], { lastName: 'Новенький' });
    await enroll(db, w.schoolId, newcomer, w.classId, '2027-06-05');
    const r = await save(manager, target, [...rows('27', '5'), { studentId: newcomer, score: '20', mark: '4' }], NOW);
    expect(r).toEqual({ ok: false, error: 'Ученик не учится в этом классе на дату экзамена' });
    await unchanged();
  });

  it('refuses another school’s class and subject, a teacher and a parent', async () => {
    const other = await createSchoolFixture(db);
    await db.schoolClass.update({ where: { id: other.classId }, data: { gradeLevel: 9 } });
    expect(await save(manager, { ...target, classId: other.classId }, [{ studentId: other.studentIds[0], score: '27', mark: '5' }], NOW)).toMatchObject({ ok: false, error: 'Класс или предмет не найден' });
    expect(await save(manager, { ...target, subjectId: other.subjectId }, rows('27', '5'), NOW)).toMatchObject({ ok: false, error: 'Класс или предмет не найден' });
    expect(await examSheet(manager, { ...target, classId: other.classId }, NOW)).toMatchObject({ ok: false });
    for (const userId of [w.teacherId, w.parentId]) {
      const actor = await actorFor(db, userId);
      expect(await save(actor, target, rows('27', '5'), NOW)).toEqual({ ok: false, error: 'Недостаточно прав для этого действия' });
      expect(await publishExamResults(actor, target, NOW)).toEqual({ ok: false, error: 'Недостаточно прав для этого действия' });
      expect(await examSheet(actor, target, NOW)).toMatchObject({ ok: false });
    }
    await unchanged();
  });
});

describe('the page and its actions', () => {
  // Actions and the page run on the real clock (December 2026): an exam already held this year.
  const held = '2026-11-20';
  const formOf = (fields: Record<string, string | string[]>) => {
    const f = new FormData();
    for (const [k, v] of Object.entries(fields)) for (const x of [v].flat()) f.append(k, x);
    return f;
  };
  // The table as opened while still empty.
  const fields = () => ({
    classId: String(w.classId), kind: 'OGE', subjectId: String(w.subjectId), date: held, studentId: w.studentIds.map(String),
    ...Object.fromEntries(w.studentIds.flatMap((id) => [[`shown-score-${id}`, ''], [`shown-mark-${id}`, '']])),
  });

  it('saves and publishes through the actions, returning typed values and Russian errors on bad input', async () => {
    const manager = await createUser(db, w.schoolId, ['MANAGEMENT']);
    await signInForRequest(db, manager);
    const [a, b] = w.studentIds;
    const bad = await saveExamResultsAction({}, formOf({ ...fields(), [`score-${a}`]: '30', [`mark-${a}`]: '7', [`score-${b}`]: '', [`mark-${b}`]: '' }));
    expect(bad).toMatchObject({ error: 'Исправьте отмеченные результаты: ничего не сохранено', rowErrors: { [a]: { mark: 'Отметка — от 2 до 5' } }, values: { [a]: { score: '30', mark: '7' } } });
    expect(await db.examResult.count()).toBe(0);
    const badDate = await saveExamResultsAction({}, formOf({ ...fields(), date: '2025-05-01', [`score-${a}`]: '30', [`mark-${a}`]: '5' }));
    expect(badDate).toMatchObject({ fields: { date: 'Дата вне учебного года 2026/2027' } });

    expect(await saveExamResultsAction({}, formOf({ ...fields(), [`score-${a}`]: '30', [`mark-${a}`]: '5', [`score-${b}`]: '', [`mark-${b}`]: '3' }))).toMatchObject({ ok: true });
    expect(await publishExamResultsAction({}, formOf(fields()))).toEqual({ ok: true, message: 'Опубликовано результатов: 2' });
    expect(await db.examResult.count({ where: { publishedAt: { not: null } } })).toBe(2);
  });

  it('a table opened before someone else filled it in saves only what was typed, and says which rows were refused', async () => {
    await signInForRequest(db, await createUser(db, w.schoolId, ['MANAGEMENT']));
    const [a, b] = w.studentIds;
    const other = await actorFor(db, await createUser(db, w.schoolId, ['MANAGEMENT']));
    const heldTarget = { ...target, date: held };
    await save(other, heldTarget, rows('27', '5', ['15', '4']), new Date());
    // This form was opened empty: it types a new value for the first pupil only.
    const r = await saveExamResultsAction({}, formOf({ ...fields(), [`score-${a}`]: '20', [`mark-${a}`]: '4', [`score-${b}`]: '', [`mark-${b}`]: '' }));
    expect(r).toMatchObject({ rowErrors: { [a]: { score: 'Результат уже изменил другой пользователь' } } });
    expect(r.error).toContain('Не сохранено: 1 — их уже изменил другой пользователь');
    const stored = await db.examResult.findMany({ orderBy: { studentId: 'asc' } });
    expect(stored.map((x) => [x.studentId, x.score, x.mark])).toEqual([[a, 27, '5'], [b, 15, '4']]);
  });

  it('refuses a teacher at the action and sends them away from the page', async () => {
    await signInForRequest(db, w.teacherId);
    expect(await saveExamResultsAction({}, formOf({ ...fields(), [`score-${w.studentIds[0]}`]: '30', [`mark-${w.studentIds[0]}`]: '5' }))).toMatchObject({ error: 'Недостаточно прав для этого действия' });
    await expect(ExamsPage({ searchParams: Promise.resolve({}) })).rejects.toMatchObject({ digest: expect.stringContaining('/forbidden') });
    expect(await db.examResult.count()).toBe(0);
  });

  it('links the page in management’s menu only', async () => {
    const links = async (userId: number) => navigationFor(await actorFor(db, userId)).map((i) => i.href);
    expect(await links(await createUser(db, w.schoolId, ['MANAGEMENT']))).toContain('/journal/exams');
    for (const userId of [w.teacherId, w.parentId, w.adminId]) expect(await links(userId)).not.toContain('/journal/exams');
  });

  it('renders the class’s table for management', async () => {
    await signInForRequest(db, await createUser(db, w.schoolId, ['MANAGEMENT']));
    const params = { classId: String(w.classId), kind: 'OGE', subjectId: String(w.subjectId), date: held };
    const html = renderToStaticMarkup((await ExamsPage({ searchParams: Promise.resolve(params) })) as React.ReactElement);
    const text = html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
    expect(text).toContain('Результаты ГИА');
    expect(text).toContain('ОГЭ, Математика, 9А — 20.11.2026');
    expect(text).toContain('Ученик1 Пётр');
    expect(html).toContain('aria-label="Балл: Ученик1 Пётр"');
    // A wrong choice says so beside the field.
    const wrong = renderToStaticMarkup((await ExamsPage({ searchParams: Promise.resolve({ ...params, kind: 'EGE' }) })) as React.ReactElement);
    expect(wrong).toContain('ЕГЭ не сдают в 9 классе');
  });
});
