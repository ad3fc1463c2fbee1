// A pupil who moved to another class during the year, against the real database: their former
// class teacher reads the diary up to the last day in their class and nothing of the new class
// after it (week view, marks, results, schedule, files, diary checks); the new class teacher,
// the family and management read all of it as before.
import { beforeAll, describe, expect, it } from 'vitest';
import { resetDb, testDb } from '../support/db';
import { actorFor } from '../support/actors';
import { createSchoolFixture, createUser, day, enroll, type SchoolFixture } from '../support/fixtures';
import type { Actor } from '@/lib/auth/actor';
import { diaryWeek, type DiaryWeek } from '@/lib/data/diary/week';
import { diaryMarks } from '@/lib/data/diary/marks';
import { diaryResults } from '@/lib/data/diary/results';
import { diarySchedule } from '@/lib/data/diary/schedule';
import { diaryTeachers } from '@/lib/data/diary/teachers';
import { diaryAttachment } from '@/lib/data/diary/attachments';
import { openDiary } from '@/lib/data/diary/open';
import { classDiaryChecks } from '@/lib/data/diary/class-checks';

const db = testDb();
// Friday 2 October: the pupil moved from 5А to 5Б on Thursday 17 September.
const NOW = new Date('2026-10-02T09:00:00Z');
const BEFORE = '2026-09-07';
const MOVE_WEEK = '2026-09-14';
const AFTER = '2026-09-21';

let fx: SchoolFixture;
let pupil: number;
let classB: number;
let secondTerm: number;
let attachment: number;
let formerTeacher: Actor;
let newTeacher: Actor;
let parent: Actor;
let management: Actor;

async function markOn(courseId: number, teacherId: number, date: string, value: string): Promise<number> {
  const lesson = await db.lesson.create({ data: { schoolId: fx.schoolId, courseId, date: day(date), slot: 1, topic: `Урок ${date}`, teacherId } });
  await db.mark.create({
    data: { schoolId: fx.schoolId, studentId: pupil, courseId, lessonId: lesson.id, workTypeId: fx.workTypeId, value, numericValue: Number(value), createdById: teacherId, updatedById: teacherId },
  });
  return lesson.id;
}

beforeAll(async () => {
  await resetDb();
  fx = await createSchoolFixture(db, { pupils: 2 });
  pupil = fx.studentIds[0];
  const newTeacherId = await createUser(db, fx.schoolId, ['TEACHER'], { lastName: 'Новикова', firstName: 'Нина' });
  classB = (await db.schoolClass.create({
    data: { schoolId: fx.schoolId, academicYearId: fx.academicYearId, gradeLevel: 5, letter: 'Б', classTeacherId: newTeacherId, periodSchemeId: fx.periodSchemeId },
  })).id;
  await db.enrollment.updateMany({ where: { studentId: pupil, classId: fx.classId }, data: { endDate: day('2026-09-16') } });
  await enroll(db, fx.schoolId, pupil, classB, '2026-09-17');
  const biology = await db.subject.create({ data: { schoolId: fx.schoolId, name: 'Биология', shortName: 'Био' } });
  const courseB = (await db.course.create({
    data: { schoolId: fx.schoolId, academicYearId: fx.academicYearId, subjectId: biology.id, classId: classB, gradingScaleId: fx.gradingScaleId, teachers: { create: { schoolId: fx.schoolId, teacherId: newTeacherId } } },
  })).id;
  secondTerm = (await db.studyPeriod.create({
    data: { schoolId: fx.schoolId, academicYearId: fx.academicYearId, schemeId: fx.periodSchemeId, name: '2 четверть', ordinal: 2, startDate: day('2026-11-09'), endDate: day('2026-12-30') },
  })).id;

  // 5А's mathematics before the move; 5Б's biology on the Friday of the move and the week after.
  await markOn(fx.courseId, fx.teacherId, '2026-09-10', '5');
  await markOn(courseB, newTeacherId, '2026-09-18', '3');
  const after = await markOn(courseB, newTeacherId, '2026-09-23', '2');
  const homework = await db.homework.create({ data: { schoolId: fx.schoolId, lessonId: after, text: 'Параграф 5', createdById: newTeacherId } });
  attachment = (await db.homeworkAttachment.create({
    data: { schoolId: fx.schoolId, homeworkId: homework.id, fileName: 'схема.pdf', mimeType: 'application/pdf', size: 3, data: Buffer.from('pdf') },
  })).id;
  // The first term's result, given by 5Б at the term's end (after the move).
  await db.finalMark.create({
    data: { schoolId: fx.schoolId, studentId: pupil, courseId: courseB, periodId: fx.studyPeriodId, value: '4', status: 'PUBLISHED', publishedAt: new Date('2026-09-28T10:00:00Z'), visibleFrom: new Date('2026-09-29T10:00:00Z'), createdById: newTeacherId, updatedById: newTeacherId },
  });
  // The parent checked the diary before the move and twice after it.
  await db.diaryVisit.createMany({
    data: ['2026-09-08', '2026-09-09', '2026-09-22', '2026-09-29'].map((d) => ({ schoolId: fx.schoolId, userId: fx.parentId, studentId: pupil, date: day(d) })),
  });

  formerTeacher = await actorFor(db, fx.teacherId);
  newTeacher = await actorFor(db, newTeacherId);
  parent = await actorFor(db, fx.parentId);
  management = await actorFor(db, await createUser(db, fx.schoolId, ['MANAGEMENT'], { lastName: 'Завучева', firstName: 'Зоя' }));
}, 120_000);

const weekMarks = (week: DiaryWeek | null) => (week ? week.days.flatMap((d) => [...d.lessons.flatMap((l) => l.marks), ...d.otherMarks]).map((m) => m.value).sort() : null);
const pageMarks = async (actor: Actor, periodId?: number) => {
  const page = await diaryMarks(actor, pupil, periodId, NOW);
  return page ? page.subjects.flatMap((s) => s.marks.map((m) => m.value)).sort() : null;
};

describe('the former class teacher of a pupil who moved class', () => {
  it('sees a week before the move, and not a week after it', async () => {
    expect(weekMarks(await diaryWeek(formerTeacher, pupil, BEFORE, NOW))).toEqual(['5']);
    expect(await diaryWeek(formerTeacher, pupil, AFTER, NOW)).toBeNull();
    expect(await diaryWeek(formerTeacher, pupil, '2026-09-28', NOW)).toBeNull();
  });

  it('sees the week of the move up to the last day in their class, and opens the diary on it', async () => {
    const week = (await diaryWeek(formerTeacher, pupil, MOVE_WEEK, NOW))!;
    expect(weekMarks(week)).toEqual([]);
    const friday = week.days.find((d) => d.date === '2026-09-18')!;
    expect(friday.lessons).toEqual([]);
    expect(week.subjects.flatMap((s) => s.subject)).not.toContain('Биология');
    expect(week.student.className).toBe('5А');
    expect((await diaryWeek(formerTeacher, pupil, null, NOW))!.monday).toBe(MOVE_WEEK);
    expect((await openDiary(formerTeacher, pupil, NOW))!.className).toBe('5А');
    expect((await openDiary(newTeacher, pupil, NOW))!.className).toBe('5Б');
  });

  it('reads the marks of the term up to the move, and no later term', async () => {
    expect(await pageMarks(formerTeacher)).toEqual(['5']);
    expect((await diaryMarks(formerTeacher, pupil, null, NOW))!.subjects.map((s) => s.subject)).toEqual(['Математика']);
    expect(await pageMarks(formerTeacher, fx.studyPeriodId)).toEqual(['5']);
    expect(await diaryMarks(formerTeacher, pupil, secondTerm, NOW)).toBeNull();
  });

  it('sees no result given after the move, no schedule ahead, no file of the new class', async () => {
    const results = (await diaryResults(formerTeacher, pupil, NOW))!;
    expect(results.subjects).toEqual([]);
    expect(results.periods.map((p) => p.id)).not.toContain(fx.studyPeriodId);
    expect(await diarySchedule(formerTeacher, pupil, NOW)).toBeNull();
    expect((await diaryTeachers(formerTeacher, pupil, NOW))!.className).toBe('5А');
    expect(await diaryAttachment(formerTeacher, pupil, attachment)).toBeNull();
  });

  it("does not count the family's visits after the move on the class's diary checks", async () => {
    for (const actor of [formerTeacher, management]) {
      const checks = (await classDiaryChecks(actor, fx.classId, fx.studyPeriodId, NOW))!;
      const row = checks.families.find((f) => f.studentId === pupil)!;
      const days = Object.fromEntries(row.checks.weeks.map((w) => [w.monday, w.days]));
      expect(days).toMatchObject({ [BEFORE]: 2, [AFTER]: 0, '2026-09-28': 0 });
    }
  });
});

describe('everyone else keeps the whole diary', () => {
  it('the new class teacher, the family and management see the weeks before and after the move', async () => {
    for (const actor of [newTeacher, parent, management]) {
      expect(weekMarks(await diaryWeek(actor, pupil, BEFORE, NOW))).toEqual(['5']);
      expect(weekMarks(await diaryWeek(actor, pupil, MOVE_WEEK, NOW))).toEqual(['3']);
      expect(weekMarks(await diaryWeek(actor, pupil, AFTER, NOW))).toEqual(['2']);
      expect(await pageMarks(actor)).toEqual(['2', '3', '5']);
      expect((await diaryResults(actor, pupil, NOW))!.subjects).toMatchObject([{ subject: 'Биология' }]);
      expect(await diarySchedule(actor, pupil, NOW)).not.toBeNull();
      expect(await diaryAttachment(actor, pupil, attachment)).not.toBeNull();
    }
  });

  it("the new class's diary checks count the family's visits after the move", async () => {
    const checks = (await classDiaryChecks(newTeacher, classB, fx.studyPeriodId, NOW))!;
    const days = Object.fromEntries(checks.families.find((f) => f.studentId === pupil)!.checks.weeks.map((w) => [w.monday, w.days]));
    expect(days).toMatchObject({ [AFTER]: 1, '2026-09-28': 1 });
  });
});
