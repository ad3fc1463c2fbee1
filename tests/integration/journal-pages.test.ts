// The journal's read side and its other writes: the grid (fixed query count, enrollment dates,
// figures), final marks, lessons and homework, deadlines (lessons never opened included, and
// management's page of them), and the class teacher's overview.
import { randomUUID } from 'node:crypto';
import { renderToStaticMarkup } from 'react-dom/server';
import { beforeEach, describe, expect, it } from 'vitest';
import { resetDb, testDb } from '../support/db';
import { sqlStatements } from '../support/sql-statements';
import { createGradingScale, createLesson, createMark, createSchoolFixture, createUser, day, enroll, type SchoolFixture } from '../support/fixtures';
import { actorFor } from '../support/actors';
import { signInForRequest } from '../support/request-session';
import type { TimetableChangeKind } from '@/lib/generated/prisma/enums';
import type { Actor } from '@/lib/auth/actor';
import { loadJournalGrid } from '@/lib/data/journal/grid';
import { saveCell } from '@/lib/data/journal/save-cell';
import { publishFinalMarks, setFinalMark } from '@/lib/data/journal/final-marks';
import { setPeriodStatus } from '@/lib/data/journal/periods';
import { confirmAttendance, openLesson, recordNoHomework, updateLesson } from '@/lib/data/journal/lessons';
import { diaryWeek } from '@/lib/data/diary/week';
import { lessonDetails } from '@/lib/data/journal/lesson-details';
import { addAttachment, deleteAttachment, deleteHomework, saveHomework } from '@/lib/data/journal/homework';
import { overdueItems, type OverdueItem } from '@/lib/data/journal/deadlines';
import { overdueReport } from '@/lib/data/journal/overdue-report';
import OverduePage from '@/app/(journal)/journal/overdue/page';
import { classOverview } from '@/lib/data/journal/class-overview';
import { cellHistory } from '@/lib/data/journal/history';

const db = testDb();
let fx: SchoolFixture;
let teacher: Actor;
const NOW = new Date('2026-10-01T09:00:00Z');

const save = (a: Actor, lessonId: number, studentId: number, value: string, expectedVersion = 0) =>
  saveCell(a, { idempotencyKey: randomUUID(), lessonId, studentId, position: 0, value, expectedVersion });

async function addPupils(n: number) {
  const ids: number[] = [];
  for (let i = 0; i < n; i++) {
    const id = await createUser(db, fx.schoolId, ['STUDENT'], { lastName: `Яковлев${i}`, firstName: 'Илья' });
    await enroll(db, fx.schoolId, id, fx.classId, '2026-09-01');
    ids.push(id);
  }
  return ids;
}

const countQueries = async (fn: () => Promise<unknown>) => (await sqlStatements(fn)).length;

beforeEach(async () => {
  await resetDb();
  fx = await createSchoolFixture(db, { pupils: 3 });
  teacher = await actorFor(db, fx.teacherId);
});

describe('the journal grid', () => {
  it('loads in the same number of SQL statements for 3 pupils × 1 lesson and 30 pupils × 40 lessons', async () => {
    const small = await countQueries(() => loadJournalGrid(teacher, fx.courseId, fx.studyPeriodId, NOW));
    const pupils = [...fx.studentIds, ...(await addPupils(27))];
    const lessons = [fx.lessonId];
    for (let i = 1; i < 40; i++) lessons.push(await createLesson(db, fx, { date: `2026-09-${String(2 + (i % 28)).padStart(2, '0')}`, slot: 1 + Math.floor(i / 28) + 1 }));
    await Promise.all(lessons.flatMap((l) => pupils.slice(0, 10).map((p) => save(teacher, l, p, '4'))));
    const large = await countQueries(() => loadJournalGrid(teacher, fx.courseId, fx.studyPeriodId, NOW));
    expect(large).toBe(small);
    expect(small).toBeGreaterThanOrEqual(8);
    expect(large).toBeLessThanOrEqual(12);
    console.log(`grid SQL statements: ${small} (3 pupils, 1 lesson) vs ${large} (30 pupils, 40 lessons)`);
    const grid = await loadJournalGrid(teacher, fx.courseId, fx.studyPeriodId, NOW);
    expect(grid?.pupils).toHaveLength(30);
    expect(grid?.lessons).toHaveLength(40);
    expect(Object.keys(grid!.cells)).toHaveLength(400);
  });

  it('sorts pupils, keeps leavers and newcomers with their dates, computes figures and the default period', async () => {
    await db.enrollment.updateMany({ where: { studentId: fx.studentIds[2] }, data: { endDate: day('2026-09-15') } });
    const late = (await addPupils(1))[0];
    await db.enrollment.updateMany({ where: { studentId: late }, data: { startDate: day('2026-10-01') } });
    const l2 = await createLesson(db, fx, { date: '2026-09-02' });
    await save(teacher, fx.lessonId, fx.studentIds[0], '5');
    await save(teacher, l2, fx.studentIds[0], '4');
    const grid = (await loadJournalGrid(teacher, fx.courseId, undefined, NOW))!;
    expect(grid.period.id).toBe(fx.studyPeriodId);
    expect(grid.pupils.map((p) => p.name)).toEqual(['Ученик1 Пётр', 'Ученик2 Пётр', 'Ученик3 Пётр', 'Яковлев0 Илья']);
    expect(grid.pupils[2].ranges).toEqual([{ startDate: '2026-09-01', endDate: '2026-09-15' }]);
    expect(grid.pupils[3].ranges[0].startDate).toBe('2026-10-01');
    expect(grid.pupils[0]).toMatchObject({ count: 2, average: '4,50', weightedAverage: '4,50', forecast: '—' });
    expect(grid.course.writable).toBe(true);
  });

  it('offers no cell of a lesson opened ahead of its day: marks and absences wait until it is held', async () => {
    const ahead = await createLesson(db, fx, { date: '2026-10-20' });
    const grid = (await loadJournalGrid(teacher, fx.courseId, fx.studyPeriodId, new Date('2026-10-19T09:00:00Z')))!;
    expect(grid.lessons.find((l) => l.id === ahead)).toMatchObject({ writable: true, notHeld: true });
    expect(grid.lessons.find((l) => l.id === fx.lessonId)).toMatchObject({ notHeld: false });
    // The lesson page's «Все присутствуют» waits too.
    expect((await lessonDetails(teacher, ahead, new Date('2026-10-19T09:00:00Z')))?.notHeld).toBe(true);
    expect((await lessonDetails(teacher, ahead, new Date('2026-10-20T09:00:00Z')))?.notHeld).toBe(false);
  });

  it('another teacher does not see the course; a substitute sees it and may write only their lesson', async () => {
    const otherId = await createUser(db, fx.schoolId, ['TEACHER'], { lastName: 'Другая' });
    const other = await actorFor(db, otherId);
    expect(await loadJournalGrid(other, fx.courseId, undefined, NOW)).toBeNull();
    const sub = await db.lesson.create({ data: { schoolId: fx.schoolId, courseId: fx.courseId, teacherId: otherId, isSubstitution: true, date: day('2026-09-03'), slot: 3 } });
    const grid = (await loadJournalGrid(other, fx.courseId, undefined, NOW))!;
    expect(grid.course.writable).toBe(false);
    expect(grid.lessons.find((l) => l.id === sub.id)?.writable).toBe(true);
    expect(grid.lessons.find((l) => l.id === fx.lessonId)?.writable).toBe(false);
  });

  it('shows a cell’s history with who and what', async () => {
    await save(teacher, fx.lessonId, fx.studentIds[0], '3');
    await save(teacher, fx.lessonId, fx.studentIds[0], '4', 1);
    const history = await cellHistory(teacher, fx.lessonId, fx.studentIds[0]);
    expect(history?.map((h) => [h.action, h.before, h.after])).toEqual([['Отметка изменена', '3', '4'], ['Отметка выставлена', null, '3']]);
    expect(history?.[0].who).toBe('Учителева Мария');
    // Times are on the school's clock: a school in Yekaterinburg (UTC+5) reads its own time.
    const changed = await db.auditLog.findFirstOrThrow({ where: { schoolId: fx.schoolId, action: 'mark.update' }, orderBy: { id: 'desc' } });
    await db.school.update({ where: { id: fx.schoolId }, data: { timezone: 'Asia/Yekaterinburg' } });
    try {
      const east = await cellHistory(await actorFor(db, teacher.id), fx.lessonId, fx.studentIds[0]);
      const local = new Date(changed.createdAt.getTime() + 5 * 3_600_000).toISOString();
      expect(east?.[0].at).toBe(`${local.slice(8, 10)}.${local.slice(5, 7)}.${local.slice(0, 4)}, ${local.slice(11, 16)}`);
    } finally {
      await db.school.update({ where: { id: fx.schoolId }, data: { timezone: 'Europe/Moscow' } });
    }
    const parent = await actorFor(db, fx.parentId);
    expect(await cellHistory(parent, fx.lessonId, fx.studentIds[0])).toBeNull();
  });
});

describe('final marks', () => {
  it('set, publish with the visibility delay, audit every change; a closed period locks them', async () => {
    await db.school.update({ where: { id: fx.schoolId }, data: { resultVisibilityHours: 24 } });
    const t = { courseId: fx.courseId, periodId: fx.studyPeriodId };
    expect(await setFinalMark(teacher, t, { studentId: fx.studentIds[0], kind: 'value', value: '6', expectedVersion: 0 })).toMatchObject({ ok: false, field: 'value' });
    expect(await setFinalMark(teacher, t, { studentId: fx.studentIds[0], kind: 'value', value: '5', expectedVersion: 0 })).toEqual({ ok: true, version: 1, changed: true });
    expect(await setFinalMark(teacher, t, { studentId: fx.studentIds[1], kind: 'special', special: 'NOT_ATTESTED', expectedVersion: 0 })).toMatchObject({ ok: true });
    expect(await setFinalMark(teacher, t, { studentId: fx.studentIds[2], kind: 'deferral', until: '2026-10-20', reason: 'болезнь', expectedVersion: 0 })).toMatchObject({ ok: false, field: 'until' });
    expect(await setFinalMark(teacher, t, { studentId: fx.studentIds[2], kind: 'deferral', until: '2026-11-20', reason: 'болезнь', expectedVersion: 0 })).toMatchObject({ ok: true });
    expect(await setFinalMark(teacher, t, { studentId: fx.studentIds[0], kind: 'value', value: '4', expectedVersion: 0 })).toMatchObject({ ok: false });

    const at = new Date('2026-10-26T10:00:00Z');
    expect(await publishFinalMarks(teacher, t, at)).toMatchObject({ ok: true, published: 3, visibleFrom: '2026-10-27T10:00:00.000Z' });
    const published = await db.finalMark.findMany({ where: { status: 'PUBLISHED' } });
    expect(published).toHaveLength(3);
    expect(published.every((f) => f.visibleFrom?.toISOString() === '2026-10-27T10:00:00.000Z')).toBe(true);
    expect(await db.auditLog.count({ where: { entityType: 'FinalMark' } })).toBe(6);

    const managerId = await createUser(db, fx.schoolId, ['MANAGEMENT']);
    await setPeriodStatus(await actorFor(db, managerId), fx.studyPeriodId, true, '');
    expect(await setFinalMark(teacher, t, { studentId: fx.studentIds[0], kind: 'value', value: '4', expectedVersion: 2 })).toMatchObject({ ok: false, error: expect.stringContaining('закрыт') });
    expect((await db.finalMark.findFirstOrThrow({ where: { studentId: fx.studentIds[0] } })).value).toBe('5');
  });

  it('closing only the school year freezes the year\'s term final marks and the grid; reopening it frees them', async () => {
    const year = await db.studyPeriod.create({ data: { schoolId: fx.schoolId, academicYearId: fx.academicYearId, kind: 'YEAR', name: 'Год', ordinal: 9, startDate: day('2026-09-01'), endDate: day('2027-05-31') } });
    const t = { courseId: fx.courseId, periodId: fx.studyPeriodId };
    const mark = (studentId: number, value: string) => setFinalMark(teacher, t, { studentId, kind: 'value', value, expectedVersion: 0 });
    expect(await mark(fx.studentIds[0], '5')).toMatchObject({ ok: true });
    const manager = await actorFor(db, await createUser(db, fx.schoolId, ['MANAGEMENT']));
    expect(await setPeriodStatus(manager, year.id, true, '')).toEqual({ ok: true });

    const closed = { ok: false, error: 'Учебный период закрыт: изменения возможны только после его открытия администрацией' };
    expect(await mark(fx.studentIds[1], '4')).toEqual(closed);
    expect(await publishFinalMarks(teacher, t)).toEqual(closed);
    expect(await save(teacher, fx.lessonId, fx.studentIds[1], '4')).toMatchObject({ ok: false, error: closed.error });
    expect(await db.finalMark.findMany({ select: { studentId: true, status: true } })).toEqual([{ studentId: fx.studentIds[0], status: 'DRAFT' }]);
    // The teacher sees the quarter closed rather than a grid whose every save is refused.
    expect((await loadJournalGrid(teacher, fx.courseId, fx.studyPeriodId, NOW))!.period.status).toBe('CLOSED');

    expect(await setPeriodStatus(manager, year.id, false, 'исправление итогов')).toEqual({ ok: true });
    expect(await mark(fx.studentIds[1], '4')).toMatchObject({ ok: true });
    expect((await loadJournalGrid(teacher, fx.courseId, fx.studyPeriodId, NOW))!.period.status).toBe('OPEN');
  });

  it('a school with 0 hours shows results at once; another teacher cannot set them', async () => {
    await db.school.update({ where: { id: fx.schoolId }, data: { resultVisibilityHours: 0 } });
    const t = { courseId: fx.courseId, periodId: fx.studyPeriodId };
    await setFinalMark(teacher, t, { studentId: fx.studentIds[0], kind: 'value', value: '5', expectedVersion: 0 });
    const at = new Date('2026-10-26T10:00:00Z');
    expect(await publishFinalMarks(teacher, t, at)).toMatchObject({ visibleFrom: at.toISOString() });
    const other = await actorFor(db, await createUser(db, fx.schoolId, ['TEACHER']));
    expect(await setFinalMark(other, t, { studentId: fx.studentIds[1], kind: 'value', value: '5', expectedVersion: 0 })).toMatchObject({ ok: false });
  });
});

describe('lessons and homework', () => {
  it('a lesson the course’s teacher opened in advance passes to the substitute recorded afterwards', async () => {
    const opened = await openLesson(teacher, { courseId: fx.courseId, date: '2026-09-15', slot: 3 });
    const lessonId = (opened as { lessonId: number }).lessonId;
    const subId = await createUser(db, fx.schoolId, ['TEACHER'], { lastName: 'Заменова' });
    await db.timetableChange.create({ data: { schoolId: fx.schoolId, courseId: fx.courseId, date: day('2026-09-15'), slot: 3, kind: 'SUBSTITUTION', substituteTeacherId: subId } });
    const sub = await actorFor(db, subId);
    expect(await openLesson(sub, { courseId: fx.courseId, date: '2026-09-15', slot: 3 })).toEqual({ ok: true, lessonId });
    expect(await db.lesson.findUniqueOrThrow({ where: { id: lessonId } })).toMatchObject({ teacherId: subId, isSubstitution: true });
    expect(await save(sub, lessonId, fx.studentIds[0], '5')).toMatchObject({ ok: true });
    expect(await db.auditLog.findFirst({ where: { action: 'lesson.update', entityId: String(lessonId) } })).toMatchObject({ actorId: subId, oldValue: { teacherId: fx.teacherId, isSubstitution: false } });
  });

  it('a removed substitution gives the lesson back to the co-teacher who had it, or else to the course\'s lowest-id primary teacher', async () => {
    // Two primary teachers (co-teachers are primary by default); the second one's row comes first on disk.
    const coId = await createUser(db, fx.schoolId, ['TEACHER'], { lastName: 'Соучителева' });
    await db.courseTeacher.delete({ where: { courseId_teacherId: { courseId: fx.courseId, teacherId: fx.teacherId } } });
    await db.courseTeacher.create({ data: { schoolId: fx.schoolId, courseId: fx.courseId, teacherId: coId } });
    await db.courseTeacher.create({ data: { schoolId: fx.schoolId, courseId: fx.courseId, teacherId: fx.teacherId } });
    expect(fx.teacherId).toBeLessThan(coId);
    const co = await actorFor(db, coId);
    const subId = await createUser(db, fx.schoolId, ['TEACHER'], { lastName: 'Заменова' });
    const edit = (lessonId: number, substituteTeacherId: number | null, expectedVersion: number) =>
      updateLesson(co, lessonId, { topic: null, plannedTopicId: null, lessonKind: 'LESSON', plannedTest: false, substituteTeacherId, expectedVersion });
    const teacherOf = async (id: number) => (await db.lesson.findUniqueOrThrow({ where: { id } })).teacherId;

    // The co-teacher's own lesson: a substitute is entered, then removed — it is hers again.
    const own = ((await openLesson(co, { courseId: fx.courseId, date: '2026-09-16', slot: 2 })) as { lessonId: number }).lessonId;
    expect(await edit(own, subId, 1)).toMatchObject({ ok: true });
    expect(await teacherOf(own)).toBe(subId);
    expect(await edit(own, null, 2)).toMatchObject({ ok: true });
    expect(await db.lesson.findUniqueOrThrow({ where: { id: own } })).toMatchObject({ teacherId: coId, isSubstitution: false });

    // Opened by the substitute from the timetable's change: nobody had it before, so the lowest id.
    await db.timetableChange.create({ data: { schoolId: fx.schoolId, courseId: fx.courseId, date: day('2026-09-17'), slot: 2, kind: 'SUBSTITUTION', substituteTeacherId: subId } });
    const opened = ((await openLesson(await actorFor(db, subId), { courseId: fx.courseId, date: '2026-09-17', slot: 2 })) as { lessonId: number }).lessonId;
    expect(await teacherOf(opened)).toBe(subId);
    expect(await edit(opened, null, 1)).toMatchObject({ ok: true });
    expect(await teacherOf(opened)).toBe(fx.teacherId);
    expect(await db.auditLog.findFirst({ where: { action: 'lesson.update', entityId: String(opened) } })).toMatchObject({ actorId: coId, oldValue: { teacherId: subId }, newValue: { teacherId: fx.teacherId, isSubstitution: false } });
  });

  it('opens a lesson (the substitute’s when a substitution is recorded), edits it and offers the next КТП topic', async () => {
    await db.plannedTopic.createMany({ data: [1, 2].map((ordinal) => ({ schoolId: fx.schoolId, courseId: fx.courseId, ordinal, title: `Тема ${ordinal}` })) });
    const subId = await createUser(db, fx.schoolId, ['TEACHER'], { lastName: 'Заменова' });
    await db.timetableChange.create({ data: { schoolId: fx.schoolId, courseId: fx.courseId, date: day('2026-09-10'), slot: 2, kind: 'SUBSTITUTION', substituteTeacherId: subId } });
    const sub = await actorFor(db, subId);
    const opened = await openLesson(sub, { courseId: fx.courseId, date: '2026-09-10', slot: 2 });
    expect(opened).toMatchObject({ ok: true });
    const row = await db.lesson.findUniqueOrThrow({ where: { id: (opened as { lessonId: number }).lessonId } });
    expect(row).toMatchObject({ teacherId: subId, isSubstitution: true });
    expect(await openLesson(sub, { courseId: fx.courseId, date: '2026-09-11', slot: 2 })).toMatchObject({ ok: false });

    const details = (await lessonDetails(teacher, fx.lessonId))!;
    expect(details.nextTopic?.title).toBe('Тема 1');
    const topic = details.topics[0];
    expect(await updateLesson(teacher, fx.lessonId, { topic: topic.title, plannedTopicId: topic.id, lessonKind: 'TEST', plannedTest: true, substituteTeacherId: null, expectedVersion: details.version })).toMatchObject({ ok: true, version: details.version + 1 });
    expect((await lessonDetails(teacher, row.id))!.nextTopic?.title).toBe('Тема 2');
    expect(await updateLesson(teacher, fx.lessonId, { topic: 'x', plannedTopicId: null, lessonKind: 'LESSON', plannedTest: false, substituteTeacherId: null, expectedVersion: details.version })).toMatchObject({ ok: false });
    expect(await db.auditLog.count({ where: { action: 'lesson.update' } })).toBe(1);
  });

  it('class and individual homework with a checked attachment', async () => {
    const r = await saveHomework(teacher, fx.lessonId, { text: '§5, упр. 3', dueDate: '2026-09-03', studentIds: [], replaces: null });
    expect(r).toMatchObject({ ok: true });
    expect(await saveHomework(teacher, fx.lessonId, { text: 'Карточка', dueDate: null, studentIds: [fx.studentIds[1]], replaces: null })).toMatchObject({ ok: true });
    const outsider = await createUser(db, fx.schoolId, ['STUDENT']);
    expect(await saveHomework(teacher, fx.lessonId, { text: 'x', dueDate: null, studentIds: [outsider], replaces: null })).toMatchObject({ ok: false });
    const hwId = (r as { ids: number[] }).ids[0];
    expect(await addAttachment(teacher, hwId, 'task.pdf', new TextEncoder().encode('%PDF-1.4 …'))).toMatchObject({ ok: true });
    expect(await addAttachment(teacher, hwId, 'task.pdf', new Uint8Array([0x4d, 0x5a]))).toMatchObject({ ok: false });
    const details = (await lessonDetails(teacher, fx.lessonId))!;
    expect(details.classHomework[0]).toMatchObject({ text: '§5, упр. 3', dueDate: '2026-09-03', attachments: [{ fileName: 'task.pdf' }] });
    expect(details.individualHomework[0]).toMatchObject({ text: 'Карточка', pupil: 'Ученик2 Пётр' });
  });

  it('a class assignment saved meanwhile by someone else is not replaced unseen', async () => {
    expect(await saveHomework(teacher, fx.lessonId, { text: '§5', dueDate: null, studentIds: [], replaces: null })).toMatchObject({ ok: true });
    const seen = (await lessonDetails(teacher, fx.lessonId))!.classHomework[0].seen;
    // Another tab (or the substitute) saves over it, knowing what it replaces.
    expect(await saveHomework(teacher, fx.lessonId, { text: '§6', dueDate: null, studentIds: [], replaces: seen })).toMatchObject({ ok: true });
    // The first page, still showing §5, is refused, and so is a page that saw no assignment at all.
    const refused = { ok: false, field: 'text', error: expect.stringContaining('уже изменил другой учитель') };
    expect(await saveHomework(teacher, fx.lessonId, { text: '§5 и §6', dueDate: null, studentIds: [], replaces: seen })).toMatchObject(refused);
    expect(await saveHomework(teacher, fx.lessonId, { text: 'Новое', dueDate: null, studentIds: [], replaces: null })).toMatchObject(refused);
    expect(await db.homework.findMany({ where: { lessonId: fx.lessonId, studentId: null }, select: { text: true } })).toEqual([{ text: '§6' }]);
  });

  it('a closed period refuses «all present», homework files and deletions, and keeps everything', async () => {
    const hwId = ((await saveHomework(teacher, fx.lessonId, { text: '§5', dueDate: null, studentIds: [], replaces: null })) as { ids: number[] }).ids[0];
    const file = (await addAttachment(teacher, hwId, 'task.pdf', new TextEncoder().encode('%PDF-1.4 …'))) as { id: number };
    await setPeriodStatus(await actorFor(db, await createUser(db, fx.schoolId, ['MANAGEMENT'])), fx.studyPeriodId, true, '');
    const closed = { ok: false, error: expect.stringContaining('закрыт') };
    expect(await confirmAttendance(teacher, fx.lessonId)).toMatchObject(closed);
    expect(await addAttachment(teacher, hwId, 'more.pdf', new TextEncoder().encode('%PDF-1.4 …'))).toMatchObject(closed);
    expect(await deleteAttachment(teacher, file.id)).toMatchObject(closed);
    expect(await deleteHomework(teacher, hwId)).toMatchObject(closed);
    expect(await recordNoHomework(teacher, fx.lessonId)).toMatchObject(closed);
    expect((await db.lesson.findUniqueOrThrow({ where: { id: fx.lessonId } })).noHomeworkAt).toBeNull();
    expect((await db.lesson.findUniqueOrThrow({ where: { id: fx.lessonId } })).attendanceEnteredAt).toBeNull();
    expect(await db.homeworkAttachment.count({ where: { homeworkId: hwId } })).toBe(1);
    expect(await db.homework.count({ where: { id: hwId } })).toBe(1);
  });
});

describe('deadlines and the class overview', () => {
  it('flags a lesson without topic, attendance and homework for the teacher and for management', async () => {
    await db.lesson.update({ where: { id: fx.lessonId }, data: { topic: null } });
    const mine = await overdueItems(teacher, { scope: 'mine', from: '2026-09-01', to: '2026-09-30', now: NOW });
    expect(mine?.map((i) => i.rule).sort()).toEqual(['attendance', 'homework', 'topic']);
    expect(await overdueItems(teacher, { scope: 'school', from: '2026-09-01', to: '2026-09-30', now: NOW })).toBeNull();
    const manager = await actorFor(db, await createUser(db, fx.schoolId, ['MANAGEMENT']));
    const school = await overdueItems(manager, { scope: 'school', from: '2026-09-01', to: '2026-09-30', now: NOW });
    expect(school).toHaveLength(3);
    expect(school?.[0]).toMatchObject({ teacherName: 'Учителева Мария', courseTitle: 'Математика, 5А' });
  });

  it('«домашнее задание не задано» is homework information: on the lesson day it meets the deadline, later it is late', async () => {
    const homeworkFlag = async () => (await overdueItems(teacher, { scope: 'mine', from: '2026-09-01', to: '2026-09-30', now: NOW }))?.find((i) => i.rule === 'homework');
    expect(await homeworkFlag()).toMatchObject({ status: 'missing' });
    const parent = await actorFor(db, fx.parentId);
    const diaryLesson = async () => (await diaryWeek(parent, fx.studentIds[0], '2026-09-01', NOW))!.days.flatMap((d) => d.lessons).find((l) => l.lessonId === fx.lessonId)!;
    expect((await diaryLesson()).noHomework).toBe(false);

    const other = await actorFor(db, await createUser(db, fx.schoolId, ['TEACHER'], { lastName: 'Другая' }));
    expect(await recordNoHomework(other, fx.lessonId)).toMatchObject({ ok: false });
    expect(await recordNoHomework(teacher, fx.lessonId)).toMatchObject({ ok: true });
    expect((await lessonDetails(teacher, fx.lessonId))!.noHomework).toBe(true);
    // Recorded today, a month after the lesson: late.
    expect(await homeworkFlag()).toMatchObject({ status: 'late' });
    // Recorded on the lesson day (09:00 Moscow): in time, no flag; families read «не задано».
    await db.lesson.update({ where: { id: fx.lessonId }, data: { noHomeworkAt: new Date('2026-09-01T06:00:00Z') } });
    expect(await homeworkFlag()).toBeUndefined();
    expect((await diaryLesson()).noHomework).toBe(true);
    // An assignment given after all replaces «не задано» in the diary.
    await saveHomework(teacher, fx.lessonId, { text: '§7', dueDate: null, studentIds: [], replaces: null });
    expect(await diaryLesson()).toMatchObject({ noHomework: false, homework: [{ text: '§7' }] });
  });

  it('gives the class teacher averages, finals and attendance for all subjects; others get nothing', async () => {
    await save(teacher, fx.lessonId, fx.studentIds[0], '5');
    await saveCell(teacher, { idempotencyKey: randomUUID(), lessonId: fx.lessonId, studentId: fx.studentIds[1], code: 'Б', expectedVersion: 0 });
    const view = (await classOverview(teacher, fx.classId, undefined, NOW))!;
    expect(view.className).toBe('5А');
    expect(view.rows[0].cells[fx.courseId]).toMatchObject({ count: 1, weighted: '5,00' });
    expect(view.rows[1].absences).toMatchObject({ Б: 1 });
    const other = await actorFor(db, await createUser(db, fx.schoolId, ['TEACHER']));
    expect(await classOverview(other, fx.classId, undefined, NOW)).toBeNull();
  });
});

describe('the class overview’s overall average', () => {
  it('averages five-point marks only: a ten-point course’s «10» is not a «10» on the five-point scale', async () => {
    const subject = await db.subject.create({ data: { schoolId: fx.schoolId, name: 'Информатика', shortName: 'Инф' } });
    const tenPoint = await db.course.create({
      data: { schoolId: fx.schoolId, academicYearId: fx.academicYearId, subjectId: subject.id, classId: fx.classId, gradingScaleId: await createGradingScale(db, fx.schoolId, 'TEN_POINT') },
    });
    const ten = { ...fx, courseId: tenPoint.id };
    await createMark(db, fx, { value: '4' });
    await createMark(db, { ...ten, lessonId: await createLesson(db, ten, { date: '2026-09-02' }) }, { value: '10' });
    const view = (await classOverview(teacher, fx.classId, undefined, NOW))!;
    expect(view.rows[0].cells[tenPoint.id]).toMatchObject({ count: 1, weighted: '10,00' });
    expect(view.rows[0].overall).toBe('4,00');
  });
});

describe('timetabled lessons never opened in the journal', () => {
  // Weekdays of the fixture's first quarter (1 September – 25 October 2026); NOW is Thursday 1 October.
  const RANGE = { from: '2026-09-14', to: '2026-10-01', now: NOW };
  const entry = (weekday: number, slot: number) =>
    db.timetableEntry.create({ data: { schoolId: fx.schoolId, academicYearId: fx.academicYearId, courseId: fx.courseId, weekday, slot, validFrom: day('2026-09-01') } });
  const change = (c: { date: string; slot: number; kind: TimetableChangeKind; substituteTeacherId?: number; newDate?: string; newSlot?: number }) =>
    db.timetableChange.create({
      data: { schoolId: fx.schoolId, courseId: fx.courseId, date: day(c.date), slot: c.slot, kind: c.kind, substituteTeacherId: c.substituteTeacherId, newDate: c.newDate ? day(c.newDate) : null, newSlot: c.newSlot },
    });
  /** 'date:slot' of the lessons flagged as never opened, newest first. */
  const unopened = (items: OverdueItem[] | null) => [...new Set((items ?? []).filter((i) => i.lessonId === null).map((i) => `${i.date}:${i.slot}`))];
  const management = async () => actorFor(db, await createUser(db, fx.schoolId, ['MANAGEMENT'], { lastName: 'Директорова', firstName: 'Дарья' }));

  it('flags a past study day’s lesson for its teacher and for management; a lesson row from anyone ends the flag', async () => {
    await entry(2, 1); // Tuesdays: 15, 22 and 29 September
    const mine = await overdueItems(teacher, { scope: 'mine', ...RANGE });
    expect(unopened(mine)).toEqual(['2026-09-29:1', '2026-09-22:1', '2026-09-15:1']);
    expect(mine?.filter((i) => i.date === '2026-09-29').map((i) => [i.rule, i.status, i.text])).toEqual([
      ['topic', 'missing', 'Тема урока не внесена'],
      ['attendance', 'missing', 'Отсутствующие не отмечены'],
      ['homework', 'missing', 'Домашнее задание не внесено'],
    ]);
    expect(mine?.[0]).toMatchObject({ lessonId: null, courseId: fx.courseId, courseTitle: 'Математика, 5А', teacherId: fx.teacherId, teacherName: 'Учителева Мария' });
    const school = await overdueItems(await management(), { scope: 'school', ...RANGE });
    expect(unopened(school)).toEqual(['2026-09-29:1', '2026-09-22:1', '2026-09-15:1']);
    expect(school?.every((i) => i.teacherName === 'Учителева Мария')).toBe(true);

    // Opened late: the lesson now has a row, and the per-entry rules speak for it.
    const opened = (await openLesson(teacher, { courseId: fx.courseId, date: '2026-09-29', slot: 1 })) as { ok: true; lessonId: number };
    expect(opened.ok).toBe(true);
    // Recorded by another teacher (a substitution written with the lesson): held all the same.
    const otherId = await createUser(db, fx.schoolId, ['TEACHER']);
    await db.lesson.create({ data: { schoolId: fx.schoolId, courseId: fx.courseId, teacherId: otherId, isSubstitution: true, date: day('2026-09-22'), slot: 1, topic: 'Дроби' } });
    const after = await overdueItems(teacher, { scope: 'mine', ...RANGE });
    expect(unopened(after)).toEqual(['2026-09-15:1']);
    expect(after?.filter((i) => i.date === '2026-09-29').map((i) => [i.lessonId, i.rule])).toEqual([
      [opened.lessonId, 'topic'], [opened.lessonId, 'attendance'], [opened.lessonId, 'homework'],
    ]);
  });

  it('skips holidays, today, cancelled and moved-away lessons; a moved lesson is due at its new date once passed', async () => {
    await entry(1, 2); // Mondays: 14, 21, 28 September
    await entry(4, 3); // Thursdays: 17, 24 September, 1 October (today)
    await db.holiday.createMany({
      data: [
        { schoolId: fx.schoolId, academicYearId: fx.academicYearId, name: 'День здоровья', startDate: day('2026-09-21'), endDate: day('2026-09-21') },
        // Only the first graders rest: the fifth grade studies.
        { schoolId: fx.schoolId, academicYearId: fx.academicYearId, name: 'Каникулы первоклассников', startDate: day('2026-09-14'), endDate: day('2026-09-14'), gradeLevels: [1] },
      ],
    });
    await change({ date: '2026-09-28', slot: 2, kind: 'CANCELLED' });
    await change({ date: '2026-09-17', slot: 3, kind: 'MOVED', newDate: '2026-09-19', newSlot: 4 });
    await change({ date: '2026-09-24', slot: 3, kind: 'MOVED', newDate: '2026-10-01', newSlot: 5 });
    expect(unopened(await overdueItems(teacher, { scope: 'mine', ...RANGE }))).toEqual(['2026-09-19:4', '2026-09-14:2']);
    // Late in the evening of 1 October today's lessons are still in time, although the homework
    // deadline of an opened lesson (2 hours after the last bell, 13:25) would have passed.
    const bells = await db.bellSchedule.create({ data: { schoolId: fx.schoolId, name: 'Основное', isDefault: true } });
    await db.bellSlot.createMany({ data: [1, 2, 3, 4, 5].map((slot) => ({ schoolId: fx.schoolId, bellScheduleId: bells.id, slot, startMinute: 480 + (slot - 1) * 55, endMinute: 525 + (slot - 1) * 55 })) });
    const evening = await overdueItems(teacher, { scope: 'mine', ...RANGE, now: new Date('2026-10-01T20:00:00Z') });
    expect(unopened(evening)).toEqual(['2026-09-19:4', '2026-09-14:2']);
    // The next day they are due.
    const nextDay = await overdueItems(teacher, { scope: 'mine', from: RANGE.from, to: '2026-10-02', now: new Date('2026-10-02T09:00:00Z') });
    expect(unopened(nextDay)).toEqual(['2026-10-01:3', '2026-10-01:5', '2026-09-19:4', '2026-09-14:2']);
  });

  it('outside the terms nothing is due', async () => {
    await entry(1, 2);
    await db.studyPeriod.create({
      data: { schoolId: fx.schoolId, academicYearId: fx.academicYearId, schemeId: fx.periodSchemeId, name: '2 четверть', ordinal: 2, startDate: day('2026-11-09'), endDate: day('2026-12-27') },
    });
    // Mondays 19 and 26 October, 2 and 9 November: the first quarter ends on 25 October.
    const items = await overdueItems(teacher, { scope: 'mine', from: '2026-10-19', to: '2026-11-10', now: new Date('2026-11-10T09:00:00Z') });
    expect(unopened(items)).toEqual(['2026-11-09:2', '2026-10-19:2']);
  });

  it('a substitution is due from the substitute, not from the course’s teacher', async () => {
    await entry(4, 3); // Thursdays: 17, 24 September
    const subId = await createUser(db, fx.schoolId, ['TEACHER'], { lastName: 'Заменова', firstName: 'Зоя' });
    await change({ date: '2026-09-24', slot: 3, kind: 'SUBSTITUTION', substituteTeacherId: subId });
    expect(unopened(await overdueItems(teacher, { scope: 'mine', ...RANGE }))).toEqual(['2026-09-17:3']);
    const sub = await overdueItems(await actorFor(db, subId), { scope: 'mine', ...RANGE });
    expect(unopened(sub)).toEqual(['2026-09-24:3']);
    expect(sub?.[0]).toMatchObject({ teacherId: subId, teacherName: 'Заменова Зоя', courseTitle: 'Математика, 5А' });
    const school = await overdueItems(await management(), { scope: 'school', ...RANGE });
    expect(school?.filter((i) => i.lessonId === null && i.rule === 'topic').map((i) => [i.date, i.teacherName])).toEqual([
      ['2026-09-24', 'Заменова Зоя'], ['2026-09-17', 'Учителева Мария'],
    ]);
    const bystander = await actorFor(db, await createUser(db, fx.schoolId, ['TEACHER']));
    expect(await overdueItems(bystander, { scope: 'mine', ...RANGE })).toEqual([]);
  });

  it('takes the same number of SQL statements for a week and for two months of a busy timetable', async () => {
    await entry(2, 1);
    const week = await countQueries(() => overdueItems(teacher, { scope: 'mine', from: '2026-09-01', to: '2026-09-07', now: NOW }));
    for (const weekday of [1, 3, 4, 5]) await entry(weekday, weekday + 1);
    await change({ date: '2026-09-17', slot: 5, kind: 'CANCELLED' });
    await change({ date: '2026-09-21', slot: 2, kind: 'MOVED', newDate: '2026-09-26', newSlot: 1 });
    await db.holiday.create({ data: { schoolId: fx.schoolId, academicYearId: fx.academicYearId, name: 'День здоровья', startDate: day('2026-09-10'), endDate: day('2026-09-11') } });
    await createLesson(db, fx, { date: '2026-09-08', slot: 1 });
    const months = await countQueries(() => overdueItems(teacher, { scope: 'mine', from: '2026-09-01', to: '2026-10-30', now: NOW }));
    expect(months).toBe(week);
    expect(months).toBeLessThanOrEqual(15);
    console.log(`overdue SQL statements: ${week} (a week) vs ${months} (two months)`);
  });

  it('management’s report groups the school’s overdue lessons by teacher, and its page renders them', async () => {
    await entry(2, 1); // Tuesdays 15, 22, 29 September, never opened
    const subId = await createUser(db, fx.schoolId, ['TEACHER'], { lastName: 'Заменова', firstName: 'Зоя' });
    await change({ date: '2026-09-22', slot: 1, kind: 'SUBSTITUTION', substituteTeacherId: subId });
    const manager = await management();
    const report = (await overdueReport(manager, { from: '2026-09-14', to: '2026-10-01', now: NOW }))!;
    expect(report.byTeacher.map((t) => [t.teacherName, t.lessons, t.unopened, t.byRule])).toEqual([
      ['Учителева Мария', 2, 2, { topic: 2, attendance: 2, homework: 2, marks: 0 }],
      ['Заменова Зоя', 1, 1, { topic: 1, attendance: 1, homework: 1, marks: 0 }],
    ]);
    expect(report.teachers.map((t) => t.name)).toEqual(['Заменова Зоя', 'Учителева Мария']);
    const one = (await overdueReport(manager, { from: '2026-09-14', to: '2026-10-01', teacherId: subId, now: NOW }))!;
    expect(one.byTeacher.map((t) => t.teacherName)).toEqual(['Заменова Зоя']);
    expect(await overdueReport(teacher, { now: NOW })).toBeNull();
    // Without a range: the last 30 days up to today.
    expect(await overdueReport(manager, { now: NOW })).toMatchObject({ from: '2026-09-01', to: '2026-10-01' });
    expect(await overdueReport(manager, { from: '2026-10-01', to: '2026-09-14', now: NOW })).toMatchObject({ from: '2026-09-14', to: '2026-10-01' });
    expect(await overdueReport(manager, { from: '2026-09-20', to: '2027-01-31', now: NOW })).toMatchObject({ from: '2026-09-20', to: '2026-10-01' });

    // The page, as the signed-in manager (dates long past on the real clock); it explains the
    // school's own deadlines (90 minutes for homework, 5 days for marks here).
    await db.school.update({ where: { id: fx.schoolId }, data: { homeworkGraceMinutes: 90, markEntryDays: 5 } });
    await signIn(manager.id);
    const html = renderToStaticMarkup((await OverduePage({ searchParams: Promise.resolve({ from: '2026-09-14', to: '2026-10-01' }) })) as React.ReactElement);
    expect(html).toContain('Просроченные записи в журнале');
    expect(html).toContain('Урок не открыт в журнале');
    expect(html).toContain('не позже 90 минут после последнего урока');
    expect(html).toContain('в течение 5 дней после урока');
    expect(html).toContain('Учителева Мария');
    expect(html).toContain('Заменова Зоя');
    expect(html).toContain(`href="/journal/courses/${fx.courseId}"`);
    await signIn(fx.teacherId);
    await expect(OverduePage({ searchParams: Promise.resolve({}) })).rejects.toMatchObject({ digest: expect.stringContaining('/forbidden') });
  });
});

const signIn = (userId: number) => signInForRequest(db, userId);
