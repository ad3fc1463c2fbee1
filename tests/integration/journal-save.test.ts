// Saving journal cells against a real PostgreSQL: refusals change nothing, retries never double,
// concurrent editors get conflicts, closed periods refuse, every write has its audit row.
import { randomUUID } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import { resetDb, testDb } from '../support/db';
import { createLesson, createSchoolFixture, createUser, type SchoolFixture } from '../support/fixtures';
import { actorFor } from '../support/actors';
import type { Actor } from '@/lib/auth/actor';
import { saveCell } from '@/lib/data/journal/save-cell';
import type { CellSaveInput } from '@/lib/data/journal/cell-schema';
import { setPeriodStatus } from '@/lib/data/journal/periods';
import { confirmAttendance } from '@/lib/data/journal/lessons';
import { addDays } from '@/lib/domain/calendar';
import { toSchoolDate } from '@/lib/domain/timezone';

const db = testDb();
let fx: SchoolFixture;
let teacher: Actor;

const key = () => randomUUID();
const mark = (over: Partial<CellSaveInput> = {}): CellSaveInput => ({
  idempotencyKey: key(), lessonId: fx.lessonId, studentId: fx.studentIds[0], position: 0, value: '5', expectedVersion: 0, ...over,
});

async function counts() {
  return { marks: await db.mark.count(), attendance: await db.attendance.count(), audit: await db.auditLog.count({ where: { entityType: { in: ['Mark', 'Attendance'] } } }), keys: await db.idempotencyKey.count() };
}

beforeEach(async () => {
  await resetDb();
  fx = await createSchoolFixture(db, { pupils: 3 });
  teacher = await actorFor(db, fx.teacherId);
});

describe('validation refusals change nothing', () => {
  it('refuses a value off the scale, an unknown code, a pupil not in the class, another teacher’s lesson', async () => {
    const outsider = await createUser(db, fx.schoolId, ['STUDENT'], { lastName: 'Чужой' });
    const otherTeacherId = await createUser(db, fx.schoolId, ['TEACHER'], { lastName: 'Другая' });
    const other = await actorFor(db, otherTeacherId);
    const before = await counts();

    const offScale = await saveCell(teacher, mark({ value: '6' }));
    expect(offScale).toMatchObject({ ok: false, field: 'value' });
    expect((offScale as { error: string }).error).toContain('шкале');
    expect(await saveCell(teacher, mark({ value: undefined, code: 'X' }))).toMatchObject({ ok: false, field: 'code' });
    expect(await saveCell(teacher, mark({ studentId: outsider }))).toMatchObject({ ok: false, field: 'studentId' });
    expect(await saveCell(other, mark())).toMatchObject({ ok: false, error: expect.stringContaining('другой учитель') });
    expect(await saveCell(teacher, mark({ position: 9 }))).toMatchObject({ ok: false });
    expect(await saveCell(teacher, { ...mark(), code: 'Н' })).toMatchObject({ ok: false });
    expect(await counts()).toEqual(before);
  });

  it('refuses a pupil outside their enrollment dates', async () => {
    await db.enrollment.updateMany({ where: { studentId: fx.studentIds[1] }, data: { startDate: new Date('2026-09-10T00:00:00Z') } });
    expect(await saveCell(teacher, mark({ studentId: fx.studentIds[1] }))).toMatchObject({ ok: false, field: 'studentId' });
    expect(await db.mark.count()).toBe(0);
  });

  it('refuses marks and absences for a lesson not yet held (seed 002 §3.4, §3.6: entered «по факту»)', async () => {
    const today = toSchoolDate(new Date(), teacher.timeZone);
    const tomorrow = await createLesson(db, fx, { date: addDays(today, 1) });
    const held = await createLesson(db, fx, { date: today });
    expect(await saveCell(teacher, mark({ lessonId: tomorrow }))).toMatchObject({ ok: false, field: 'value', error: expect.stringContaining('ещё не проведён') });
    expect(await saveCell(teacher, mark({ lessonId: tomorrow, value: undefined, code: 'Б' }))).toMatchObject({ ok: false, field: 'code' });
    expect(await confirmAttendance(teacher, tomorrow)).toMatchObject({ ok: false, error: expect.stringContaining('ещё не проведён') });
    expect((await db.lesson.findUniqueOrThrow({ where: { id: tomorrow } })).attendanceEnteredAt).toBeNull();
    expect(await db.mark.count()).toBe(0);
    expect(await db.attendance.count()).toBe(0);
    expect(await saveCell(teacher, mark({ lessonId: held }))).toMatchObject({ ok: true });
    expect(await saveCell(teacher, mark({ lessonId: held, value: undefined, code: 'Н' }))).toMatchObject({ ok: true });
  });

  it('refuses a parent or a pupil', async () => {
    const parent = await actorFor(db, fx.parentId);
    expect(await saveCell(parent, mark())).toMatchObject({ ok: false });
    expect(await db.mark.count()).toBe(0);
  });
});

describe('writes and their audit rows', () => {
  it('creates, updates and clears a mark and an attendance code, each with an audit row in its transaction', async () => {
    const created = await saveCell(teacher, mark({ comment: 'у доски' }));
    expect(created).toMatchObject({ ok: true, target: 'mark', mark: { value: '5', version: 1, comment: 'у доски' } });
    const updated = await saveCell(teacher, mark({ value: '4', expectedVersion: 1 }));
    expect(updated).toMatchObject({ ok: true, mark: { value: '4', version: 2 } });
    expect(await saveCell(teacher, mark({ value: undefined, clear: 'mark', expectedVersion: 2 }))).toMatchObject({ ok: true, mark: null });

    // Latin look-alike of Н.
    expect(await saveCell(teacher, mark({ value: undefined, code: 'n' }))).toMatchObject({ ok: true, attendance: { code: 'Н', version: 1 } });
    expect(await saveCell(teacher, mark({ value: undefined, code: 'Б', expectedVersion: 1 }))).toMatchObject({ ok: true, attendance: { code: 'Б', version: 2 } });

    const audit = await db.auditLog.findMany({ where: { entityType: { in: ['Mark', 'Attendance'] } }, orderBy: { id: 'asc' } });
    expect(audit.map((a) => a.action)).toEqual(['mark.create', 'mark.update', 'mark.delete', 'attendance.create', 'attendance.update']);
    expect(audit.every((a) => a.actorId === fx.teacherId && a.entityId)).toBe(true);
    expect(audit[1].oldValue).toMatchObject({ value: '5' });
    expect(audit[1].newValue).toMatchObject({ value: '4' });
    expect(audit[4].oldValue).toMatchObject({ code: 'Н' });
    const lesson = await db.lesson.findUniqueOrThrow({ where: { id: fx.lessonId } });
    expect(lesson.attendanceEnteredAt).not.toBeNull();
  });

  it('clears attendance and an already empty cell; audit rows keep their snapshot shape and UTC times', async () => {
    const startedAt = Date.now();
    expect(await saveCell(teacher, mark({ value: undefined, code: 'УП', comment: 'справка' }))).toMatchObject({ ok: true, attendance: { code: 'УП', version: 1, comment: 'справка' } });
    // An update that names no comment keeps the record's.
    expect(await saveCell(teacher, mark({ value: undefined, code: 'Н', expectedVersion: 1 }))).toMatchObject({ ok: true, attendance: { code: 'Н', version: 2, comment: 'справка' } });
    expect(await saveCell(teacher, mark({ value: undefined, clear: 'attendance', expectedVersion: 2 }))).toEqual({ ok: true, target: 'attendance', attendance: null });
    // Clearing a cell that is still empty is done without a change and without an audit row.
    expect(await saveCell(teacher, mark({ value: undefined, clear: 'mark', expectedVersion: 0 }))).toEqual({ ok: true, target: 'mark', position: 0, mark: null });
    const created = await saveCell(teacher, mark({ position: 1 }));
    expect(await saveCell(teacher, mark({ value: undefined, clear: 'mark', position: 1, expectedVersion: 0 }))).toMatchObject({ ok: false, conflict: { value: '5', version: 1 } });

    const audit = await db.auditLog.findMany({ where: { entityType: { in: ['Mark', 'Attendance'] } }, orderBy: { id: 'asc' } });
    expect(audit.map((a) => a.action)).toEqual(['attendance.create', 'attendance.update', 'attendance.delete', 'mark.create']);
    const cell = { cell: `${fx.lessonId}:${fx.studentIds[0]}`, lessonId: fx.lessonId, studentId: fx.studentIds[0], courseId: fx.courseId };
    expect(audit[0]).toMatchObject({ entityType: 'Attendance', oldValue: null, newValue: { code: 'УП', version: 1, comment: 'справка' }, details: cell, ip: null });
    expect(audit[2]).toMatchObject({ entityId: audit[0].entityId, oldValue: { code: 'Н', version: 2, comment: 'справка' }, newValue: null });
    expect(audit[3]).toMatchObject({ entityType: 'Mark', entityId: String((created as { mark: { id: number } }).mark.id), oldValue: null, details: { ...cell, position: 1 } });
    expect(audit[3].newValue).toEqual((created as { mark: object }).mark);
    const mark1 = await db.mark.findFirstOrThrow();
    for (const at of [audit[0].createdAt, audit[3].createdAt, mark1.createdAt, mark1.updatedAt]) {
      expect(Math.abs(at.getTime() - startedAt)).toBeLessThan(60_000);
    }
  });

  it('a new mark takes the named work type; an update without one keeps it; a foreign work type is refused', async () => {
    const test = await db.workType.create({ data: { schoolId: fx.schoolId, name: 'Контрольная работа', shortName: 'К/р', weight: 2 } });
    expect(await saveCell(teacher, mark({ workTypeId: test.id }))).toMatchObject({ ok: true, mark: { workTypeId: test.id } });
    expect(await saveCell(teacher, mark({ value: '3', expectedVersion: 1 }))).toMatchObject({ ok: true, mark: { workTypeId: test.id, value: '3' } });
    expect(await saveCell(teacher, mark({ studentId: fx.studentIds[1], workTypeId: 999999 }))).toMatchObject({ ok: false, field: 'workTypeId' });
    expect((await db.mark.findFirstOrThrow()).workTypeId).toBe(test.id);
  });

  it('keeps a second mark in the same cell apart by position', async () => {
    await saveCell(teacher, mark());
    expect(await saveCell(teacher, mark({ position: 1, value: '3' }))).toMatchObject({ ok: true, position: 1 });
    expect(await db.mark.count({ where: { lessonId: fx.lessonId, studentId: fx.studentIds[0] } })).toBe(2);
  });
});

describe('idempotency', () => {
  it('a retried save returns the stored result and writes once, also when retries run concurrently', async () => {
    const input = mark();
    const first = await saveCell(teacher, input);
    const again = await saveCell(teacher, input);
    expect(again).toEqual(first);
    const storm = mark({ studentId: fx.studentIds[1] });
    const results = await Promise.all(Array.from({ length: 20 }, () => saveCell(teacher, storm)));
    expect(results.filter((r) => !r.ok)).toEqual([]);
    expect(await db.mark.count()).toBe(2);
    expect(await db.auditLog.count({ where: { action: 'mark.create' } })).toBe(2);
    expect(await db.idempotencyKey.count()).toBe(2);
  });
});

describe('optimistic concurrency', () => {
  it('50 concurrent saves to one empty cell: one success, 49 conflicts naming the value and who set it', async () => {
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => saveCell(teacher, mark({ value: String((i % 5) + 1) }))));
    const wins = results.filter((r) => r.ok);
    const conflicts = results.filter((r) => !r.ok && 'conflict' in r);
    expect(wins).toHaveLength(1);
    expect(conflicts).toHaveLength(49);
    const stored = await db.mark.findFirstOrThrow();
    for (const c of conflicts) expect(c).toMatchObject({ conflict: { value: stored.value, version: 1, updatedBy: expect.stringContaining('Учителева') } });
    expect(await db.auditLog.count({ where: { entityType: 'Mark' } })).toBe(1);
  });

  it('50 concurrent updates of one mark at the same version: one success, 49 conflicts', async () => {
    await saveCell(teacher, mark());
    const results = await Promise.all(Array.from({ length: 50 }, () => saveCell(teacher, mark({ value: '3', expectedVersion: 1 }))));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok && 'conflict' in r)).toHaveLength(49);
    expect((await db.mark.findFirstOrThrow()).version).toBe(2);
  });

  it('a stale save is refused and the cell keeps the newer value', async () => {
    await saveCell(teacher, mark());
    await saveCell(teacher, mark({ value: '4', expectedVersion: 1 }));
    const stale = await saveCell(teacher, mark({ value: '2', expectedVersion: 1 }));
    expect(stale).toMatchObject({ ok: false, conflict: { value: '4', version: 2 } });
    expect((await db.mark.findFirstOrThrow()).value).toBe('4');
  });

  it('1,000 concurrent saves to different cells give exactly 1,000 rows', async () => {
    const pupils = [...fx.studentIds];
    for (let i = pupils.length; i < 20; i++) {
      const id = await createUser(db, fx.schoolId, ['STUDENT'], { lastName: `Ученик${i + 1}` });
      await db.enrollment.create({ data: { schoolId: fx.schoolId, studentId: id, classId: fx.classId, startDate: new Date('2026-09-01T00:00:00Z') } });
      pupils.push(id);
    }
    const lessons = [fx.lessonId];
    for (let d = 2; d <= 10; d++) lessons.push(await createLesson(db, fx, { date: `2026-09-${String(d).padStart(2, '0')}` }));
    const inputs = lessons.flatMap((lessonId) => pupils.flatMap((studentId) => [0, 1, 2, 3, 4].map((position) => mark({ lessonId, studentId, position }))));
    expect(inputs).toHaveLength(1000);
    const results = await Promise.all(inputs.map((i) => saveCell(teacher, i)));
    expect(results.filter((r) => !r.ok)).toEqual([]);
    expect(await db.mark.count()).toBe(1000);
    expect(await db.auditLog.count({ where: { action: 'mark.create' } })).toBe(1000);
  });
});

describe('locked periods and who may write', () => {
  it('a closed period refuses marks and attendance; reopening needs a reason and is audited', async () => {
    await saveCell(teacher, mark());
    const managerId = await createUser(db, fx.schoolId, ['MANAGEMENT']);
    const manager = await actorFor(db, managerId);
    expect(await setPeriodStatus(teacher, fx.studyPeriodId, true, '')).toMatchObject({ ok: false });
    expect(await setPeriodStatus(manager, fx.studyPeriodId, true, '')).toEqual({ ok: true });
    const before = await counts();
    expect(await saveCell(teacher, mark({ value: '3', expectedVersion: 1 }))).toMatchObject({ ok: false, error: expect.stringContaining('закрыт') });
    expect(await saveCell(teacher, mark({ value: undefined, code: 'Н', studentId: fx.studentIds[1] }))).toMatchObject({ ok: false, error: expect.stringContaining('закрыт') });
    expect(await saveCell(teacher, mark({ value: undefined, clear: 'mark', expectedVersion: 1 }))).toMatchObject({ ok: false });
    expect(await counts()).toEqual(before);
    expect(await setPeriodStatus(manager, fx.studyPeriodId, false, '')).toMatchObject({ ok: false, field: 'reason' });
    expect(await setPeriodStatus(manager, fx.studyPeriodId, false, 'Исправление ошибки по заявлению')).toEqual({ ok: true });
    const reopen = await db.auditLog.findFirstOrThrow({ where: { action: 'period.reopen' } });
    expect(reopen.details).toMatchObject({ reason: 'Исправление ошибки по заявлению' });
    expect(await saveCell(teacher, mark({ value: '3', expectedVersion: 1 }))).toMatchObject({ ok: true });
  });

  it('a save in flight while the period is being closed waits for the close and is refused', async () => {
    let pending: Promise<unknown> | undefined;
    await db.$transaction(async (tx) => {
      await tx.$executeRaw`UPDATE study_periods SET status = 'CLOSED' WHERE id = ${fx.studyPeriodId}`;
      pending = saveCell(teacher, mark());
      // Long enough for the save to reach its write and wait on the period row.
      await new Promise((r) => setTimeout(r, 300));
    });
    expect(await pending).toMatchObject({ ok: false, error: expect.stringContaining('закрыт') });
    expect(await db.mark.count()).toBe(0);
  });

  it('a teacher cannot write another teacher’s course but can write the lesson they substitute', async () => {
    const subId = await createUser(db, fx.schoolId, ['TEACHER'], { lastName: 'Заменова' });
    const sub = await actorFor(db, subId);
    const substituted = await db.lesson.create({
      data: { schoolId: fx.schoolId, courseId: fx.courseId, teacherId: subId, isSubstitution: true, date: new Date('2026-09-03T00:00:00Z'), slot: 2 },
    });
    expect(await saveCell(sub, mark())).toMatchObject({ ok: false, error: expect.stringContaining('другой учитель') });
    expect(await saveCell(sub, mark({ lessonId: substituted.id }))).toMatchObject({ ok: true });
    const audit = await db.auditLog.findFirstOrThrow({ where: { action: 'mark.create' } });
    expect(audit.actorId).toBe(subId);
  });
});
