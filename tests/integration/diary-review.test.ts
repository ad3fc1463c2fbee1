// The family's diary where the timetable and the journal disagree or a pupil changed group: who
// is named as the substitute, what a cancelled lesson shows, where a moved test is listed, and
// that marks of a subgroup the pupil left keep their subject; and the results page's wording.
import { renderToStaticMarkup } from 'react-dom/server';
import { beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { resetDb, testDb } from '../support/db';
import { actorFor } from '../support/actors';
import { signInForRequest } from '../support/request-session';
import { createSchoolFixture, createUser, day, enroll, type SchoolFixture } from '../support/fixtures';
import type { Actor } from '@/lib/auth/actor';
import { diaryWeek } from '@/lib/data/diary/week';
import { diaryMarks } from '@/lib/data/diary/marks';
import { diaryResults } from '@/lib/data/diary/results';
import { diarySchedule } from '@/lib/data/diary/schedule';
import { diaryTeachers } from '@/lib/data/diary/teachers';
import DiaryResultsPage from '@/app/(diary)/diary/[studentId]/results/page';
import DiarySchedulePage from '@/app/(diary)/diary/[studentId]/schedule/page';

const db = testDb();
// Wednesday 30 September 2026, mid-morning in Moscow.
const NOW = new Date('2026-09-30T09:00:00Z');

type World = SchoolFixture & { child: number; plannedId: number; actualId: number; leftCourseId: number; newCourseId: number };
let w: World;
let parent: Actor;

async function lesson(courseId: number, date: string, slot: number, topic: string, teacherId = w.teacherId, extra: { isSubstitution?: boolean; lessonKind?: 'TEST'; plannedTest?: boolean } = {}) {
  return (await db.lesson.create({ data: { schoolId: w.schoolId, courseId, date: day(date), slot, topic, teacherId, ...extra } })).id;
}

async function mark(courseId: number, lessonId: number, value: string, comment?: string) {
  await db.mark.create({
    data: { schoolId: w.schoolId, studentId: w.child, courseId, lessonId, workTypeId: w.workTypeId, value, numericValue: Number(value), comment, createdById: w.teacherId, updatedById: w.teacherId },
  });
}

const change = (data: { courseId?: number; date: string; slot: number; kind: 'SUBSTITUTION' | 'CANCELLED' | 'MOVED'; substituteTeacherId?: number; newDate?: string; newSlot?: number }) =>
  db.timetableChange.create({
    data: { schoolId: w.schoolId, courseId: data.courseId ?? w.courseId, date: day(data.date), slot: data.slot, kind: data.kind, substituteTeacherId: data.substituteTeacherId, newDate: data.newDate ? day(data.newDate) : null, newSlot: data.newSlot },
  });

beforeAll(async () => {
  await resetDb();
  const fx = await createSchoolFixture(db, { pupils: 2 });
  const { schoolId, academicYearId } = fx;
  const plannedId = await createUser(db, schoolId, ['TEACHER'], { lastName: 'Заменова', firstName: 'Елена' });
  const actualId = await createUser(db, schoolId, ['TEACHER'], { lastName: 'Другова', firstName: 'Ольга' });
  // Mathematics on Monday 1, Wednesday 2 and Friday 3.
  await db.timetableEntry.createMany({
    data: [[1, 1], [3, 2], [5, 3]].map(([weekday, slot]) => ({ schoolId, academicYearId, courseId: fx.courseId, weekday, slot, room: '12', validFrom: day('2026-09-01') })),
  });
  // English in two subgroups of 5А; the pupil was in the first and has moved to the second.
  const english = await db.subject.create({ data: { schoolId, name: 'Английский язык', shortName: 'Англ' } });
  const group = (name: string) => db.studyGroup.create({ data: { schoolId, academicYearId, classId: fx.classId, kind: 'SUBGROUP', name } });
  const [g1, g2] = [await group('Английский язык, 1 группа'), await group('Английский язык, 2 группа')];
  const course = (groupId: number, teacherId: number) =>
    db.course.create({ data: { schoolId, academicYearId, subjectId: english.id, groupId, gradingScaleId: fx.gradingScaleId, teachers: { create: { schoolId, teacherId } } } });
  const [left, joined] = [await course(g1.id, plannedId), await course(g2.id, actualId)];
  await db.studyGroupMember.create({ data: { schoolId, groupId: g2.id, studentId: fx.studentIds[0] } });
  await db.timetableEntry.create({ data: { schoolId, academicYearId, courseId: left.id, weekday: 2, slot: 4, room: '21', validFrom: day('2026-09-01') } });
  w = { ...fx, child: fx.studentIds[0], plannedId, actualId, leftCourseId: left.id, newCourseId: joined.id };
  await mark(left.id, await lesson(left.id, '2026-09-08', 4, 'Present Simple', plannedId), '5', 'Молодец');
  parent = await actorFor(db, fx.parentId);
});

describe('the week', () => {
  it('names the teacher the lesson records as the substitute, not the one the timetable change planned', async () => {
    await change({ date: '2026-09-14', slot: 1, kind: 'SUBSTITUTION', substituteTeacherId: w.plannedId });
    await lesson(w.courseId, '2026-09-14', 1, 'Дроби', w.actualId, { isSubstitution: true });
    const week = (await diaryWeek(parent, w.child, '2026-09-14', NOW))!;
    expect(week.days[0].lessons[0]).toMatchObject({ status: 'substitution', substitute: 'Другова О.', topic: 'Дроби' });
  });

  it('a substitution planned but not taken (the course’s teacher held the lesson) is no substitution', async () => {
    await change({ date: '2026-09-21', slot: 1, kind: 'SUBSTITUTION', substituteTeacherId: w.plannedId });
    await mark(w.courseId, await lesson(w.courseId, '2026-09-21', 1, 'Делимость'), '5');
    // Wednesday's is planned too, and its row, opened in advance, holds nothing yet: the plan stands.
    await change({ date: '2026-09-23', slot: 2, kind: 'SUBSTITUTION', substituteTeacherId: w.plannedId });
    await lesson(w.courseId, '2026-09-23', 2, 'Признаки делимости');
    const week = (await diaryWeek(parent, w.child, '2026-09-21', NOW))!;
    const [monday, wednesday] = ['2026-09-21', '2026-09-23'].map((d) => week.days.find((x) => x.date === d)!.lessons[0]);
    expect(monday).toMatchObject({ status: 'regular', substitute: null });
    expect(wednesday).toMatchObject({ status: 'substitution', substitute: 'Заменова Е.' });
  });

  it('a cancelled lesson shows nothing of a row opened in advance; one held after all shows as held', async () => {
    // Wednesday's lesson was opened in advance with homework, then cancelled.
    await change({ date: '2026-09-16', slot: 2, kind: 'CANCELLED' });
    const advance = await lesson(w.courseId, '2026-09-16', 2, 'Уравнения');
    await db.homework.create({ data: { schoolId: w.schoolId, lessonId: advance, text: '№ 101', dueDate: day('2026-09-18'), createdById: w.teacherId } });
    // Friday's was cancelled too, but held after all: the pupil got a mark.
    await change({ date: '2026-09-18', slot: 3, kind: 'CANCELLED' });
    await mark(w.courseId, await lesson(w.courseId, '2026-09-18', 3, 'Проценты'), '4');
    const week = (await diaryWeek(parent, w.child, '2026-09-14', NOW))!;
    const [wednesday, friday] = ['2026-09-16', '2026-09-18'].map((d) => week.days.find((x) => x.date === d)!.lessons[0]);
    expect(wednesday).toMatchObject({ status: 'cancelled', lessonId: null, topic: null, homework: [], marks: [] });
    expect(friday).toMatchObject({ status: 'regular', topic: 'Проценты' });
    expect(friday.marks.map((m) => m.value)).toEqual(['4']);
  });

  it('a cancelled lesson whose topic was written on its day was held; one written the day before was an announcement', async () => {
    await change({ date: '2026-09-28', slot: 2, kind: 'CANCELLED' });
    const heldAnyway = await lesson(w.courseId, '2026-09-28', 2, 'Дроби');
    // 08:30 on the lesson's day in Moscow is 05:30 UTC: the school's clock decides, not the server's.
    await db.lesson.update({ where: { id: heldAnyway }, data: { topicEnteredAt: new Date('2026-09-28T05:30:00Z') } });
    await change({ date: '2026-09-30', slot: 2, kind: 'CANCELLED' });
    const announced = await lesson(w.courseId, '2026-09-30', 2, 'Контрольная работа');
    // 23:30 Moscow on the eve (20:30 UTC).
    await db.lesson.update({ where: { id: announced }, data: { topicEnteredAt: new Date('2026-09-29T20:30:00Z') } });
    const week = (await diaryWeek(parent, w.child, '2026-09-28', NOW))!;
    const [monday, wednesday] = ['2026-09-28', '2026-09-30'].map((d) => week.days.find((x) => x.date === d)!.lessons.find((l) => l.slot === 2)!);
    expect(monday).toMatchObject({ status: 'regular', topic: 'Дроби', lessonId: heldAnyway });
    expect(wednesday).toMatchObject({ status: 'cancelled', topic: null, lessonId: null });
  });

  it('a lesson moved in from an earlier week brings the homework due on its old day', async () => {
    // Friday 16 October's mathematics moves to Tuesday 20 October; Monday 12's homework was due on the Friday.
    const given = await lesson(w.courseId, '2026-10-12', 1, 'Площадь');
    await db.homework.create({ data: { schoolId: w.schoolId, lessonId: given, text: '№ 7', dueDate: day('2026-10-16'), createdById: w.teacherId } });
    await change({ date: '2026-10-16', slot: 3, kind: 'MOVED', newDate: '2026-10-20', newSlot: 5 });
    const week = (await diaryWeek(parent, w.child, '2026-10-19', NOW))!;
    const tuesday = week.days.find((d) => d.date === '2026-10-20')!.lessons.find((l) => l.status === 'moved-in')!;
    expect(tuesday.homeworkDue.map((h) => [h.text, h.givenOn])).toEqual([['№ 7', '2026-10-12']]);
  });

  it('marks of a subgroup the pupil left keep their subject, and its timetable is no longer theirs', async () => {
    const september = (await diaryWeek(parent, w.child, '2026-09-07', NOW))!;
    expect(september.days.flatMap((d) => d.otherMarks).map((m) => [m.subject, m.value])).toEqual([['Английский язык', '5']]);
    expect(september.subjects.find((s) => s.courseId === w.leftCourseId)).toMatchObject({ subject: 'Английский язык', group: '1 группа', count: 1 });
    const tuesday = (await diaryWeek(parent, w.child, '2026-09-14', NOW))!.days[1];
    expect(tuesday.lessons).toEqual([]);
    const teachers = (await diaryTeachers(parent, w.child, NOW))!;
    expect(teachers.subjects.map((s) => s.courseId)).not.toContain(w.leftCourseId);
  });
});

describe('marks by subject', () => {
  it('lists the marks of a subgroup the pupil left under its subject, not apart from every subject', async () => {
    const page = (await diaryMarks(parent, w.child, null, NOW))!;
    const left = page.subjects.find((s) => s.courseId === w.leftCourseId)!;
    expect(left).toMatchObject({ subject: 'Английский язык', group: '1 группа', count: 1, average: 5 });
    expect(page.subjects.find((s) => s.courseId === w.newCourseId)).toMatchObject({ group: '2 группа', count: 0 });
    expect(page.comments.map((c) => [c.subject, c.comment])).toEqual([['Английский язык', 'Молодец']]);
  });
});

describe('the schedule of tests', () => {
  it('lists a moved test on its new day and says that a cancelled one is cancelled', async () => {
    const cancelled = await lesson(w.courseId, '2026-10-02', 3, 'Контрольная № 1', w.teacherId, { lessonKind: 'TEST' });
    await change({ date: '2026-10-02', slot: 3, kind: 'CANCELLED' });
    const moved = await lesson(w.courseId, '2026-10-05', 1, 'Контрольная № 2', w.teacherId, { plannedTest: true });
    await change({ date: '2026-10-05', slot: 1, kind: 'MOVED', newDate: '2026-10-07', newSlot: 4 });
    const tests = (await diarySchedule(parent, w.child, NOW))!.tests;
    expect(tests.find((t) => t.lessonId === cancelled)).toMatchObject({ date: '2026-10-02', cancelled: true, movedFrom: null });
    expect(tests.find((t) => t.lessonId === moved)).toMatchObject({ date: '2026-10-07', slot: 4, movedFrom: '2026-10-05', cancelled: false });
    // The week says so too: the announced test goes with the lesson to Wednesday, not lost on the way.
    const week = (await diaryWeek(parent, w.child, '2026-10-05', NOW))!;
    const wednesday = week.days.find((d) => d.date === '2026-10-07')!.lessons.find((l) => l.status === 'moved-in')!;
    expect(wednesday).toMatchObject({ slot: 4, plannedTest: true, topic: 'Контрольная № 2', lessonId: null });
  });
});

describe('results', () => {
  it('says when published results appear by the school’s setting, not always «within a day»', async () => {
    expect((await diaryResults(parent, w.child, NOW))!.visibleAfter).toBe('через сутки');
    await db.school.update({ where: { id: w.schoolId }, data: { resultVisibilityHours: 72 } });
    expect((await diaryResults(parent, w.child, NOW))!.visibleAfter).toBe('через 72 часа');
  });
});

describe('the pages as the family reads them', () => {
  const params = () => Promise.resolve({ studentId: String(w.child) });
  /** Text of the page without tags: what a parent reads. */
  const text = async (page: Promise<unknown>) => renderToStaticMarkup((await page) as React.ReactElement).replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

  it('the results page gives an exam score with its noun agreeing: «72 балла», «1 балл»', async () => {
    const exam = { schoolId: w.schoolId, academicYearId: w.academicYearId, studentId: w.child, examDate: day('2026-06-01'), publishedAt: new Date('2026-06-20T00:00:00Z'), visibleFrom: new Date('2026-06-21T00:00:00Z') };
    await db.examResult.create({ data: { ...exam, subjectId: w.subjectId, kind: 'EGE', score: 72 } });
    const russian = await db.subject.create({ data: { schoolId: w.schoolId, name: 'Русский язык', shortName: 'Рус' } });
    await db.examResult.create({ data: { ...exam, subjectId: russian.id, kind: 'EGE', score: 1 } });
    await signInForRequest(db, w.parentId);
    const page = await text(DiaryResultsPage({ params: params() }));
    expect(page).toContain('72 балла');
    expect(page).toContain('1 балл ');
    expect(page).not.toContain('баллов');
  });

  it('the teachers say the pupil has no subjects instead of an empty box (a class with no courses yet)', async () => {
    // A pupil of a class whose courses are not entered, with a parent who signs in.
    const cls = await db.schoolClass.create({ data: { schoolId: w.schoolId, academicYearId: w.academicYearId, gradeLevel: 5, letter: 'В', periodSchemeId: (await db.schoolClass.findUniqueOrThrow({ where: { id: w.classId } })).periodSchemeId } });
    const pupil = await createUser(db, w.schoolId, ['STUDENT'], { lastName: 'Безуроков', firstName: 'Иван', login: null });
    await enroll(db, w.schoolId, pupil, cls.id, '2026-09-01');
    const mother = await createUser(db, w.schoolId, ['PARENT'], { lastName: 'Безурокова', login: 'parent-no-courses' });
    await db.guardianship.create({ data: { schoolId: w.schoolId, parentId: mother, studentId: pupil } });
    onTestFinished(async () => {
      await db.user.deleteMany({ where: { id: { in: [pupil, mother] } } });
      await db.schoolClass.delete({ where: { id: cls.id } });
    });
    expect((await diaryTeachers(await actorFor(db, mother), pupil))?.subjects).toEqual([]);
    await signInForRequest(db, mother);
    const page = await text(DiarySchedulePage({ params: Promise.resolve({ studentId: String(pupil) }) }));
    expect(page).toContain('Учителя Классный руководитель 5В класса не назначен Учебных предметов у ученика сейчас нет.');
  });

  it('the schedule says that no holidays are entered instead of showing an empty list', async () => {
    await signInForRequest(db, w.parentId);
    expect(await text(DiarySchedulePage({ params: params() }))).toContain('Каникулы на этот учебный год пока не внесены.');
  });
});
