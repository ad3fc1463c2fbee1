// The family's diary against the real database: who sees which child, what is visible when, that
// the forecast is the journal's, that a visit counts once a day, and the acknowledgement round trip.
import { beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { resetDb, testDb } from '../support/db';
import { actorFor } from '../support/actors';
import { createSchoolFixture, createUser, day, enroll, type SchoolFixture } from '../support/fixtures';
import type { Actor } from '@/lib/auth/actor';
import { diaryStudents } from '@/lib/data/students';
import { diaryWeek } from '@/lib/data/diary/week';
import { diaryMarks } from '@/lib/data/diary/marks';
import { diaryResults } from '@/lib/data/diary/results';
import { diarySchedule } from '@/lib/data/diary/schedule';
import { diaryTeachers } from '@/lib/data/diary/teachers';
import { openDiary } from '@/lib/data/diary/open';
import { familyChildren } from '@/lib/data/diary/family';
import { diaryAttachment } from '@/lib/data/diary/attachments';
import { acknowledgeFinalMarks } from '@/lib/data/diary/acknowledge';
import { classAcknowledgements } from '@/lib/data/diary/class-acks';
import { classDiaryChecks } from '@/lib/data/diary/class-checks';
import { forecast } from '@/lib/domain/forecast';
import { pupilFigures, readRoundingPolicy } from '@/lib/domain/journal-grid';

const db = testDb();
// Wednesday of the third school week, in the middle of the school day in Moscow.
const NOW = new Date('2026-09-16T09:00:00Z');
const WEEK = '2026-09-14';

type World = SchoolFixture & {
  childA: number; // in 5А, the fixture's first pupil
  childB: number; // the same parent's second child, in 6Б
  stranger: number; // 5А, another family
  otherParentId: number;
  classBId: number;
  courseBId: number;
  testWorkTypeId: number;
  lessons: Record<string, number>;
  secondPeriodId: number;
  substituteId: number;
  otherTeacherId: number;
};

async function lesson(w: SchoolFixture, courseId: number, date: string, slot: number, topic: string, teacherId = w.teacherId) {
  return (await db.lesson.create({ data: { schoolId: w.schoolId, courseId, date: day(date), slot, topic, teacherId } })).id;
}

async function mark(w: World, studentId: number, lessonId: number, value: string, workTypeId = w.workTypeId, comment?: string) {
  const courseId = (await db.lesson.findUniqueOrThrow({ where: { id: lessonId } })).courseId;
  await db.mark.create({
    data: { schoolId: w.schoolId, studentId, courseId, lessonId, workTypeId, value, numericValue: Number(value), comment, createdById: w.teacherId, updatedById: w.teacherId },
  });
}

async function buildWorld(): Promise<World> {
  await resetDb();
  const fx = await createSchoolFixture(db, { pupils: 3 });
  const [childA, stranger] = [fx.studentIds[0], fx.studentIds[1]];
  await db.user.update({ where: { id: fx.parentId }, data: { login: 'parent-a', passwordHash: 'x' } });
  await db.user.update({ where: { id: childA }, data: { login: 'pupil-a' } });
  const otherParentId = await createUser(db, fx.schoolId, ['PARENT'], { lastName: 'Чужая', firstName: 'Вера', login: 'parent-other' });
  await db.user.update({ where: { id: otherParentId }, data: { passwordHash: 'x' } });
  await db.guardianship.create({ data: { schoolId: fx.schoolId, parentId: otherParentId, studentId: stranger } });

  // The parent's second child in another class, with its own class teacher and course.
  const otherTeacherId = await createUser(db, fx.schoolId, ['TEACHER'], { lastName: 'Другова', firstName: 'Ольга' });
  const classB = await db.schoolClass.create({
    data: { schoolId: fx.schoolId, academicYearId: fx.academicYearId, gradeLevel: 6, letter: 'Б', classTeacherId: otherTeacherId, periodSchemeId: fx.periodSchemeId },
  });
  const childB = await createUser(db, fx.schoolId, ['STUDENT'], { lastName: 'Ученик1', firstName: 'Мария' });
  await enroll(db, fx.schoolId, childB, classB.id, '2026-09-01');
  await db.guardianship.create({ data: { schoolId: fx.schoolId, parentId: fx.parentId, studentId: childB } });
  const subjectB = await db.subject.create({ data: { schoolId: fx.schoolId, name: 'Биология', shortName: 'Био' } });
  const courseB = await db.course.create({
    data: { schoolId: fx.schoolId, academicYearId: fx.academicYearId, subjectId: subjectB.id, classId: classB.id, gradingScaleId: fx.gradingScaleId, teachers: { create: { schoolId: fx.schoolId, teacherId: otherTeacherId } } },
  });

  const secondPeriod = await db.studyPeriod.create({
    data: { schoolId: fx.schoolId, academicYearId: fx.academicYearId, schemeId: fx.periodSchemeId, name: '2 четверть', ordinal: 2, startDate: day('2026-11-09'), endDate: day('2026-12-30') },
  });
  await db.holiday.create({ data: { schoolId: fx.schoolId, academicYearId: fx.academicYearId, name: 'Осенние каникулы', startDate: day('2026-10-26'), endDate: day('2026-11-08') } });
  const testWorkType = await db.workType.create({ data: { schoolId: fx.schoolId, name: 'Контрольная работа', shortName: 'К/р', weight: 2 } });
  const bells = await db.bellSchedule.create({ data: { schoolId: fx.schoolId, name: 'Основное', isDefault: true } });
  await db.bellSlot.createMany({ data: [1, 2, 3].map((slot) => ({ schoolId: fx.schoolId, bellScheduleId: bells.id, slot, startMinute: 480 + (slot - 1) * 55, endMinute: 525 + (slot - 1) * 55 })) });

  // Timetable: mathematics on Monday 1 and Wednesday 2 for 5А, biology on Monday 2 for 6Б.
  await db.timetableEntry.createMany({
    data: [
      { schoolId: fx.schoolId, academicYearId: fx.academicYearId, courseId: fx.courseId, weekday: 1, slot: 1, room: '12', validFrom: day('2026-09-01') },
      { schoolId: fx.schoolId, academicYearId: fx.academicYearId, courseId: fx.courseId, weekday: 3, slot: 2, room: '12', validFrom: day('2026-09-01') },
      { schoolId: fx.schoolId, academicYearId: fx.academicYearId, courseId: courseB.id, weekday: 1, slot: 2, room: '30', validFrom: day('2026-09-01') },
    ],
  });
  const substituteId = await createUser(db, fx.schoolId, ['TEACHER'], { lastName: 'Заменова', firstName: 'Елена' });
  await db.timetableChange.createMany({
    data: [
      { schoolId: fx.schoolId, courseId: fx.courseId, date: day('2026-09-14'), slot: 1, kind: 'SUBSTITUTION', substituteTeacherId: substituteId },
      { schoolId: fx.schoolId, courseId: fx.courseId, date: day('2026-09-16'), slot: 2, kind: 'CANCELLED', reason: 'экскурсия' },
    ],
  });

  const lessons = {
    mon: await lesson(fx, fx.courseId, '2026-09-14', 1, 'Натуральные числа', substituteId),
    earlier1: await lesson(fx, fx.courseId, '2026-09-07', 1, 'Повторение'),
    earlier2: await lesson(fx, fx.courseId, '2026-09-09', 2, 'Сложение'),
    earlier3: await lesson(fx, fx.courseId, '2026-09-02', 2, 'Вычитание'),
    bioMon: await lesson(fx, courseB.id, '2026-09-14', 2, 'Клетка', otherTeacherId),
  };
  await db.lesson.update({ where: { id: lessons.mon }, data: { isSubstitution: true } });

  const world: World = {
    ...fx, childA, childB, stranger, otherParentId, classBId: classB.id, courseBId: courseB.id, testWorkTypeId: testWorkType.id,
    lessons, secondPeriodId: secondPeriod.id, substituteId, otherTeacherId,
  };
  // Child A: four marks in the first quarter, one with a comment; the stranger gets marks too.
  await mark(world, childA, lessons.earlier3, '5');
  await mark(world, childA, lessons.earlier1, '4', testWorkType.id, 'Ошибка в задаче 3');
  await mark(world, childA, lessons.earlier2, '3');
  await mark(world, childA, lessons.mon, '5');
  await mark(world, stranger, lessons.mon, '2');
  await mark(world, childB, lessons.bioMon, '4');
  await db.attendance.create({ data: { schoolId: fx.schoolId, studentId: childA, lessonId: lessons.earlier2, code: 'ILL', createdById: fx.teacherId, updatedById: fx.teacherId } });
  await db.homework.createMany({
    data: [
      { schoolId: fx.schoolId, lessonId: lessons.mon, text: '№ 15, 16', dueDate: day('2026-09-16'), createdById: fx.teacherId },
      { schoolId: fx.schoolId, lessonId: lessons.mon, studentId: childA, text: 'Карточка для Пети', createdById: fx.teacherId },
      { schoolId: fx.schoolId, lessonId: lessons.mon, studentId: stranger, text: 'Секретная карточка соседа', createdById: fx.teacherId },
    ],
  });

  // Final marks: published and visible (Q1), published but not yet visible, and a draft (Q2).
  const base = { schoolId: fx.schoolId, courseId: fx.courseId, createdById: fx.teacherId, updatedById: fx.teacherId };
  await db.finalMark.create({ data: { ...base, studentId: childA, periodId: fx.studyPeriodId, value: '4', status: 'PUBLISHED', publishedAt: new Date('2026-09-10T10:00:00Z'), visibleFrom: new Date('2026-09-11T10:00:00Z') } });
  await db.finalMark.create({ data: { ...base, studentId: stranger, periodId: fx.studyPeriodId, value: '3', status: 'PUBLISHED', publishedAt: new Date('2026-09-10T10:00:00Z'), visibleFrom: new Date('2026-09-11T10:00:00Z') } });
  await db.finalMark.create({ data: { ...base, studentId: childA, periodId: secondPeriod.id, value: '5', status: 'PUBLISHED', publishedAt: NOW, visibleFrom: new Date(NOW.getTime() + 86_400_000) } });
  await db.finalMark.create({ data: { ...base, studentId: childB, courseId: courseB.id, periodId: fx.studyPeriodId, value: '5', status: 'DRAFT' } });
  const exam = { schoolId: fx.schoolId, academicYearId: fx.academicYearId, subjectId: fx.subjectId, examDate: day('2026-09-05') };
  await db.examResult.create({ data: { ...exam, studentId: childA, kind: 'OGE', mark: '5', score: 30, publishedAt: new Date('2026-09-10T00:00:00Z'), visibleFrom: new Date('2026-09-11T00:00:00Z') } });
  await db.examResult.create({ data: { ...exam, studentId: childB, kind: 'OGE', mark: '4', score: 20, publishedAt: NOW, visibleFrom: new Date(NOW.getTime() + 3_600_000) } });
  return world;
}

let w: World;
let parent: Actor;
let pupil: Actor;
let classTeacher: Actor;
let otherTeacher: Actor;

beforeAll(async () => {
  w = await buildWorld();
  parent = await actorFor(db, w.parentId);
  pupil = await actorFor(db, w.childA);
  classTeacher = await actorFor(db, w.teacherId);
  otherTeacher = await actorFor(db, w.otherTeacherId);
});

/** Every diary data function for one pupil, as one actor sees them. */
async function everything(actor: Actor, studentId: number) {
  return {
    week: await diaryWeek(actor, studentId, WEEK, NOW),
    marks: await diaryMarks(actor, studentId, null, NOW),
    results: await diaryResults(actor, studentId, NOW),
    schedule: await diarySchedule(actor, studentId, NOW),
    teachers: await diaryTeachers(actor, studentId, NOW),
  };
}

describe('who sees which child', () => {
  it('a parent of two children in different classes sees both', async () => {
    expect((await diaryStudents(parent)).map((s) => s.id).sort()).toEqual([w.childA, w.childB].sort());
    // The same pupils in the same order, with whether an answer waits (none here).
    expect(await familyChildren(parent)).toEqual((await diaryStudents(parent)).map((s) => ({ ...s, newReply: false })));
    expect(await familyChildren(pupil)).toEqual([]);
    const a = await everything(parent, w.childA);
    const b = await everything(parent, w.childB);
    for (const data of [a, b]) for (const [name, value] of Object.entries(data)) expect(value, name).not.toBeNull();
    expect(a.week?.student).toMatchObject({ id: w.childA, className: '5А' });
    expect(b.week?.student).toMatchObject({ id: w.childB, className: '6Б' });
    expect(b.week?.days[0].lessons.map((l) => l.subject)).toEqual(['Биология']);
  });

  it('the same parent gets nothing of any other child, from every diary function', async () => {
    for (const id of [w.stranger, w.studentIds[2], w.teacherId, 999_999]) {
      const data = await everything(parent, id);
      for (const [name, value] of Object.entries(data)) expect(value, `${name} of ${id}`).toBeNull();
      expect(await openDiary(parent, id, NOW)).toBeNull();
      expect(await acknowledgeFinalMarks(parent, { studentId: id, periodId: w.studyPeriodId, message: 'x' }, NOW)).toMatchObject({ ok: false });
    }
    expect(await db.finalMarkAck.count()).toBe(0);
    expect(await db.message.count()).toBe(0);
  });

  it('a pupil sees only themself', async () => {
    expect((await diaryStudents(pupil)).map((s) => s.id)).toEqual([w.childA]);
    for (const value of Object.values(await everything(pupil, w.childA))) expect(value).not.toBeNull();
    for (const id of [w.childB, w.stranger]) {
      for (const value of Object.values(await everything(pupil, id))) expect(value).toBeNull();
    }
  });

  it('lets the family download the class’s and their own homework files only', async () => {
    const homework = await db.homework.findMany({ where: { lessonId: w.lessons.mon }, orderBy: { id: 'asc' } });
    const file = (homeworkId: number, fileName: string) =>
      db.homeworkAttachment.create({ data: { schoolId: w.schoolId, homeworkId, fileName, mimeType: 'text/plain', size: 2, data: Buffer.from('ok') } });
    const [classFile, ownFile, strangerFile] = [await file(homework[0].id, 'задачи.txt'), await file(homework[1].id, 'карточка.txt'), await file(homework[2].id, 'чужая.txt')];
    expect((await diaryAttachment(parent, w.childA, classFile.id))?.fileName).toBe('задачи.txt');
    expect((await diaryAttachment(parent, w.childA, ownFile.id))?.fileName).toBe('карточка.txt');
    expect(await diaryAttachment(parent, w.childA, strangerFile.id)).toBeNull();
    expect(await diaryAttachment(parent, w.stranger, strangerFile.id)).toBeNull();
    expect(await diaryAttachment(parent, w.childB, classFile.id)).toBeNull();
    const week = (await diaryWeek(parent, w.childA, WEEK, NOW))!;
    expect(week.days[0].lessons[0].homework.map((h) => h.attachments.map((a) => a.fileName))).toEqual([['задачи.txt'], ['карточка.txt']]);
    await db.homeworkAttachment.deleteMany();
  });

  it('another family’s individual homework and marks never reach the week', async () => {
    const week = (await diaryWeek(parent, w.childA, WEEK, NOW))!;
    const monday = week.days[0].lessons[0];
    expect(monday.homework.map((h) => [h.text, h.individual])).toEqual([
      ['№ 15, 16', false],
      ['Карточка для Пети', true],
    ]);
    expect(monday.marks.map((m) => m.value)).toEqual(['5']);
    expect(JSON.stringify(week)).not.toContain('Секретная');
  });
});

describe('the week', () => {
  it('shows the timetable with the day’s changes, marks and attendance like a paper diary', async () => {
    const week = (await diaryWeek(parent, w.childA, '2026-09-17', NOW))!;
    expect(week).toMatchObject({ monday: WEEK, today: '2026-09-16', isCurrentWeek: true, period: { name: '1 четверть' } });
    expect(week.days.map((d) => d.date)).toEqual(['2026-09-14', '2026-09-15', '2026-09-16', '2026-09-17', '2026-09-18']);
    const [monday, , wednesday] = week.days;
    expect(monday.lessons[0]).toMatchObject({
      slot: 1, subject: 'Математика', status: 'substitution', substitute: 'Заменова Е.', topic: 'Натуральные числа', time: { start: '08:00', end: '08:45' }, room: '12',
    });
    expect(wednesday.isToday).toBe(true);
    expect(wednesday.lessons[0]).toMatchObject({ slot: 2, status: 'cancelled', changeReason: 'экскурсия', lessonId: null });
    expect(wednesday.lessons[0].homeworkDue.map((h) => h.text)).toEqual([]);
    const math = week.subjects.find((s) => s.subject === 'Математика')!;
    expect(math).toMatchObject({ count: 4, average: 4.25 });

    const earlier = (await diaryWeek(parent, w.childA, '2026-09-07', NOW))!;
    const ill = earlier.days.flatMap((d) => d.lessons).find((l) => l.lessonId === w.lessons.earlier2)!;
    expect(ill.attendance).toMatchObject({ code: 'Б', label: 'болел' });
    const test = earlier.days.flatMap((d) => d.lessons).find((l) => l.lessonId === w.lessons.earlier1)!;
    expect(test.marks[0]).toMatchObject({ value: '4', workType: 'Контрольная работа', weight: 2, comment: 'Ошибка в задаче 3' });
  });

  it('shows holidays as such, without the timetable', async () => {
    const week = (await diaryWeek(parent, w.childA, '2026-10-28', NOW))!;
    expect(week.days.map((d) => [d.date, d.holiday, d.lessons.length])).toEqual(
      ['2026-10-26', '2026-10-27', '2026-10-28', '2026-10-29', '2026-10-30'].map((d) => [d, 'Осенние каникулы', 0]),
    );
    // After the holidays the second quarter's timetable is back, though no lesson was held yet.
    const after = (await diaryWeek(parent, w.childA, '2026-11-09', NOW))!;
    expect(after.days[0].lessons.map((l) => [l.subject, l.lessonId])).toEqual([['Математика', null]]);
    expect(after.period?.name).toBe('2 четверть');
  });
});

describe('results are visible only once published and past their time', () => {
  it('shows the published, visible final mark and hides the not-yet-visible and the draft', async () => {
    const a = (await diaryResults(parent, w.childA, NOW))!;
    expect(a.subjects).toEqual([{ subject: 'Математика', cells: { [w.studyPeriodId]: { kind: 'mark', text: '4', scale: 'FIVE_POINT' } } }]);
    expect(a.periods.find((p) => p.id === w.secondPeriodId)).toMatchObject({ hasResults: false, canAcknowledge: false });
    expect(a.exams.map((e) => e.mark)).toEqual(['5']);
    const b = (await diaryResults(parent, w.childB, NOW))!;
    expect(b.subjects).toEqual([]);
    expect(b.exams).toEqual([]);
    // A day later the second quarter's mark is visible.
    const later = (await diaryResults(parent, w.childA, new Date(NOW.getTime() + 2 * 86_400_000)))!;
    expect(later.subjects[0].cells[w.secondPeriodId]).toEqual({ kind: 'mark', text: '5', scale: 'FIVE_POINT' });
  });

  it('refuses to acknowledge results that are not visible yet', async () => {
    expect(await acknowledgeFinalMarks(parent, { studentId: w.childA, periodId: w.secondPeriodId, message: '' }, NOW)).toMatchObject({ ok: false });
    expect(await acknowledgeFinalMarks(parent, { studentId: w.childB, periodId: w.studyPeriodId, message: '' }, NOW)).toMatchObject({ ok: false });
    expect(await db.finalMarkAck.count()).toBe(0);
  });

  it('shows a deferral as such', async () => {
    await db.finalMark.update({
      where: { studentId_courseId_periodId: { studentId: w.childA, courseId: w.courseId, periodId: w.studyPeriodId } },
      data: { value: null, deferredUntil: day('2026-11-20'), deferralReason: 'болезнь' },
    });
    const r = (await diaryResults(parent, w.childA, NOW))!;
    expect(r.subjects[0].cells[w.studyPeriodId]).toEqual({ kind: 'deferred', text: 'отсрочка до 20.11.2026', until: '2026-11-20', reason: 'болезнь' });
    await db.finalMark.update({
      where: { studentId_courseId_periodId: { studentId: w.childA, courseId: w.courseId, periodId: w.studyPeriodId } },
      data: { value: '4', deferredUntil: null, deferralReason: null },
    });
  });
});

describe('the forecast is the journal’s', () => {
  it('equals lib/domain’s forecast and the journal grid’s proposal on the same marks', async () => {
    const page = (await diaryMarks(parent, w.childA, w.studyPeriodId, NOW))!;
    const math = page.subjects.find((s) => s.courseId === w.courseId)!;
    // The same marks read independently, in lesson order.
    const rows = await db.mark.findMany({
      where: { studentId: w.childA, courseId: w.courseId },
      select: { numericValue: true, workType: { select: { weight: true } }, lesson: { select: { date: true, slot: true } } },
    });
    rows.sort((x, y) => x.lesson!.date.getTime() - y.lesson!.date.getTime() || x.lesson!.slot - y.lesson!.slot);
    const weighted = rows.map((r) => ({ value: r.numericValue!, weight: r.workType.weight }));
    const school = await db.school.findUniqueOrThrow({ where: { id: w.schoolId } });
    const policy = readRoundingPolicy(school.roundingPolicy);
    const expected = forecast(weighted, policy);
    expect(math.forecast).toEqual(expected);
    expect(math.forecast?.explanation).toBe(expected.explanation);
    expect(math.forecast?.proposal).toEqual(pupilFigures(rows.map((r) => ({ numericValue: r.numericValue, weight: r.workType.weight })), policy, 'FIVE_POINT').proposal);
    expect(math).toMatchObject({ count: 4, average: 4.25, weightedAverage: 4.2 });
    // The week view shows the same figures.
    const week = (await diaryWeek(parent, w.childA, WEEK, NOW))!;
    expect(week.subjects.find((s) => s.courseId === w.courseId)?.forecast).toEqual(expected);
    expect(page.comments.map((c) => c.comment)).toEqual(['Ошибка в задаче 3']);
    expect(page.attendance[0].counts).toMatchObject({ ILL: 1, missed: 1 });
  });
});

const visit = (userId: number, studentId: number, date: string) => ({ schoolId: w.schoolId, userId, studentId, date: day(date) });
/** The consent in force for a pupil's family: how the family gets the diary. */
const consent = (studentId: number, guardianId: number, decision: 'GRANTED' | 'REFUSED', deliveryPreference: 'ONLINE' | 'PAPER' | 'EMAIL') =>
  db.consent.create({ data: { schoolId: w.schoolId, studentId, guardianId, decision, deliveryPreference, documentVersion: '1', recordedById: w.teacherId } });

describe('diary checks', () => {
  it('records one visit per person, child and day, and none for staff', async () => {
    await db.diaryVisit.deleteMany();
    for (let i = 0; i < 3; i++) await openDiary(parent, w.childA, NOW);
    await openDiary(parent, w.childA, new Date('2026-09-16T20:30:00Z')); // 23:30 in Moscow: still the 16th
    expect(await db.diaryVisit.count()).toBe(1);
    await openDiary(parent, w.childA, new Date('2026-09-16T21:30:00Z')); // 00:30 on the 17th in Moscow
    await openDiary(pupil, w.childA, NOW);
    await openDiary(classTeacher, w.childA, NOW);
    const visits = await db.diaryVisit.findMany({ orderBy: [{ userId: 'asc' }, { date: 'asc' }] });
    expect(visits.map((v) => [v.userId, v.date.toISOString().slice(0, 10)])).toEqual(
      [[w.parentId, '2026-09-16'], [w.parentId, '2026-09-17'], [w.childA, '2026-09-16']].sort((x, y) => Number(x[0]) - Number(y[0])),
    );
  });

  it('shows the class teacher, per family and week, who checked at least twice', async () => {
    await db.diaryVisit.deleteMany();
    await consent(w.childA, w.parentId, 'GRANTED', 'ONLINE');
    await consent(w.stranger, w.otherParentId, 'GRANTED', 'ONLINE');
    await db.diaryVisit.createMany({
      data: [visit(w.parentId, w.childA, '2026-09-07'), visit(w.parentId, w.childA, '2026-09-10'), visit(w.parentId, w.childA, '2026-09-03'), visit(w.otherParentId, w.stranger, '2026-09-08'), visit(w.stranger, w.stranger, '2026-09-09')],
    });
    const checks = (await classDiaryChecks(classTeacher, w.classId, w.studyPeriodId, NOW))!;
    expect(checks.weeks.map((x) => x.monday)).toEqual(['2026-08-31', '2026-09-07', '2026-09-14']);
    const a = checks.families.find((f) => f.studentId === w.childA)!;
    const s = checks.families.find((f) => f.studentId === w.stranger)!;
    expect(a.checks.weeks.map((x) => [x.days, x.status])).toEqual([[1, 'missed'], [2, 'ok'], [0, 'in-progress']]);
    // The pupil's own visit is not the parents' check.
    expect(s.checks.weeks.map((x) => x.days)).toEqual([0, 1, 0]);
    const third = checks.families.find((f) => f.studentId === w.studentIds[2])!;
    expect(third.offline).toBe('NO_ACCOUNT');
    expect(checks.summary).toMatchObject({ families: 3, withMisses: 2, offline: 1 });
    expect(await classDiaryChecks(otherTeacher, w.classId, null, NOW)).toBeNull();
    expect(await classDiaryChecks(parent, w.classId, null, NOW)).toBeNull();
    expect(await classAcknowledgements(parent, w.classId, null, NOW)).toBeNull();
    // Management reads every class.
    const director = await actorFor(db, await createUser(db, w.schoolId, ['MANAGEMENT'], { lastName: 'Директорова', login: 'director-x' }));
    expect((await classDiaryChecks(director, w.classId, w.studyPeriodId, NOW))?.summary).toEqual(checks.summary);
  });
});

describe('diary checks judge only what a family could do', () => {
  it('skips the weeks before a pupil joined, asks one visit of a one-day week, and leaves paper families alone', async () => {
    await db.diaryVisit.deleteMany();
    // A pupil who joins 5А on Saturday 12 September: that week has one school day for them.
    const joiner = await createUser(db, w.schoolId, ['STUDENT'], { lastName: 'Новенький', firstName: 'Ян', login: null });
    await enroll(db, w.schoolId, joiner, w.classId, '2026-09-12');
    const joinerParent = await createUser(db, w.schoolId, ['PARENT'], { lastName: 'Новенькая', firstName: 'Ольга', login: 'parent-new' });
    await db.user.update({ where: { id: joinerParent }, data: { passwordHash: 'x' } });
    await db.guardianship.create({ data: { schoolId: w.schoolId, parentId: joinerParent, studentId: joiner } });
    await consent(joiner, joinerParent, 'GRANTED', 'ONLINE');
    // The visit on Sunday still counts for that week: a week runs Monday to Sunday.
    await db.diaryVisit.createMany({ data: [visit(joinerParent, joiner, '2026-09-13')] });
    // The other family now refuses electronic processing: it gets paper extracts instead.
    const refused = await consent(w.stranger, w.otherParentId, 'REFUSED', 'PAPER');
    onTestFinished(async () => {
      await db.user.deleteMany({ where: { id: { in: [joiner, joinerParent] } } });
      await db.consent.delete({ where: { id: refused.id } });
    });

    const checks = (await classDiaryChecks(classTeacher, w.classId, w.studyPeriodId, NOW))!;
    const joined = checks.families.find((f) => f.studentId === joiner)!;
    expect(joined.checks.weeks.map((x) => [x.monday, x.status, x.required])).toEqual([
      ['2026-08-31', 'not-in-class', 0],
      ['2026-09-07', 'ok', 1],
      ['2026-09-14', 'in-progress', 2],
    ]);
    expect(joined).toMatchObject({ offline: null, checks: { missed: 0 } });
    expect(checks.families.find((f) => f.studentId === w.stranger)).toMatchObject({ offline: 'REFUSED' });
    // Only the demo family with misses is flagged; the paper family and the one without an account are not.
    expect(checks.summary).toMatchObject({ families: 4, withMisses: 1, offline: 2 });
  });
});

describe('diary checks name how an offline family is informed', () => {
  it('a family on e-mail whose parent cannot sign in gets its letters, not paper', async () => {
    const third = w.studentIds[2];
    const mother = await createUser(db, w.schoolId, ['PARENT'], { lastName: 'Почтова', firstName: 'Анна', login: null });
    await db.guardianship.create({ data: { schoolId: w.schoolId, parentId: mother, studentId: third } });
    const row = await db.consent.create({ data: { schoolId: w.schoolId, studentId: third, guardianId: mother, decision: 'GRANTED', deliveryPreference: 'EMAIL', contactEmail: 'anna@example.ru', documentVersion: '1', recordedById: w.teacherId } });
    onTestFinished(async () => {
      await db.consent.delete({ where: { id: row.id } });
      await db.user.delete({ where: { id: mother } });
    });
    const checks = (await classDiaryChecks(classTeacher, w.classId, w.studyPeriodId, NOW))!;
    expect(checks.families.find((f) => f.studentId === third)).toMatchObject({ offline: 'EMAIL' });
  });
});

describe('acknowledging final marks', () => {
  it('stores the acknowledgement with its message, and the class teacher sees both', async () => {
    expect(await acknowledgeFinalMarks(pupil, { studentId: w.childA, periodId: w.studyPeriodId, message: 'я' }, NOW)).toMatchObject({ ok: false });
    const result = await acknowledgeFinalMarks(parent, { studentId: w.childA, periodId: w.studyPeriodId, message: '  Ознакомлены, спасибо!  ' }, NOW);
    expect(result).toEqual({ ok: true, messageSent: true });
    const ack = await db.finalMarkAck.findFirstOrThrow({ include: { message: true } });
    expect(ack).toMatchObject({ studentId: w.childA, periodId: w.studyPeriodId, parentId: w.parentId });
    expect(ack.message).toMatchObject({ kind: 'FINAL_MARKS_ACK', senderId: w.parentId, recipientId: w.teacherId, studentId: w.childA, body: 'Ознакомлены, спасибо!' });
    expect(await db.auditLog.count({ where: { action: 'finalmarks.acknowledge' } })).toBe(1);

    expect(await acknowledgeFinalMarks(parent, { studentId: w.childA, periodId: w.studyPeriodId, message: 'ещё раз' }, NOW)).toMatchObject({ ok: false });
    expect(await db.finalMarkAck.count()).toBe(1);

    const view = (await classAcknowledgements(classTeacher, w.classId, w.studyPeriodId, NOW))!;
    expect(view.summary).toEqual({ pupils: 3, published: 2, acknowledged: 1, offline: 0 });
    const row = view.rows.find((r) => r.studentId === w.childA)!;
    expect(row.acks).toEqual([{ parent: 'Ученик1 О.', at: '16.09.2026, 12:00', message: 'Ознакомлены, спасибо!', outdated: false }]);
    expect(view.rows.find((r) => r.studentId === w.stranger)).toMatchObject({ published: true, acks: [] });
    expect(view.messages.map((m) => [m.kind, m.body, m.pupil])).toEqual([['FINAL_MARKS_ACK', 'Ознакомлены, спасибо!', 'Ученик1 Пётр']]);

    const results = (await diaryResults(parent, w.childA, NOW))!;
    expect(results.periods.find((p) => p.id === w.studyPeriodId)).toMatchObject({ acknowledgedByMe: true, canAcknowledge: false });
    expect(await classAcknowledgements(otherTeacher, w.classId, w.studyPeriodId, NOW)).toBeNull();
  });

  it('marks published again after the acknowledgement make it outdated, and the parent acknowledges again', async () => {
    // The teacher corrects a mark of the period and publishes it again: visible an hour after NOW.
    const LATER = new Date(NOW.getTime() + 2 * 3_600_000);
    const corrected = await db.finalMark.findFirstOrThrow({ where: { studentId: w.childA, periodId: w.studyPeriodId, status: 'PUBLISHED' } });
    await db.finalMark.update({ where: { id: corrected.id }, data: { publishedAt: NOW, visibleFrom: new Date(NOW.getTime() + 3_600_000) } });

    const before = (await diaryResults(parent, w.childA, LATER))!.periods.find((p) => p.id === w.studyPeriodId)!;
    expect(before.acks.map((a) => a.outdated)).toEqual([true]);
    expect(before.canAcknowledge).toBe(true);
    const teacherView = (await classAcknowledgements(classTeacher, w.classId, w.studyPeriodId, LATER))!;
    expect(teacherView.rows.find((r) => r.studentId === w.childA)!.acks.map((a) => a.outdated)).toEqual([true]);
    expect(teacherView.summary.acknowledged).toBe(0);

    expect(await acknowledgeFinalMarks(parent, { studentId: w.childA, periodId: w.studyPeriodId, message: 'С исправлением ознакомлены' }, LATER)).toEqual({ ok: true, messageSent: true });
    expect(await db.finalMarkAck.findMany({ where: { studentId: w.childA, periodId: w.studyPeriodId } })).toMatchObject([{ acknowledgedAt: LATER }]);
    expect(await db.auditLog.count({ where: { action: 'finalmarks.acknowledge' } })).toBe(2);
    const after = (await classAcknowledgements(classTeacher, w.classId, w.studyPeriodId, LATER))!;
    expect(after.rows.find((r) => r.studentId === w.childA)!.acks).toEqual([{ parent: 'Ученик1 О.', at: '16.09.2026, 14:00', message: 'С исправлением ознакомлены', outdated: false }]);
    expect(after.summary.acknowledged).toBe(1);
    expect(await acknowledgeFinalMarks(parent, { studentId: w.childA, periodId: w.studyPeriodId, message: '' }, LATER)).toMatchObject({ ok: false });
  });

  it('an empty message still tells the class teacher in words', async () => {
    await db.finalMark.create({
      data: { schoolId: w.schoolId, studentId: w.childB, courseId: w.courseBId, periodId: w.secondPeriodId, value: '5', status: 'PUBLISHED', publishedAt: new Date('2026-09-01T00:00:00Z'), visibleFrom: new Date('2026-09-02T00:00:00Z'), createdById: w.teacherId, updatedById: w.teacherId },
    });
    expect(await acknowledgeFinalMarks(parent, { studentId: w.childB, periodId: w.secondPeriodId, message: '' }, NOW)).toEqual({ ok: true, messageSent: true });
    const message = await db.message.findFirstOrThrow({ where: { studentId: w.childB } });
    expect(message).toMatchObject({ recipientId: w.otherTeacherId, body: 'Ознакомлен(а) с итоговыми отметками за период «2 четверть».' });
  });
  it('opens on the term whose results the families were shown last, even before that term has ended', async () => {
    // The second quarter's marks go out in its last week, before 30 December.
    const DEC_28 = new Date('2026-12-28T09:00:00Z');
    const row = await db.finalMark.create({
      data: { schoolId: w.schoolId, studentId: w.stranger, courseId: w.courseId, periodId: w.secondPeriodId, value: '4', status: 'PUBLISHED', publishedAt: new Date('2026-12-24T10:00:00Z'), visibleFrom: new Date('2026-12-25T10:00:00Z'), createdById: w.teacherId, updatedById: w.teacherId },
    });
    onTestFinished(async () => {
      await db.finalMark.delete({ where: { id: row.id } });
    });
    const view = (await classAcknowledgements(classTeacher, w.classId, null, DEC_28))!;
    expect(view.period.id).toBe(w.secondPeriodId);
    expect(view.rows.find((r) => r.studentId === w.stranger)).toMatchObject({ published: true, acks: [] });
    // Asked for, the first quarter is still there.
    expect((await classAcknowledgements(classTeacher, w.classId, w.studyPeriodId, DEC_28))!.period.id).toBe(w.studyPeriodId);
  });

  it('does not flag a family who cannot acknowledge in the diary: a refusal closed it, or no parent can sign in', async () => {
    const refused = await consent(w.stranger, w.otherParentId, 'REFUSED', 'PAPER');
    const third = w.studentIds[2];
    const mark = await db.finalMark.create({
      data: { schoolId: w.schoolId, studentId: third, courseId: w.courseId, periodId: w.studyPeriodId, value: '5', status: 'PUBLISHED', publishedAt: new Date('2026-09-10T10:00:00Z'), visibleFrom: new Date('2026-09-11T10:00:00Z'), createdById: w.teacherId, updatedById: w.teacherId },
    });
    onTestFinished(async () => {
      await db.consent.delete({ where: { id: refused.id } });
      await db.finalMark.delete({ where: { id: mark.id } });
    });
    const view = (await classAcknowledgements(classTeacher, w.classId, w.studyPeriodId, NOW))!;
    expect(view.rows.find((r) => r.studentId === w.stranger)).toMatchObject({ published: true, offline: 'REFUSED', acks: [] });
    expect(view.rows.find((r) => r.studentId === third)).toMatchObject({ published: true, offline: 'NO_ACCOUNT', acks: [] });
    expect(view.rows.find((r) => r.studentId === w.childA)).toMatchObject({ offline: null });
    expect(view.summary).toMatchObject({ offline: 2 });
  });

  it('a pupil who moved to another class during the period is listed in the new class only', async () => {
    const mover = await createUser(db, w.schoolId, ['STUDENT'], { lastName: 'Переходов', firstName: 'Марк', login: null });
    await enroll(db, w.schoolId, mover, w.classId, '2026-09-01', '2026-09-30');
    await enroll(db, w.schoolId, mover, w.classBId, '2026-10-01');
    // One who left the school during the period stays with the class they left.
    const leaver = await createUser(db, w.schoolId, ['STUDENT'], { lastName: 'Уехавший', firstName: 'Лев', login: null });
    await enroll(db, w.schoolId, leaver, w.classId, '2026-09-01', '2026-10-10');
    onTestFinished(async () => {
      await db.user.deleteMany({ where: { id: { in: [mover, leaver] } } });
    });
    const director = await actorFor(db, await createUser(db, w.schoolId, ['MANAGEMENT'], { lastName: 'Завучева', login: 'director-acks' }));
    const listed = async (classId: number) => (await classAcknowledgements(director, classId, w.studyPeriodId, NOW))!.rows.map((r) => r.studentId);
    const [inA, inB] = [await listed(w.classId), await listed(w.classBId)];
    expect(inA).not.toContain(mover);
    expect(inB).toContain(mover);
    expect(inA).toContain(leaver);
    expect(inB).not.toContain(leaver);
  });
});

describe('messages from the families to the class teacher', () => {
  it('are new until the class teacher has seen them; management reading the page leaves them new', async () => {
    const message = await db.message.create({
      data: { schoolId: w.schoolId, senderId: w.otherParentId, recipientId: w.teacherId, studentId: w.stranger, kind: 'GENERAL', body: 'Можно забрать сына с шестого урока?', createdAt: new Date('2026-09-15T15:00:00Z') },
    });
    onTestFinished(async () => {
      await db.message.delete({ where: { id: message.id } });
    });
    const shown = async (actor: Actor) => (await classAcknowledgements(actor, w.classId, w.studyPeriodId, NOW))!.messages.find((m) => m.id === message.id)!;
    const director = await actorFor(db, await createUser(db, w.schoolId, ['MANAGEMENT'], { lastName: 'Завучева', login: 'director-messages' }));
    expect(await shown(director)).toMatchObject({ body: 'Можно забрать сына с шестого урока?', read: false });
    expect((await db.message.findUniqueOrThrow({ where: { id: message.id } })).readAt).toBeNull();
    expect(await shown(classTeacher)).toMatchObject({ read: false });
    expect((await db.message.findUniqueOrThrow({ where: { id: message.id } })).readAt).toEqual(NOW);
    expect(await shown(classTeacher)).toMatchObject({ read: true });
    expect(await shown(director)).toMatchObject({ read: true });
  });
});

describe('a message with the acknowledgement belongs to its writer', () => {
  it('the writer reads it on the results page; the pupil and the other guardian see only that it was acknowledged', async () => {
    // Runs after «acknowledging final marks», whose parent wrote to the class teacher (the second time).
    const writer = (await diaryResults(parent, w.childA, NOW))!.periods.find((p) => p.id === w.studyPeriodId)!;
    expect(writer.acks).toMatchObject([{ parent: 'Ученик1 О.', message: 'С исправлением ознакомлены' }]);

    const ownView = (await diaryResults(pupil, w.childA, NOW))!.periods.find((p) => p.id === w.studyPeriodId)!;
    expect(ownView.acks).toMatchObject([{ parent: 'Ученик1 О.', message: null }]);

    const fatherId = await createUser(db, w.schoolId, ['PARENT'], { lastName: 'Ученик1', firstName: 'Иван', login: 'parent-father' });
    await db.guardianship.create({ data: { schoolId: w.schoolId, parentId: fatherId, studentId: w.childA } });
    const father = (await diaryResults(await actorFor(db, fatherId), w.childA, NOW))!.periods.find((p) => p.id === w.studyPeriodId)!;
    expect(father.acks).toMatchObject([{ parent: 'Ученик1 О.', message: null }]);
    expect(JSON.stringify(father)).not.toContain('С исправлением');
  });
});

describe('a pupil who changed class', () => {
  it('the week of 1 September, which starts in August, is shown under the new year’s class and term', async () => {
    // Last year: 4А of 2025/2026, whose enrollment lasts until 31 August.
    const lastYear = await db.academicYear.create({
      data: { schoolId: w.schoolId, startYear: 2025, label: '2025/2026', startDate: day('2025-09-01'), endDate: day('2026-05-31') },
    });
    await db.studyPeriod.create({
      data: { schoolId: w.schoolId, academicYearId: lastYear.id, schemeId: w.periodSchemeId, name: '4 четверть', ordinal: 4, startDate: day('2026-03-30'), endDate: day('2026-05-29') },
    });
    const oldClass = await db.schoolClass.create({ data: { schoolId: w.schoolId, academicYearId: lastYear.id, gradeLevel: 4, letter: 'А', periodSchemeId: w.periodSchemeId } });
    const pupilId = await createUser(db, w.schoolId, ['STUDENT'], { lastName: 'Переходов', firstName: 'Олег' });
    await enroll(db, w.schoolId, pupilId, oldClass.id, '2025-09-01', '2026-08-31');
    await enroll(db, w.schoolId, pupilId, w.classId, '2026-09-01');
    const self = await actorFor(db, pupilId);

    for (const requested of ['2026-08-31', '2026-09-02']) {
      const week = (await diaryWeek(self, pupilId, requested, NOW))!;
      expect(week.monday).toBe('2026-08-31');
      expect(week.student).toMatchObject({ className: '5А', classId: w.classId });
      expect(week.period?.name).toBe('1 четверть');
      // Wednesday 2 September: 5А's mathematics from the timetable, a study day of the new term.
      expect(week.days.find((d) => d.date === '2026-09-02')!.lessons.map((l) => [l.slot, l.subject])).toEqual([[2, 'Математика']]);
    }
    // The last week of August is still last year's class.
    expect((await diaryWeek(self, pupilId, '2026-08-24', NOW))!.student.className).toBe('4А');
  });

  it('last year’s results are shown under their year, and an acknowledgement of them reaches this year’s class teacher', async () => {
    const lastYear = await db.academicYear.upsert({
      where: { schoolId_startYear: { schoolId: w.schoolId, startYear: 2025 } },
      create: { schoolId: w.schoolId, startYear: 2025, label: '2025/2026', startDate: day('2025-09-01'), endDate: day('2026-05-31') },
      update: {},
    });
    const yearPeriod = await db.studyPeriod.create({
      data: { schoolId: w.schoolId, academicYearId: lastYear.id, kind: 'YEAR', name: 'Год', ordinal: 1, startDate: day('2025-09-01'), endDate: day('2026-05-31') },
    });
    const oldTeacherId = await createUser(db, w.schoolId, ['TEACHER'], { lastName: 'Прошлогодняя', firstName: 'Анна' });
    const oldClass = await db.schoolClass.create({ data: { schoolId: w.schoolId, academicYearId: lastYear.id, gradeLevel: 4, letter: 'Б', classTeacherId: oldTeacherId, periodSchemeId: w.periodSchemeId } });
    const oldCourse = await db.course.create({ data: { schoolId: w.schoolId, academicYearId: lastYear.id, subjectId: w.subjectId, classId: oldClass.id, gradingScaleId: w.gradingScaleId } });
    const pupilId = await createUser(db, w.schoolId, ['STUDENT'], { lastName: 'Годовалов', firstName: 'Глеб' });
    await enroll(db, w.schoolId, pupilId, oldClass.id, '2025-09-01', '2026-08-31');
    await enroll(db, w.schoolId, pupilId, w.classId, '2026-09-01');
    const motherId = await createUser(db, w.schoolId, ['PARENT'], { lastName: 'Годовалова', firstName: 'Галина' });
    await db.guardianship.create({ data: { schoolId: w.schoolId, parentId: motherId, studentId: pupilId } });
    await db.finalMark.create({
      data: { schoolId: w.schoolId, studentId: pupilId, courseId: oldCourse.id, periodId: yearPeriod.id, value: '4', status: 'PUBLISHED', publishedAt: new Date('2026-05-30T09:00:00Z'), visibleFrom: new Date('2026-05-31T09:00:00Z'), createdById: oldTeacherId, updatedById: oldTeacherId },
    });
    const mother = await actorFor(db, motherId);

    const results = (await diaryResults(mother, pupilId, NOW))!;
    // This year's periods first, unlabelled; last year's year mark after them, under its year.
    expect(results.periods[0]).toMatchObject({ name: '1 четверть', yearLabel: null });
    expect(results.periods.at(-1)).toMatchObject({ id: yearPeriod.id, yearLabel: '2025/2026', hasResults: true, canAcknowledge: true });
    expect(results.subjects).toEqual([{ subject: 'Математика', cells: { [yearPeriod.id]: { kind: 'mark', text: '4', scale: 'FIVE_POINT' } } }]);

    expect(await acknowledgeFinalMarks(mother, { studentId: pupilId, periodId: yearPeriod.id, message: 'Почему 4 за год?' }, NOW)).toEqual({ ok: true, messageSent: true });
    const message = await db.message.findFirstOrThrow({ where: { studentId: pupilId } });
    // Last year's class teacher no longer reads 4Б; 5А's class teacher does.
    const thisYearsTeacher = (await db.schoolClass.findUniqueOrThrow({ where: { id: w.classId } })).classTeacherId;
    expect(message.recipientId).toBe(thisYearsTeacher);
    expect(message.recipientId).not.toBe(oldTeacherId);
  });

  it('a lesson moved to another day takes along the homework due for it', async () => {
    // Wednesday 23 September's mathematics moves to Thursday 24, slot 3; Monday's homework was due on Wednesday.
    const monday = await lesson(w, w.courseId, '2026-09-21', 1, 'Дроби');
    const homework = await db.homework.create({ data: { schoolId: w.schoolId, lessonId: monday, text: '№ 40–42', dueDate: day('2026-09-23'), createdById: w.teacherId } });
    const moved = await db.timetableChange.create({
      data: { schoolId: w.schoolId, courseId: w.courseId, date: day('2026-09-23'), slot: 2, kind: 'MOVED', newDate: day('2026-09-24'), newSlot: 3 },
    });
    onTestFinished(async () => {
      await db.timetableChange.delete({ where: { id: moved.id } });
      await db.homework.delete({ where: { id: homework.id } });
      await db.lesson.delete({ where: { id: monday } });
    });
    const week = (await diaryWeek(parent, w.childA, '2026-09-21', NOW))!;
    const thursday = week.days.find((d) => d.date === '2026-09-24')!.lessons.find((l) => l.status === 'moved-in')!;
    expect(thursday.homeworkDue.map((h) => h.text)).toEqual(['№ 40–42']);
    expect(week.days.find((d) => d.date === '2026-09-23')!.lessons.find((l) => l.status === 'moved-away')!.homeworkDue).toEqual([]);
  });

  it('the schedule’s two weeks list a lesson moved into them from an earlier day', async () => {
    // Friday 11 September's mathematics (before today, 16 September) is moved to Tuesday 22 September.
    const moved = await db.timetableChange.create({
      data: { schoolId: w.schoolId, courseId: w.courseId, date: day('2026-09-11'), slot: 4, kind: 'MOVED', newDate: day('2026-09-22'), newSlot: 6, reason: 'болезнь учителя' },
    });
    onTestFinished(() => db.timetableChange.delete({ where: { id: moved.id } }).then(() => undefined));
    const schedule = (await diarySchedule(parent, w.childA, NOW))!;
    expect(schedule.changes).toContainEqual(expect.objectContaining({ date: '2026-09-11', kind: 'MOVED', newDate: '2026-09-22', newSlot: 6 }));
  });

  it('the teachers page names this year’s groups, not last year’s', async () => {
    const lastYear = await db.academicYear.upsert({
      where: { schoolId_startYear: { schoolId: w.schoolId, startYear: 2025 } },
      create: { schoolId: w.schoolId, startYear: 2025, label: '2025/2026', startDate: day('2025-09-01'), endDate: day('2026-05-31') },
      update: {},
    });
    const inGroup = async (academicYearId: number, name: string) => {
      const group = await db.studyGroup.create({
        data: { schoolId: w.schoolId, academicYearId, kind: 'SUBGROUP', name, members: { create: [{ schoolId: w.schoolId, studentId: w.childA }] } },
      });
      await db.course.create({ data: { schoolId: w.schoolId, academicYearId, subjectId: w.subjectId, groupId: group.id, gradingScaleId: w.gradingScaleId } });
      return group.id;
    };
    const old = await inGroup(lastYear.id, 'Кружок прошлого года');
    const now = await inGroup(w.academicYearId, 'Кружок этого года');
    onTestFinished(async () => {
      await db.course.deleteMany({ where: { groupId: { in: [old, now] } } });
      await db.studyGroup.deleteMany({ where: { id: { in: [old, now] } } });
    });
    const groups = (await diaryTeachers(parent, w.childA, NOW))!.groups.map((g) => g.name);
    expect(groups).toContain('Кружок этого года');
    expect(groups).not.toContain('Кружок прошлого года');
  });

  it('a first grader’s extra holiday is a holiday in their diary, not in an older pupil’s', async () => {
    const firstClass = await db.schoolClass.create({ data: { schoolId: w.schoolId, academicYearId: w.academicYearId, gradeLevel: 1, letter: 'А', periodSchemeId: w.periodSchemeId } });
    const firstGrader = await createUser(db, w.schoolId, ['STUDENT'], { lastName: 'Первоклашкина', firstName: 'Ася' });
    await enroll(db, w.schoolId, firstGrader, firstClass.id, '2026-09-01');
    const name = 'Дополнительные каникулы для первоклассников';
    await db.holiday.create({ data: { schoolId: w.schoolId, academicYearId: w.academicYearId, name, startDate: day('2026-09-21'), endDate: day('2026-09-27'), gradeLevels: [1] } });

    const own = (await diaryWeek(await actorFor(db, firstGrader), firstGrader, '2026-09-21', NOW))!;
    expect(own.days.map((d) => d.holiday)).toEqual(own.days.map(() => name));
    const older = (await diaryWeek(parent, w.childA, '2026-09-21', NOW))!;
    expect(older.days.every((d) => d.holiday === null)).toBe(true);
    expect(older.days.find((d) => d.date === '2026-09-23')!.lessons.map((l) => l.subject)).toContain('Математика');
  });

  it('after a move the schedule lists the new class’s changes and tests, not the old class’s', async () => {
    // In 5А until Tuesday 15 September, in 6Б from Wednesday 16 September (today).
    const pupilId = await createUser(db, w.schoolId, ['STUDENT'], { lastName: 'Переведённая', firstName: 'Нина' });
    await enroll(db, w.schoolId, pupilId, w.classId, '2026-09-01', '2026-09-15');
    await enroll(db, w.schoolId, pupilId, w.classBId, '2026-09-16');
    await db.timetableChange.createMany({
      data: [
        { schoolId: w.schoolId, courseId: w.courseId, date: day('2026-09-21'), slot: 1, kind: 'SUBSTITUTION', substituteTeacherId: w.substituteId },
        { schoolId: w.schoolId, courseId: w.courseBId, date: day('2026-09-21'), slot: 2, kind: 'CANCELLED', reason: 'субботник' },
      ],
    });
    await lesson(w, w.courseId, '2026-09-23', 2, 'Контрольная работа по математике');
    await db.lesson.updateMany({ where: { courseId: w.courseId, date: day('2026-09-23') }, data: { plannedTest: true } });
    const bioTest = await lesson(w, w.courseBId, '2026-09-28', 2, 'Контрольная работа по биологии', w.otherTeacherId);
    await db.lesson.update({ where: { id: bioTest }, data: { plannedTest: true } });

    const schedule = (await diarySchedule(await actorFor(db, pupilId), pupilId, NOW))!;
    expect(schedule.changes.map((c) => [c.date, c.subject, c.kind])).toEqual([['2026-09-21', 'Биология', 'CANCELLED']]);
    expect(schedule.tests.map((t) => [t.date, t.subject])).toEqual([['2026-09-28', 'Биология']]);

    // A pupil still in 5А sees 5А's change and test.
    const stays = (await diarySchedule(pupil, w.childA, NOW))!;
    expect(stays.changes.map((c) => [c.date, c.subject])).toContainEqual(['2026-09-21', 'Математика']);
    expect(stays.tests.map((t) => [t.date, t.subject])).toContainEqual(['2026-09-23', 'Математика']);
  });
});
