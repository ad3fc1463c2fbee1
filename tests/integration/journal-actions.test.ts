// The journal's server actions as the browser calls them: an impossible date is refused next to
// its field and writes nothing; an unexpected database failure is answered with an error, never
// thrown to the browser; a redirect still passes through; closing a period waits for the writes
// in flight instead of timing out; publishing final marks audits the value it actually replaced.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { encode } from 'next-auth/jwt';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { resetDb, serverHasManyDatabases, testDb, workerDatabaseUrl } from '../support/db';
import { createLesson, createSchoolFixture, createUser, type SchoolFixture } from '../support/fixtures';
import { actorFor } from '../support/actors';
import { signInForRequest } from '../support/request-session';
import { setTestRequest } from '../support/next-request-stub';
import { authSecret } from '@/lib/env';
import { saveCellAction } from '@/app/(journal)/journal/courses/[courseId]/actions';
import { setFinalMark } from '@/lib/data/journal/final-marks';
import { saveHomework } from '@/lib/data/journal/homework';
import { lessonCommandAction, openLessonAction, saveHomeworkAction, updateLessonAction } from '@/app/(journal)/journal/lessons/actions';
import { publishFinalMarksAction, setFinalMarkAction } from '@/app/(journal)/journal/courses/[courseId]/final/actions';
import { periodStatusAction } from '@/app/(journal)/journal/periods/actions';

const db = testDb();
let fx: SchoolFixture;

const NO_SUCH_DATE = 'Такой даты нет в календаре';
const UNEXPECTED = 'Не удалось сохранить. Повторите попытку.';

const formOf = (fields: Record<string, string>) => {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  return form;
};

const signIn = (userId: number) => signInForRequest(db, userId);

const finalForm = (studentId: number, fields: Record<string, string>) =>
  formOf({ courseId: String(fx.courseId), periodId: String(fx.studyPeriodId), studentId: String(studentId), expectedVersion: '0', ...fields });

beforeEach(async () => {
  await resetDb();
  fx = await createSchoolFixture(db, { pupils: 3 });
  await signIn(fx.teacherId);
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe('an impossible date', () => {
  it('opening a lesson: refused on the date field, no lesson created; a real date still redirects to the lesson', async () => {
    const before = await db.lesson.count();
    for (const date of ['2026-09-31', '2026-13-01', '2026-02-29']) {
      const r = await openLessonAction({}, formOf({ courseId: String(fx.courseId), date, slot: '3' }));
      expect(r).toEqual({ errors: { date: NO_SUCH_DATE } });
    }
    expect(await db.lesson.count()).toBe(before);
    await expect(openLessonAction({}, formOf({ courseId: String(fx.courseId), date: '2026-09-30', slot: '3' }))).rejects.toMatchObject({ digest: expect.stringContaining('/journal/lessons/') });
    expect(await db.lesson.count()).toBe(before + 1);
  });

  it('opening a lesson: a date outside the course\'s school year (a mistyped year) is refused on the date field, no lesson created', async () => {
    const before = await db.lesson.count();
    for (const date of ['2062-09-15', '2025-09-15', '2026-08-31', '2027-06-01']) {
      const r = await openLessonAction({}, formOf({ courseId: String(fx.courseId), date, slot: '3' }));
      expect(r).toEqual({ errors: { date: 'Дата вне учебного года 2026/2027 (01.09.2026 – 31.05.2027)' } });
    }
    expect(await db.lesson.count()).toBe(before);
    await expect(openLessonAction({}, formOf({ courseId: String(fx.courseId), date: '2027-05-31', slot: '3' }))).rejects.toMatchObject({ digest: expect.stringContaining('/journal/lessons/') });
    expect(await db.lesson.count()).toBe(before + 1);
  });

  it('homework: a due date that does not exist is refused on its field, nothing saved', async () => {
    for (const dueDate of ['2026-09-31', '2026-13-01']) {
      const r = await saveHomeworkAction({}, formOf({ lessonId: String(fx.lessonId), text: '§5, упр. 3', dueDate }));
      expect(r).toEqual({ errors: { dueDate: NO_SUCH_DATE }, values: { text: '§5, упр. 3', dueDate, studentIds: [] } });
    }
    expect(await db.homework.count()).toBe(0);
  });

  it('a final-mark deferral until a date that does not exist is refused on its field, nothing saved', async () => {
    for (const until of ['2026-11-31', '2026-13-01']) {
      const r = await setFinalMarkAction({}, finalForm(fx.studentIds[0], { choice: 'deferral', until, reason: 'болезнь' }));
      expect(r).toEqual({ error: NO_SUCH_DATE, field: 'until', values: { choice: 'deferral', until, reason: 'болезнь' } });
    }
    expect(await db.finalMark.count()).toBe(0);
    expect(await db.auditLog.count({ where: { entityType: 'FinalMark' } })).toBe(0);
  });
});

describe('a lesson on a holiday', () => {
  const holiday = (name: string, from: string, to: string, gradeLevels: number[] = []) =>
    db.holiday.create({ data: { schoolId: fx.schoolId, academicYearId: fx.academicYearId, name, startDate: new Date(`${from}T00:00:00Z`), endDate: new Date(`${to}T00:00:00Z`), gradeLevels } });
  const open = (date: string) => openLessonAction({}, formOf({ courseId: String(fx.courseId), date, slot: '3' }));

  it("is refused on the date field, naming the holiday, nothing written; another grade's holiday does not count", async () => {
    await holiday('Осенние каникулы', '2026-10-26', '2026-11-03');
    await holiday('Дополнительные каникулы', '2027-02-15', '2027-02-21', [1]);
    await holiday('Каникулы пятых классов', '2027-03-01', '2027-03-03', [5, 6]);
    const lessons = await db.lesson.count();
    const audits = await db.auditLog.count();
    expect(await open('2026-10-28')).toEqual({ errors: { date: '28.10.2026 — каникулы («Осенние каникулы»): уроков нет' } });
    expect(await open('2027-03-01')).toEqual({ errors: { date: '01.03.2027 — каникулы («Каникулы пятых классов»): уроков нет' } });
    expect(await db.lesson.count()).toBe(lessons);
    expect(await db.auditLog.count()).toBe(audits);
    // The first-graders' February week is a school week for the 5th grade; the day after a holiday too.
    await expect(open('2027-02-16')).rejects.toMatchObject({ digest: expect.stringContaining('/journal/lessons/') });
    await expect(open('2026-11-04')).rejects.toMatchObject({ digest: expect.stringContaining('/journal/lessons/') });
    expect(await db.lesson.count()).toBe(lessons + 2);
  });
});

describe('a final-mark deferral reason', () => {
  it('too long is refused in Russian on its field, nothing saved', async () => {
    const r = await setFinalMarkAction({}, finalForm(fx.studentIds[0], { choice: 'deferral', until: '2026-11-20', reason: 'болезнь, '.repeat(40) }));
    expect(r).toMatchObject({ error: 'Причина — не длиннее 300 символов', field: 'reason' });
    expect(await db.finalMark.count()).toBe(0);
  });
});

describe('homework for chosen pupils', () => {
  it('with no pupil ticked is refused on the pupils, and the class assignment stays as it was', async () => {
    expect(await saveHomeworkAction({}, formOf({ lessonId: String(fx.lessonId), text: '§5, упр. 3', dueDate: '' }))).toMatchObject({ ok: true });
    const classHomework = await db.homework.findFirstOrThrow({ where: { lessonId: fx.lessonId } });
    const r = await saveHomeworkAction({}, formOf({ lessonId: String(fx.lessonId), text: 'Доклад о Пушкине', dueDate: '', audience: 'pupils', replaces: classHomework.updatedAt.toISOString() }));
    expect(r.errors).toEqual({ studentIds: 'Выберите учеников' });
    expect(await db.homework.findMany({ select: { text: true, studentId: true } })).toEqual([{ text: '§5, упр. 3', studentId: null }]);
  });
});

describe('a refused homework', () => {
  it('comes back as typed, so that the teacher does not write it again', async () => {
    expect(await saveHomeworkAction({}, formOf({ lessonId: String(fx.lessonId), text: '§5, упр. 3', dueDate: '' }))).toMatchObject({ ok: true });
    // Saved from a page that did not show the assignment above: refused, the long text comes back.
    const text = 'Прочитать главы 1–3 и ответить письменно на вопросы. '.repeat(40);
    const r = await saveHomeworkAction({}, formOf({ lessonId: String(fx.lessonId), text, dueDate: '2026-10-05', replaces: '' }));
    expect(r.errors).toHaveProperty('text');
    expect(r.values).toEqual({ text, dueDate: '2026-10-05', studentIds: [] });
    expect(await db.homework.findMany({ select: { text: true } })).toEqual([{ text: '§5, упр. 3' }]);
  });
});

describe('a refused final mark', () => {
  it('comes back as typed, the error on its field, so that the teacher does not type the deferral again', async () => {
    // A deferral must end after the period (which ends on 25 October).
    const reason = 'болезнь, справка № 41 от 20.10, контрольная по теме «Дроби» после выздоровления';
    const r = await setFinalMarkAction({}, finalForm(fx.studentIds[0], { choice: 'deferral', until: '2026-10-20', reason }));
    expect(r).toEqual({ error: 'Отсрочка — до даты после окончания периода', field: 'until', values: { choice: 'deferral', until: '2026-10-20', reason } });
    expect(await db.finalMark.count()).toBe(0);
    expect(await setFinalMarkAction({}, finalForm(fx.studentIds[0], { choice: 'deferral', until: '2026-11-20', reason }))).toMatchObject({ ok: true });
    expect(await db.finalMark.findFirstOrThrow()).toMatchObject({ deferralReason: reason });
  });
});

describe('a refused lesson record', () => {
  it('comes back as chosen, the substitute refused beside its field, and the lesson stays as it was', async () => {
    const lesson = await db.lesson.findUniqueOrThrow({ where: { id: fx.lessonId } });
    // A parent is no teacher of the school: not a substitute.
    const r = await updateLessonAction({}, formOf({
      lessonId: String(fx.lessonId), topic: 'Дроби: сложение', plannedTopicId: '', lessonKind: 'TEST', plannedTest: 'on',
      substituteTeacherId: String(fx.parentId), expectedVersion: String(lesson.version),
    }));
    expect(r).toEqual({
      errors: { substituteTeacherId: 'Замещающий учитель не найден' },
      values: { topic: 'Дроби: сложение', plannedTopicId: '', lessonKind: 'TEST', plannedTest: 'on', substituteTeacherId: String(fx.parentId) },
    });
    expect(await db.lesson.findUniqueOrThrow({ where: { id: fx.lessonId } })).toMatchObject({ topic: lesson.topic, lessonKind: 'LESSON', plannedTest: false, isSubstitution: false, version: lesson.version });
  });
});

describe('a substitute chosen in the lesson form', () => {
  it('is refused beside the field when already teaching another lesson in that slot, as on the timetable page; a free one is accepted', async () => {
    const lesson = await db.lesson.findUniqueOrThrow({ where: { id: fx.lessonId } });
    const busyId = await createUser(db, fx.schoolId, ['TEACHER'], { lastName: 'Занятова', firstName: 'Анна' });
    const freeId = await createUser(db, fx.schoolId, ['TEACHER'], { lastName: 'Свободина', firstName: 'Вера' });
    const physics = await db.subject.create({ data: { schoolId: fx.schoolId, name: 'Физика', shortName: 'Физ' } });
    const course = await db.course.create({
      data: { schoolId: fx.schoolId, academicYearId: fx.academicYearId, subjectId: physics.id, classId: fx.classId, gradingScaleId: fx.gradingScaleId, teachers: { create: { schoolId: fx.schoolId, teacherId: busyId, isPrimary: true } } },
    });
    await createLesson(db, { schoolId: fx.schoolId, courseId: course.id, teacherId: busyId }, { date: lesson.date.toISOString().slice(0, 10), slot: lesson.slot });
    const form = (substituteTeacherId: number, expectedVersion: number) => formOf({
      lessonId: String(fx.lessonId), topic: lesson.topic ?? '', plannedTopicId: '', lessonKind: 'LESSON', plannedTest: '', substituteTeacherId: String(substituteTeacherId), expectedVersion: String(expectedVersion),
    });

    const refused = await updateLessonAction({}, form(busyId, lesson.version));
    expect(refused.errors?.substituteTeacherId).toMatch(/^Занятова Анна в этот урок уже ведёт «Физика/);
    expect(await db.lesson.findUniqueOrThrow({ where: { id: fx.lessonId } })).toMatchObject({ teacherId: lesson.teacherId, isSubstitution: false, version: lesson.version });

    expect(await updateLessonAction({}, form(freeId, lesson.version))).toMatchObject({ ok: true });
    expect(await db.lesson.findUniqueOrThrow({ where: { id: fx.lessonId } })).toMatchObject({ teacherId: freeId, isSubstitution: true });
  });
});

describe('an unexpected failure', () => {
  // PostgreSQL refuses a NUL character in text (22021) and in jsonb (22P05): an error no action
  // anticipates, raised by the real database.
  const NUL = 'Карточка\u0000';

  it('is answered with an error, logged under the action name without the data, and changes nothing', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    const management = await createUser(db, fx.schoolId, ['MANAGEMENT']);
    const lesson = await db.lesson.findUniqueOrThrow({ where: { id: fx.lessonId } });

    expect(await saveHomeworkAction({}, formOf({ lessonId: String(fx.lessonId), text: NUL, dueDate: '' }))).toEqual({ errors: { form: UNEXPECTED }, values: { text: NUL, dueDate: '', studentIds: [] } });
    expect(await updateLessonAction({}, formOf({ lessonId: String(fx.lessonId), topic: NUL, lessonKind: 'LESSON', expectedVersion: String(lesson.version) })))
      .toEqual({ errors: { form: UNEXPECTED }, values: { topic: NUL, plannedTopicId: '', lessonKind: 'LESSON', plannedTest: '', substituteTeacherId: '' } });
    expect(await setFinalMarkAction({}, finalForm(fx.studentIds[0], { choice: 'deferral', until: '2026-11-20', reason: NUL })))
      .toEqual({ error: UNEXPECTED, values: { choice: 'deferral', until: '2026-11-20', reason: NUL } });
    await signIn(management);
    expect(await periodStatusAction({}, formOf({ periodId: String(fx.studyPeriodId), close: '1', reason: NUL }))).toEqual({ error: UNEXPECTED });

    expect(await db.homework.count()).toBe(0);
    expect(await db.lesson.findUniqueOrThrow({ where: { id: fx.lessonId } })).toMatchObject({ topic: lesson.topic, version: lesson.version });
    expect(await db.finalMark.count()).toBe(0);
    expect((await db.studyPeriod.findUniqueOrThrow({ where: { id: fx.studyPeriodId } })).status).toBe('OPEN');
    expect(await db.auditLog.count()).toBe(0);

    const lines = log.mock.calls.map((args) => args.map(String).join(' '));
    expect(lines).toHaveLength(4);
    for (const [i, name] of ['saveHomeworkAction', 'updateLessonAction', 'setFinalMarkAction', 'periodStatusAction'].entries()) {
      expect(lines[i]).toContain(name);
      expect(lines[i]).not.toContain('Карточка');
    }
  });
});

describe('a database failure while the cell save identifies the user', () => {
  it('is answered with the cell\'s error, not thrown to the browser, and nothing is saved', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    // The session lookup itself fails in PostgreSQL: a NUL in the session id is refused there (22021).
    const jwt = await encode({ token: { uid: fx.teacherId, sid: 'сеанс\u0000', sv: 0 }, secret: authSecret() });
    setTestRequest({ cookies: { 'next-auth.session-token': jwt } });
    const save = saveCellAction({ idempotencyKey: randomUUID(), lessonId: fx.lessonId, studentId: fx.studentIds[0], value: '5', expectedVersion: 0 });
    await expect(save).resolves.toEqual({ ok: false, error: 'Не удалось сохранить. Проверьте соединение и повторите (Enter).' });
    expect(log.mock.calls.map((args) => args.map(String).join(' ')).join('\n')).toContain('saveCellAction');
    expect(await db.mark.count()).toBe(0);
  });
});

describe('closing a period', () => {
  it.skipIf(!serverHasManyDatabases())('waits for a write in flight longer than Prisma\'s default 5 s instead of failing', async () => {
    const management = await createUser(db, fx.schoolId, ['MANAGEMENT']);
    await signIn(management);
    // A write in flight in the period holds the period row FOR SHARE (see periodOpen) until it commits.
    const writer = new pg.Client({ connectionString: workerDatabaseUrl() });
    await writer.connect();
    try {
      await writer.query('BEGIN');
      await writer.query('SELECT 1 FROM study_periods WHERE id = $1 FOR SHARE', [fx.studyPeriodId]);
      const closing = periodStatusAction({}, formOf({ periodId: String(fx.studyPeriodId), close: '1', reason: '' }));
      await new Promise((resolve) => setTimeout(resolve, 6_000));
      await writer.query('COMMIT');
      expect(await closing).toEqual({ ok: true, message: 'Период закрыт' });
    } finally {
      await writer.end();
    }
    expect((await db.studyPeriod.findUniqueOrThrow({ where: { id: fx.studyPeriodId } })).status).toBe('CLOSED');
  }, 30_000);
});

describe('publishing final marks', () => {
  it.skipIf(!serverHasManyDatabases())('audits the value it replaced when a co-teacher\'s change commits during the publish', async () => {
    const teacher = await actorFor(db, fx.teacherId);
    const t = { courseId: fx.courseId, periodId: fx.studyPeriodId };
    expect(await setFinalMark(teacher, t, { studentId: fx.studentIds[0], kind: 'value', value: '4', expectedVersion: 0 })).toEqual({ ok: true, version: 1, changed: true });
    const mark = await db.finalMark.findFirstOrThrow();

    // The co-teacher's setFinalMark, caught between its UPDATE and its COMMIT: '4' → '5', version 2.
    const coTeacher = new pg.Client({ connectionString: workerDatabaseUrl() });
    await coTeacher.connect();
    try {
      await coTeacher.query('BEGIN');
      await coTeacher.query(`UPDATE final_marks SET value = '5', version = 2 WHERE id = $1`, [mark.id]);
      const publishing = publishFinalMarksAction({}, formOf({ courseId: String(fx.courseId), periodId: String(fx.studyPeriodId) }));
      // The publish is now waiting for the co-teacher's row.
      for (let i = 0; i < 200; i++) {
        const [{ waiting }] = await db.$queryRaw<{ waiting: number }[]>`SELECT count(*)::int AS waiting FROM pg_locks WHERE NOT granted`;
        if (waiting > 0) break;
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      await coTeacher.query('COMMIT');
      expect(await publishing).toMatchObject({ ok: true, message: expect.stringContaining('Опубликовано: 1') });
    } finally {
      await coTeacher.end();
    }

    const after = await db.finalMark.findUniqueOrThrow({ where: { id: mark.id } });
    expect(after).toMatchObject({ value: '5', status: 'PUBLISHED', version: 3 });
    const audit = await db.auditLog.findFirstOrThrow({ where: { action: 'finalmark.publish', entityId: String(mark.id) } });
    // The audit's old value is the row the publish replaced, and its new version is the row's.
    expect(audit.oldValue).toMatchObject({ value: '5', version: 2, status: 'DRAFT' });
    expect(audit.newValue).toMatchObject({ status: 'PUBLISHED', version: after.version });
  });
});

describe('a final mark belongs to a period of its class', () => {
  it("refuses a term of another scheme (trimesters for a class on quarters); takes the class's own term and the year", async () => {
    const teacher = await actorFor(db, fx.teacherId);
    const yearId = (await db.studyPeriod.findUniqueOrThrow({ where: { id: fx.studyPeriodId } })).academicYearId;
    const trimesters = await db.periodScheme.create({ data: { schoolId: fx.schoolId, name: 'Триместры', kind: 'TRIMESTERS' } });
    const span = { startDate: new Date('2026-09-01'), endDate: new Date('2026-11-30') };
    const trimester = await db.studyPeriod.create({ data: { schoolId: fx.schoolId, academicYearId: yearId, schemeId: trimesters.id, name: '1 триместр', ordinal: 1, ...span } });
    const year = await db.studyPeriod.create({ data: { schoolId: fx.schoolId, academicYearId: yearId, kind: 'YEAR', name: 'Год', ordinal: 9, startDate: new Date('2026-09-01'), endDate: new Date('2027-05-31') } });
    const five = { studentId: fx.studentIds[0], kind: 'value', value: '5', expectedVersion: 0 } as const;
    expect(await setFinalMark(teacher, { courseId: fx.courseId, periodId: trimester.id }, five)).toMatchObject({ ok: false });
    expect(await db.finalMark.count({ where: { periodId: trimester.id } })).toBe(0);
    expect(await setFinalMark(teacher, { courseId: fx.courseId, periodId: fx.studyPeriodId }, five)).toMatchObject({ ok: true });
    expect(await setFinalMark(teacher, { courseId: fx.courseId, periodId: year.id }, five)).toMatchObject({ ok: true });
  });
});

describe('a final mark saved again as it stands', () => {
  it('stays published for the family, with no new version or audit row; a stale second submit of it is no conflict', async () => {
    const four = (expectedVersion: string) => finalForm(fx.studentIds[0], { choice: '4', expectedVersion });
    expect(await setFinalMarkAction({}, four('0'))).toEqual({ ok: true, message: 'Сохранено (черновик)' });
    // The same form sent twice (a double click before the page showed the first answer).
    expect(await setFinalMarkAction({}, four('0'))).toEqual({ ok: true, message: 'Без изменений: эта отметка уже сохранена' });
    expect(await publishFinalMarksAction({}, formOf({ courseId: String(fx.courseId), periodId: String(fx.studyPeriodId) }))).toMatchObject({ ok: true });
    const published = await db.finalMark.findFirstOrThrow();
    expect(published).toMatchObject({ value: '4', status: 'PUBLISHED', version: 2 });
    const audited = await db.auditLog.count({ where: { entityType: 'FinalMark' } });

    // «Сохранить» pressed on the published row without a change.
    expect(await setFinalMarkAction({}, four('2'))).toEqual({ ok: true, message: 'Без изменений: эта отметка уже сохранена' });
    expect(await db.finalMark.findFirstOrThrow()).toMatchObject({ value: '4', status: 'PUBLISHED', version: 2, visibleFrom: published.visibleFrom });
    expect(await db.auditLog.count({ where: { entityType: 'FinalMark' } })).toBe(audited);

    // A real change still goes back to draft, and a stale form still meets a conflict.
    expect(await setFinalMarkAction({}, finalForm(fx.studentIds[0], { choice: '5', expectedVersion: '0' }))).toMatchObject({ error: expect.stringContaining('уже изменил') });
    expect(await setFinalMarkAction({}, finalForm(fx.studentIds[0], { choice: '5', expectedVersion: '2' }))).toEqual({ ok: true, message: 'Сохранено (черновик)' });
    expect(await db.finalMark.findFirstOrThrow()).toMatchObject({ value: '5', status: 'DRAFT', version: 3 });
  });
});

describe('«Все присутствуют»', () => {
  it('is the lesson\'s attendance record: audited with who and when, once; «не задано» too', async () => {
    const command = (name: string) => lessonCommandAction({}, formOf({ lessonId: String(fx.lessonId), command: name }));
    expect(await command('attendance-taken')).toEqual({ ok: true, message: 'Готово' });
    expect(await command('attendance-taken')).toEqual({ ok: true, message: 'Готово' });
    expect(await command('no-homework')).toEqual({ ok: true, message: 'Готово' });
    const lesson = await db.lesson.findUniqueOrThrow({ where: { id: fx.lessonId } });
    const audit = await db.auditLog.findMany({ where: { entityType: 'Lesson', entityId: String(fx.lessonId) }, orderBy: { id: 'asc' } });
    expect(audit).toMatchObject([
      { action: 'attendance.all-present', actorId: fx.teacherId, oldValue: { attendanceEnteredAt: null }, newValue: { attendanceEnteredAt: lesson.attendanceEnteredAt!.toISOString() } },
      { action: 'homework.none', actorId: fx.teacherId, oldValue: { noHomeworkAt: null }, newValue: { noHomeworkAt: lesson.noHomeworkAt!.toISOString() } },
    ]);
  });
});

describe('deleting a class assignment', () => {
  it('that a co-teacher changed since the page showed it is refused, and their text stays; as shown, it is deleted', async () => {
    expect(await saveHomeworkAction({}, formOf({ lessonId: String(fx.lessonId), text: '§5', dueDate: '' }))).toMatchObject({ ok: true });
    const shown = (await db.homework.findFirstOrThrow()).updatedAt.toISOString();
    const coTeacherId = await createUser(db, fx.schoolId, ['TEACHER'], { lastName: 'Соавторова' });
    await db.courseTeacher.create({ data: { schoolId: fx.schoolId, courseId: fx.courseId, teacherId: coTeacherId, isPrimary: false } });
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(await saveHomework(await actorFor(db, coTeacherId), fx.lessonId, { text: '§5 и §6, упр. 12', dueDate: null, studentIds: [], replaces: shown })).toMatchObject({ ok: true });
    const hw = await db.homework.findFirstOrThrow();

    const remove = (seen: string) => lessonCommandAction({}, formOf({ lessonId: String(fx.lessonId), targetId: String(hw.id), seen, command: 'delete-homework' }));
    expect(await remove(shown)).toEqual({ errors: { form: 'Задание уже изменил другой учитель, и оно не удалено. Обновите страницу, чтобы увидеть его.' } });
    expect(await db.homework.findMany({ select: { text: true } })).toEqual([{ text: '§5 и §6, упр. 12' }]);
    expect(await db.auditLog.count({ where: { action: 'homework.delete' } })).toBe(0);

    expect(await remove(hw.updatedAt.toISOString())).toEqual({ ok: true, message: 'Готово' });
    expect(await db.homework.count()).toBe(0);
    expect(await db.auditLog.findFirstOrThrow({ where: { action: 'homework.delete' } })).toMatchObject({ actorId: fx.teacherId, oldValue: { text: '§5 и §6, упр. 12' } });
  });
});

describe('a save sent again after its answer was lost', () => {
  it('homework: the same assignment again is «без изменений», written once; a co-teacher\'s different text is still refused', async () => {
    // The page showed no assignment (replaces ''); the first save committed, its answer never came.
    const form = () => formOf({ lessonId: String(fx.lessonId), text: '§5, упр. 3', dueDate: '2026-09-03', replaces: '' });
    expect(await saveHomeworkAction({}, form())).toEqual({ ok: true, message: 'Домашнее задание сохранено' });
    expect(await saveHomeworkAction({}, form())).toEqual({ ok: true, message: 'Без изменений: это задание уже сохранено' });
    expect(await db.homework.findMany({ select: { text: true } })).toEqual([{ text: '§5, упр. 3' }]);
    expect(await db.auditLog.count({ where: { entityType: 'Homework' } })).toBe(1);

    const other = formOf({ lessonId: String(fx.lessonId), text: '§6, упр. 1', dueDate: '2026-09-03', replaces: '' });
    expect((await saveHomeworkAction({}, other)).errors).toEqual({ text: 'Задание к этому уроку уже изменил другой учитель. Обновите страницу, чтобы увидеть его, и сохраните своё снова.' });
    expect(await db.homework.findMany({ select: { text: true } })).toEqual([{ text: '§5, упр. 3' }]);

    // Individual homework sent twice gives each pupil one assignment.
    const pupils = formOf({ lessonId: String(fx.lessonId), text: 'Карточка 7', audience: 'pupils', studentIds: String(fx.studentIds[0]) });
    pupils.append('studentIds', String(fx.studentIds[1]));
    expect(await saveHomeworkAction({}, pupils)).toMatchObject({ ok: true, message: 'Индивидуальное задание выдано: 2' });
    expect(await saveHomeworkAction({}, pupils)).toMatchObject({ ok: true, message: 'Без изменений: это задание уже сохранено' });
    expect(await db.homework.count({ where: { text: 'Карточка 7' } })).toBe(2);
  });

  it('lesson record: the same record again is «без изменений», written once; a different change on the old version is still refused', async () => {
    const { version } = await db.lesson.findUniqueOrThrow({ where: { id: fx.lessonId } });
    const form = (topic: string) => formOf({ lessonId: String(fx.lessonId), topic, lessonKind: 'TEST', plannedTest: 'on', expectedVersion: String(version) });
    expect(await updateLessonAction({}, form('Дроби: сложение'))).toEqual({ ok: true, message: 'Урок сохранён' });
    expect(await updateLessonAction({}, form('Дроби: сложение'))).toEqual({ ok: true, message: 'Без изменений: урок уже сохранён' });
    expect(await db.lesson.findUniqueOrThrow({ where: { id: fx.lessonId } })).toMatchObject({ topic: 'Дроби: сложение', lessonKind: 'TEST', version: version + 1 });
    expect(await db.auditLog.count({ where: { action: 'lesson.update' } })).toBe(1);

    expect((await updateLessonAction({}, form('Дроби: вычитание'))).errors).toEqual({ form: 'Урок уже изменил другой пользователь. Обновите страницу.' });
    expect(await db.lesson.findUniqueOrThrow({ where: { id: fx.lessonId } })).toMatchObject({ topic: 'Дроби: сложение', version: version + 1 });
  });
});
