// Last school year's journal after the new year has begun: a record to read, not a journal to keep.
// Marks, attendance, topics and homework are refused with a clear message and change nothing; the
// year's final marks (a deferred mark comes late) still follow their period; the summer before the
// new year still belongs to the old one.
import { randomUUID } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import { resetDb, testDb } from '../support/db';
import { createMark, createSchoolFixture, createUser, day, enroll, type SchoolFixture } from '../support/fixtures';
import { actorFor, seedRolePermissions } from '../support/actors';
import { loadActor, type Actor } from '@/lib/auth/actor';
import { saveCell } from '@/lib/data/journal/save-cell';
import { confirmAttendance, openLesson, recordNoHomework, updateLesson } from '@/lib/data/journal/lessons';
import { saveHomework } from '@/lib/data/journal/homework';
import { setFinalMark } from '@/lib/data/journal/final-marks';
import { loadJournalGrid } from '@/lib/data/journal/grid';
import { lessonDetails } from '@/lib/data/journal/lesson-details';

const db = testDb();
const ENDED = 'Учебный год этого журнала завершён';

let fx: SchoolFixture;
let teacher: Actor;
/** Last year (2025/2026): 4А's mathematics, taught by the fixture's teacher; its last quarter and the year still open. */
let old: { courseId: number; lessonId: number; pupilId: number; quarterId: number; yearPeriodId: number; markId: number };

async function lastYear() {
  const year = await db.academicYear.create({ data: { schoolId: fx.schoolId, startYear: 2025, label: '2025/2026', startDate: day('2025-09-01'), endDate: day('2026-05-31') } });
  const cls = await db.schoolClass.create({ data: { schoolId: fx.schoolId, academicYearId: year.id, gradeLevel: 4, letter: 'А', periodSchemeId: fx.periodSchemeId } });
  const pupilId = await createUser(db, fx.schoolId, ['STUDENT'], { lastName: 'Прошлогодний', firstName: 'Пётр' });
  await enroll(db, fx.schoolId, pupilId, cls.id, '2025-09-01', '2026-05-31');
  const course = await db.course.create({
    data: { schoolId: fx.schoolId, academicYearId: year.id, subjectId: fx.subjectId, classId: cls.id, gradingScaleId: fx.gradingScaleId, teachers: { create: { schoolId: fx.schoolId, teacherId: fx.teacherId, isPrimary: true } } },
  });
  const quarter = await db.studyPeriod.create({ data: { schoolId: fx.schoolId, academicYearId: year.id, schemeId: fx.periodSchemeId, name: '4 четверть', ordinal: 4, startDate: day('2026-04-01'), endDate: day('2026-05-31') } });
  const yearPeriod = await db.studyPeriod.create({ data: { schoolId: fx.schoolId, academicYearId: year.id, kind: 'YEAR', name: 'Год', ordinal: 9, startDate: day('2025-09-01'), endDate: day('2026-05-31') } });
  const lesson = await db.lesson.create({ data: { schoolId: fx.schoolId, courseId: course.id, teacherId: fx.teacherId, date: day('2026-05-20'), slot: 2, topic: 'Повторение' } });
  const markId = await createMark(db, { ...fx, courseId: course.id, lessonId: lesson.id, studentIds: [pupilId] }, { value: '4' });
  return { courseId: course.id, lessonId: lesson.id, pupilId, quarterId: quarter.id, yearPeriodId: yearPeriod.id, markId };
}

/** The teacher as a request on `now` would see them (the school's current years are counted on that day). */
async function teacherOn(now: Date): Promise<Actor> {
  await seedRolePermissions(db, fx.schoolId);
  const user = await db.user.findUniqueOrThrow({ where: { id: fx.teacherId } });
  const sessionId = randomUUID();
  await db.userSession.create({ data: { id: sessionId, schoolId: fx.schoolId, userId: user.id } });
  return (await loadActor(db, { userId: user.id, sessionId, sessionVersion: user.sessionVersion }, now))!;
}

async function journalRows() {
  return {
    marks: await db.mark.findMany({ select: { id: true, value: true, version: true }, orderBy: { id: 'asc' } }),
    attendance: await db.attendance.count(),
    homework: await db.homework.count(),
    lessons: await db.lesson.findMany({ select: { id: true, topic: true, version: true, attendanceEnteredAt: true, noHomeworkAt: true }, orderBy: { id: 'asc' } }),
    audit: await db.auditLog.count(),
  };
}

beforeEach(async () => {
  await resetDb();
  fx = await createSchoolFixture(db);
  old = await lastYear();
  teacher = await actorFor(db, fx.teacherId); // today: December 2026, the 2026/2027 year has begun
});

describe("last year's journal once the new year has begun", () => {
  it('refuses marks, attendance, topics and homework with a clear message, and changes nothing', async () => {
    expect(teacher.currentYears).not.toContain((await db.course.findUniqueOrThrow({ where: { id: old.courseId } })).academicYearId);
    const before = await journalRows();
    const cell = { lessonId: old.lessonId, studentId: old.pupilId, position: 1 };
    const lesson = await db.lesson.findUniqueOrThrow({ where: { id: old.lessonId } });
    const refusals = [
      await saveCell(teacher, { ...cell, idempotencyKey: randomUUID(), value: '5', expectedVersion: 0 }),
      await saveCell(teacher, { ...cell, position: 0, idempotencyKey: randomUUID(), value: '5', expectedVersion: 1 }),
      await saveCell(teacher, { ...cell, position: 0, idempotencyKey: randomUUID(), clear: 'mark', expectedVersion: 1 }),
      await saveCell(teacher, { ...cell, idempotencyKey: randomUUID(), code: 'Н', expectedVersion: 0 }),
      await updateLesson(teacher, old.lessonId, { topic: 'Итоговое повторение', plannedTopicId: null, lessonKind: 'LESSON', plannedTest: false, substituteTeacherId: null, expectedVersion: lesson.version }),
      await saveHomework(teacher, old.lessonId, { text: '§12, упр. 4', dueDate: null, studentIds: [], replaces: null }),
      await confirmAttendance(teacher, old.lessonId),
      await recordNoHomework(teacher, old.lessonId),
      await openLesson(teacher, { courseId: old.courseId, date: '2026-05-21', slot: 3 }),
    ];
    for (const r of refusals) expect(r).toMatchObject({ ok: false, error: expect.stringContaining(ENDED) });
    expect(await journalRows()).toEqual(before);
  });

  it('refuses a substitute too', async () => {
    const substituteId = await createUser(db, fx.schoolId, ['TEACHER'], { lastName: 'Заменова' });
    await db.lesson.update({ where: { id: old.lessonId }, data: { teacherId: substituteId, isSubstitution: true } });
    const substitute = await actorFor(db, substituteId);
    expect(await saveCell(substitute, { lessonId: old.lessonId, studentId: old.pupilId, position: 1, idempotencyKey: randomUUID(), value: '5', expectedVersion: 0 }))
      .toMatchObject({ ok: false, error: expect.stringContaining(ENDED) });
    expect(await db.mark.count()).toBe(1);
  });

  it('stays readable: the grid and the lesson page open, read only, and say why', async () => {
    const grid = (await loadJournalGrid(teacher, old.courseId, old.quarterId))!;
    expect(grid.course).toMatchObject({ writable: false, yearEnded: true, finalsWritable: true });
    expect(grid.lessons.map((l) => l.writable)).toEqual([false]);
    expect(grid.pupils.map((p) => p.count)).toEqual([1]);
    const lesson = (await lessonDetails(teacher, old.lessonId))!;
    expect(lesson).toMatchObject({ writable: false, yearEnded: true, topic: 'Повторение' });
    // An existing lesson still opens from the timetable, to be read.
    expect(await openLesson(teacher, { courseId: old.courseId, date: '2026-05-20', slot: 2 })).toEqual({ ok: true, lessonId: old.lessonId });
    // This year's journal is as writable as ever.
    expect((await loadJournalGrid(teacher, fx.courseId, fx.studyPeriodId))!.course).toMatchObject({ writable: true, yearEnded: false });
  });

  it("still takes the year's final mark while its period is open (a deferred mark comes late)", async () => {
    const r = await setFinalMark(teacher, { courseId: old.courseId, periodId: old.yearPeriodId }, { studentId: old.pupilId, kind: 'value', value: '4', expectedVersion: 0 });
    expect(r).toEqual({ ok: true, version: 1, changed: true });
    expect(await db.auditLog.count({ where: { entityType: 'FinalMark' } })).toBe(1);
  });
});

describe('in the summer, before the new year begins', () => {
  it("last year's journal is still kept: its last entries and corrections are made then", async () => {
    const summer = await teacherOn(new Date('2026-08-20T09:00:00Z'));
    expect(await saveCell(summer, { lessonId: old.lessonId, studentId: old.pupilId, position: 1, idempotencyKey: randomUUID(), value: '5', expectedVersion: 0 })).toMatchObject({ ok: true });
    expect((await loadJournalGrid(summer, old.courseId, old.quarterId, new Date('2026-08-20T09:00:00Z')))!.course).toMatchObject({ writable: true, yearEnded: false });
  });
});
