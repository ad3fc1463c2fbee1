// The class teacher's overview (/class/[classId]): which period it opens on, how a pupil who
// left the class and came back within the period is shown, and a stream drawn from two classes.
import { beforeEach, describe, expect, it } from 'vitest';
import { resetDb, testDb } from '../support/db';
import { createMark, createSchoolFixture, createStreamFixture, createUser, day, enroll, type SchoolFixture, type StreamFixture } from '../support/fixtures';
import { actorFor } from '../support/actors';
import type { Actor } from '@/lib/auth/actor';
import { classOverview } from '@/lib/data/journal/class-overview';
import { readableCourses } from '@/lib/data/scope';
import { isCourseReadable } from '@/lib/data/scope-sql';
import { loadJournalGrid } from '@/lib/data/journal/grid';

const db = testDb();
let fx: SchoolFixture;
let teacher: Actor;

beforeEach(async () => {
  await resetDb();
  fx = await createSchoolFixture(db);
  teacher = await actorFor(db, fx.teacherId);
});

describe('classOverview', () => {
  it('opens on the term just ended during the holidays after it, not on the first term', async () => {
    // The fixture's 1st quarter is 1 September – 25 October; the winter holidays follow the 2nd.
    await db.studyPeriod.create({
      data: { schoolId: fx.schoolId, academicYearId: fx.academicYearId, schemeId: fx.periodSchemeId, name: '2 четверть', ordinal: 2, startDate: day('2026-11-05'), endDate: day('2026-12-27') },
    });
    expect((await classOverview(teacher, fx.classId, undefined, new Date('2026-11-10T09:00:00Z')))!.period.name).toBe('2 четверть');
    expect((await classOverview(teacher, fx.classId, undefined, new Date('2026-12-30T09:00:00Z')))!.period.name).toBe('2 четверть');
    expect((await classOverview(teacher, fx.classId, undefined, new Date('2026-08-25T09:00:00Z')))!.period.name).toBe('1 четверть');
  });

  it('shows a pupil who left and came back within the period as in the class, neither «выбыл» nor «с»', async () => {
    const [first, second] = fx.studentIds;
    await db.enrollment.deleteMany({ where: { studentId: { in: [first, second] } } });
    // Back after a gap, the open enrollment made last …
    await enroll(db, fx.schoolId, first, fx.classId, '2026-09-01', '2026-09-20');
    await enroll(db, fx.schoolId, first, fx.classId, '2026-10-01');
    // … or first.
    await enroll(db, fx.schoolId, second, fx.classId, '2026-10-01');
    await enroll(db, fx.schoolId, second, fx.classId, '2026-09-01', '2026-09-20');
    const rows = (await classOverview(teacher, fx.classId, fx.studyPeriodId))!.rows;
    expect(rows.map((r) => [r.id, r.joined, r.left])).toEqual([[first, null, null], [second, null, null]]);
  });

  it('does not call a pupil whose enrollment ends on the period\'s last day «выбыл», as the summary sheet does not', async () => {
    const [first, second] = fx.studentIds;
    await db.enrollment.deleteMany({ where: { studentId: { in: [first, second] } } });
    await enroll(db, fx.schoolId, first, fx.classId, '2026-09-01', '2026-10-25'); // the quarter's last day
    await enroll(db, fx.schoolId, second, fx.classId, '2026-09-01', '2026-10-24');
    const rows = (await classOverview(teacher, fx.classId, fx.studyPeriodId))!.rows;
    expect(rows.map((r) => [r.id, r.left])).toEqual([[first, null], [second, '2026-10-24']]);
  });
});

describe('a stream (a group with no class) drawn from 5А and 5Б', () => {
  let stream: StreamFixture;
  /** The stream's physics: a «5» and a final «5» for 5А's first pupil, a «2» and a final «2» for 5Б's. */
  beforeEach(async () => {
    stream = await createStreamFixture(db, fx);
    const inStream = { ...fx, courseId: stream.courseId, lessonId: stream.lessonId, teacherId: stream.streamTeacherId };
    const [ours, theirs] = [fx.studentIds[0], stream.otherStudentIds[0]];
    await createMark(db, inStream, { value: '5', studentId: ours });
    await createMark(db, inStream, { value: '2', studentId: theirs });
    for (const [studentId, value] of [[ours, '5'], [theirs, '2']] as const) {
      await db.finalMark.create({
        data: { schoolId: fx.schoolId, studentId, courseId: stream.courseId, periodId: fx.studyPeriodId, value, status: 'PUBLISHED', createdById: stream.streamTeacherId, updatedById: stream.streamTeacherId },
      });
    }
    await db.attendance.createMany({
      data: [ours, theirs].map((studentId) => ({ schoolId: fx.schoolId, studentId, lessonId: stream.lessonId, code: 'ILL' as const, createdById: stream.streamTeacherId, updatedById: stream.streamTeacherId })),
    });
  });

  it('shows 5А’s class teacher and management the stream with 5А’s pupils only', async () => {
    const management = await actorFor(db, await createUser(db, fx.schoolId, ['MANAGEMENT']));
    for (const reader of [teacher, management]) {
      const view = (await classOverview(reader, fx.classId, fx.studyPeriodId))!;
      expect(view.courses.find((c) => c.id === stream.courseId)).toMatchObject({ title: 'Физ, поток', fullTitle: 'Физика, Физика, профиль (5 классы)' });
      expect(view.rows.map((r) => r.id)).toEqual(fx.studentIds);
      const [ours, notInStream] = view.rows;
      expect(ours.cells[stream.courseId]).toEqual({ count: 1, average: '5,00', weighted: '5,00', final: '5' });
      expect(ours.absences).toMatchObject({ Б: 1 });
      // Not a member: nothing studied, as in another subgroup's course.
      expect(notInStream.cells[stream.courseId]).toMatchObject({ count: 0, final: null });
      expect(notInStream.absences).toBeNull();
      // 5Б's «2» is in neither the pupils' figures nor the class average.
      expect(view.courseAverage[stream.courseId]).toBe('5,00');
    }
  });

  it('shows 5Б’s class teacher their own pupil in the stream; a teacher of neither class gets neither class', async () => {
    const other = await actorFor(db, stream.otherTeacherId);
    const view = (await classOverview(other, stream.otherClassId, fx.studyPeriodId))!;
    expect(view.courses.map((c) => c.id)).toEqual([stream.courseId]);
    expect(view.rows.map((r) => [r.id, r.cells[stream.courseId]])).toEqual([[stream.otherStudentIds[0], { count: 1, average: '2,00', weighted: '2,00', final: '2' }]]);
    expect(view.courseAverage[stream.courseId]).toBe('2,00');
    // 5А's class teacher does not read 5Б, nor 5Б's teacher 5А.
    expect(await classOverview(teacher, stream.otherClassId, fx.studyPeriodId)).toBeNull();
    expect(await classOverview(other, fx.classId, fx.studyPeriodId)).toBeNull();
    // The stream's own teacher leads neither class.
    const streamTeacher = await actorFor(db, stream.streamTeacherId);
    expect(await classOverview(streamTeacher, fx.classId, fx.studyPeriodId)).toBeNull();
    expect(await classOverview(streamTeacher, stream.otherClassId, fx.studyPeriodId)).toBeNull();
  });

  it('does not open the stream’s journal to the class teacher: no link to it, and the journal gates stay shut', async () => {
    const view = (await classOverview(teacher, fx.classId, fx.studyPeriodId))!;
    expect(view.courses.map((c) => [c.id, c.journal])).toEqual([[fx.courseId, true], [stream.courseId, false]]);
    expect(await isCourseReadable(teacher, stream.courseId)).toBe(false);
    expect(await db.course.count({ where: { AND: [{ id: stream.courseId }, readableCourses(teacher)] } })).toBe(0);
    // Management reads every journal, the stream's too.
    const management = await actorFor(db, await createUser(db, fx.schoolId, ['MANAGEMENT']));
    expect((await classOverview(management, fx.classId, fx.studyPeriodId))!.courses.map((c) => c.journal)).toEqual([true, true]);
    expect(await isCourseReadable(management, stream.courseId)).toBe(true);
  });

  it("gives the stream's own journal the terms of its pupils' classes, so its teacher can give term marks", async () => {
    const teacher = await actorFor(db, stream.streamTeacherId);
    const grid = (await loadJournalGrid(teacher, stream.courseId, fx.studyPeriodId, new Date('2026-10-01T09:00:00Z')))!;
    expect(grid.period.id).toBe(fx.studyPeriodId);
    expect(grid.periods.map((p) => p.name)).toContain('1 четверть');
  });
});

describe('a pupil of the stream who moves from 5А to 5Б mid-term', () => {
  // As with an ordinary course (5А's mathematics stays in 5А's overview, 5Б's in 5Б's), each class
  // shows the stream for the pupil's days in it; the term's final mark stands where the term ends.
  let stream: StreamFixture;
  let mover: number;
  beforeEach(async () => {
    stream = await createStreamFixture(db, fx);
    mover = fx.studentIds[0];
    await db.enrollment.updateMany({ where: { studentId: mover }, data: { endDate: day('2026-09-30') } });
    await enroll(db, fx.schoolId, mover, stream.otherClassId, '2026-10-01');
    const october = await db.lesson.create({ data: { schoolId: fx.schoolId, courseId: stream.courseId, teacherId: stream.streamTeacherId, date: day('2026-10-12'), slot: 3 } });
    const inStream = { ...fx, courseId: stream.courseId, lessonId: stream.lessonId, teacherId: stream.streamTeacherId };
    await createMark(db, inStream, { value: '5', studentId: mover }); // 2 September, in 5А
    await createMark(db, { ...inStream, lessonId: october.id }, { value: '2', studentId: mover }); // 12 October, in 5Б
    await db.attendance.create({ data: { schoolId: fx.schoolId, studentId: mover, lessonId: october.id, code: 'ILL', createdById: stream.streamTeacherId, updatedById: stream.streamTeacherId } });
    await db.finalMark.create({
      data: { schoolId: fx.schoolId, studentId: mover, courseId: stream.courseId, periodId: fx.studyPeriodId, value: '3', status: 'PUBLISHED', createdById: stream.streamTeacherId, updatedById: stream.streamTeacherId },
    });
  });

  it('shows in 5А only the September mark, no absence and no final mark', async () => {
    const view = (await classOverview(teacher, fx.classId, fx.studyPeriodId))!;
    const row = view.rows.find((r) => r.id === mover)!;
    expect(row.left).toBe('2026-09-30');
    expect(row.cells[stream.courseId]).toEqual({ count: 1, average: '5,00', weighted: '5,00', final: null });
    expect(row.absences).toBeNull();
    expect(view.courseAverage[stream.courseId]).toBe('5,00');
  });

  it('shows in 5Б the October mark, the absence and the final mark', async () => {
    const view = (await classOverview(await actorFor(db, stream.otherTeacherId), stream.otherClassId, fx.studyPeriodId))!;
    const row = view.rows.find((r) => r.id === mover)!;
    expect(row.joined).toBe('2026-10-01');
    expect(row.cells[stream.courseId]).toEqual({ count: 1, average: '2,00', weighted: '2,00', final: '3' });
    expect(row.absences).toMatchObject({ Б: 1 });
  });
});
