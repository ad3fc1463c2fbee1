// A pupil moved from 5А to 5Б in the middle of the second term: their mathematics marks of the
// term in 5А count toward the term mark in 5Б (lib/data/journal/prior-marks.ts). The final-marks
// page and the journal of 5Б's mathematics show them and compute the average and the proposal
// from both; marks outside the term, after the move, or of another subject do not count, and no
// one but those who read 5Б's mathematics sees them there. Dates are fixed (`NOW`).
import { renderToStaticMarkup } from 'react-dom/server';
import { beforeAll, describe, expect, it } from 'vitest';
import { resetDb, testDb } from '../support/db';
import { actorFor } from '../support/actors';
import { signInForRequest } from '../support/request-session';
import { createSchoolFixture, createUser, day, enroll, type SchoolFixture } from '../support/fixtures';
import type { Actor } from '@/lib/auth/actor';
import { transferPupil } from '@/lib/data/pupil-class-change';
import { enrollmentsVersion, pupilEnrollments } from '@/lib/data/pupil-class';
import { loadJournalGrid } from '@/lib/data/journal/grid';
import { journalGridProps } from '@/lib/data/journal/grid-props';
import { priorMarkRows } from '@/lib/data/journal/prior-marks';
import { dbDate } from '@/lib/data/dates';
import { classOverview } from '@/lib/data/journal/class-overview';
import { diaryMarks } from '@/lib/data/diary/marks';
import { diaryWeek } from '@/lib/data/diary/week';
import FinalMarksPage from '@/app/(journal)/journal/courses/[courseId]/final/page';
import ClassPage from '@/app/(journal)/class/[classId]/page';
import DiaryMarksPage from '@/app/(diary)/diary/[studentId]/marks/page';

const db = testDb();
// Friday 20 November 2026, in the second term (9 November – 30 December).
const NOW = new Date('2026-11-20T09:00:00Z');
// The first day in 5Б: Monday 16 November; the last in 5А is Sunday 15.
const MOVE = '2026-11-16';

let fx: SchoolFixture;
let other: SchoolFixture;
let pupil: number;
let stayer: number;
let classB: number;
let mathsB: number;
let russianA: number;
let secondTerm: number;
let teacherA: Actor;
let teacherB: Actor;
let biologyTeacher: Actor;
let otherSchoolTeacher: Actor;

async function mark(courseId: number, teacherId: number, studentId: number, date: string, value: string, schoolId = fx.schoolId, workTypeId = fx.workTypeId) {
  const lesson = await db.lesson.findFirst({ where: { courseId, date: day(date) } })
    ?? await db.lesson.create({ data: { schoolId, courseId, date: day(date), slot: 1, topic: `Урок ${date}`, teacherId } });
  await db.mark.create({ data: { schoolId, studentId, courseId, lessonId: lesson.id, workTypeId, value, numericValue: Number(value), createdById: teacherId, updatedById: teacherId } });
}

beforeAll(async () => {
  await resetDb();
  fx = await createSchoolFixture(db, { pupils: 2 });
  other = await createSchoolFixture(db);
  pupil = fx.studentIds[0];
  const admin = await actorFor(db, fx.adminId);
  const teacherBId = await createUser(db, fx.schoolId, ['TEACHER'], { lastName: 'Новикова', firstName: 'Нина' });
  const biologyTeacherId = await createUser(db, fx.schoolId, ['TEACHER'], { lastName: 'Биологова', firstName: 'Вера' });
  classB = (await db.schoolClass.create({
    data: { schoolId: fx.schoolId, academicYearId: fx.academicYearId, gradeLevel: 5, letter: 'Б', classTeacherId: teacherBId, periodSchemeId: fx.periodSchemeId },
  })).id;
  const course = (subjectId: number, classId: number, teacherId: number) => db.course.create({
    data: { schoolId: fx.schoolId, academicYearId: fx.academicYearId, subjectId, classId, gradingScaleId: fx.gradingScaleId, teachers: { create: { schoolId: fx.schoolId, teacherId, isPrimary: true } } },
  }).then((c) => c.id);
  mathsB = await course(fx.subjectId, classB, teacherBId);
  const russian = await db.subject.create({ data: { schoolId: fx.schoolId, name: 'Русский язык', shortName: 'Рус' } });
  russianA = await course(russian.id, fx.classId, fx.teacherId);
  const biology = await db.subject.create({ data: { schoolId: fx.schoolId, name: 'Биология', shortName: 'Био' } });
  await course(biology.id, classB, biologyTeacherId);
  secondTerm = (await db.studyPeriod.create({
    data: { schoolId: fx.schoolId, academicYearId: fx.academicYearId, schemeId: fx.periodSchemeId, name: '2 четверть', ordinal: 2, startDate: day('2026-11-09'), endDate: day('2026-12-30') },
  })).id;
  stayer = await createUser(db, fx.schoolId, ['STUDENT'], { lastName: 'Остаёв', firstName: 'Олег' });
  await enroll(db, fx.schoolId, stayer, classB, '2026-09-01');

  // In 5А: a mathematics mark of the first term (2), two of the second before the move (5, 5),
  // and Russian of the second term (2).
  await mark(fx.courseId, fx.teacherId, pupil, '2026-10-05', '2');
  await mark(fx.courseId, fx.teacherId, pupil, '2026-11-10', '5');
  await mark(fx.courseId, fx.teacherId, pupil, '2026-11-11', '5');
  await mark(russianA, fx.teacherId, pupil, '2026-11-12', '2');
  const version = enrollmentsVersion(await pupilEnrollments(db, fx.schoolId, pupil));
  expect(await transferPupil(admin, { studentId: pupil, classId: classB, date: MOVE, version }, NOW)).toMatchObject({ ok: true });
  // In 5Б after the move: 3 for the pupil, 4 for the pupil who was there all along. And a 5А
  // mathematics mark dated after the move (entered however): not the pupil's time in 5А.
  await mark(mathsB, teacherBId, pupil, '2026-11-17', '3');
  await mark(mathsB, teacherBId, stayer, '2026-11-17', '4');
  await mark(fx.courseId, fx.teacherId, pupil, '2026-11-18', '2');

  teacherA = await actorFor(db, fx.teacherId);
  teacherB = await actorFor(db, teacherBId);
  biologyTeacher = await actorFor(db, biologyTeacherId);
  otherSchoolTeacher = await actorFor(db, other.teacherId);
});

const row = async (actor: Actor, courseId: number, studentId: number, periodId = secondTerm) => {
  const p = (await loadJournalGrid(actor, courseId, periodId, NOW))!.pupils.find((x) => x.id === studentId)!;
  return { prior: p.prior.map((g) => `из ${g.className}: ${g.marks.map((m) => m.value).join(' ')}`), count: p.count, weightedAverage: p.weightedAverage, forecast: p.forecast };
};

describe('marks of the class a pupil left during the period', () => {
  it('count toward the term in the new class: 5, 5 from 5А and 3 in 5Б make 4,33 and a proposal of 4', async () => {
    // Only the second term's 5А mathematics up to the move: not October's 2, not the 2 after the
    // move, not Russian's 2. Without them a single 3 is too few marks for a proposal.
    expect(await row(teacherB, mathsB, pupil)).toEqual({ prior: ['из 5А: 5 5'], count: 3, weightedAverage: '4,33', forecast: '4' });
    // The pupil who did not move: their own marks only.
    expect(await row(teacherB, mathsB, stayer)).toEqual({ prior: [], count: 1, weightedAverage: '4,00', forecast: '—' });
    // The journal grid gets them too, for its figures recomputed in the browser.
    const props = journalGridProps((await loadJournalGrid(teacherB, mathsB, secondTerm, NOW))!);
    expect(props.pupils.find((p) => p.id === pupil)?.prior).toEqual([{ className: '5А', marks: [{ value: '5', workTypeId: fx.workTypeId }, { value: '5', workTypeId: fx.workTypeId }] }]);
    expect(props.pupils.find((p) => p.id === stayer)?.prior).toBeUndefined();
  });

  it('weigh as their work types do, as the pupil\'s own marks', async () => {
    // A контрольная (weight 2) in 5А before the move: (5 + 5 + 2·2 + 3) / 5 = 3,40.
    const test = await db.workType.create({ data: { schoolId: fx.schoolId, name: 'Контрольная работа', shortName: 'К/р', weight: 2 } });
    await mark(fx.courseId, fx.teacherId, pupil, '2026-11-13', '2', fx.schoolId, test.id);
    try {
      expect(await row(teacherB, mathsB, pupil)).toEqual({ prior: ['из 5А: 5 5 2'], count: 4, weightedAverage: '3,40', forecast: '3' });
    } finally {
      await db.mark.deleteMany({ where: { workTypeId: test.id } });
      await db.workType.delete({ where: { id: test.id } });
    }
  });

  it('date a mark without a lesson by the day it was entered, on the school\'s clock', async () => {
    // Thursday 12 November in 5А counts; Sunday 15 November 21:30 UTC is Monday 16 in Moscow, the first day in 5Б.
    const lessonless = (value: string, at: string) => db.mark.create({
      data: { schoolId: fx.schoolId, studentId: pupil, courseId: fx.courseId, workTypeId: fx.workTypeId, value, numericValue: Number(value), createdAt: new Date(at), createdById: fx.teacherId, updatedById: fx.teacherId },
    });
    const made = [await lessonless('4', '2026-11-12T10:00:00Z'), await lessonless('2', '2026-11-15T21:30:00Z')];
    try {
      expect(await row(teacherB, mathsB, pupil)).toMatchObject({ prior: ['из 5А: 5 5 4'], count: 4, weightedAverage: '4,25' });
    } finally {
      await db.mark.deleteMany({ where: { id: { in: made.map((m) => m.id) } } });
    }
  });

  it('are not added where the pupil was not joining: 5А\'s own journal, or a term begun after the move', async () => {
    // 5А's mathematics of the second term: the pupil's 5А marks only (no «из 5Б»).
    expect((await row(teacherA, fx.courseId, pupil)).prior).toEqual([]);
    // 5Б's third term (the pupil already in 5Б at its start): nothing from 5А.
    const third = (await db.studyPeriod.create({
      data: { schoolId: fx.schoolId, academicYearId: fx.academicYearId, schemeId: fx.periodSchemeId, name: '3 четверть', ordinal: 3, startDate: day('2027-01-11'), endDate: day('2027-03-20') },
    })).id;
    try {
      expect((await row(teacherB, mathsB, pupil, third)).prior).toEqual([]);
    } finally {
      await db.studyPeriod.delete({ where: { id: third } });
    }
  });

  it('are read only by those who read the new course, for its pupils', async () => {
    // The 5А teacher, the teacher of 5Б's biology, another school's teacher: no journal of 5Б's mathematics.
    for (const actor of [teacherA, biologyTeacher, otherSchoolTeacher]) expect(await loadJournalGrid(actor, mathsB, secondTerm, NOW)).toBeNull();
    // The read itself is bounded by the readable course ids and the school in its WHERE.
    const range = { from: dbDate('2026-11-09'), to: dbDate('2026-12-30'), courseIds: [mathsB] };
    expect(await priorMarkRows(db, { ...range, schoolId: fx.schoolId, readableIds: [fx.courseId] })).toEqual([]);
    expect(await priorMarkRows(db, { ...range, schoolId: other.schoolId, readableIds: [mathsB] })).toEqual([]);
    expect(await priorMarkRows(db, { ...range, schoolId: fx.schoolId, readableIds: [mathsB] })).toHaveLength(2);
  });

  it('show on the final-marks page of 5Б\'s mathematics with the combined figures and a note', async () => {
    await signInForRequest(db, teacherB.id);
    const html = renderToStaticMarkup((await FinalMarksPage({ params: Promise.resolve({ courseId: String(mathsB) }), searchParams: Promise.resolve({ period: String(secondTerm) }) })) as React.ReactElement);
    const text = html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
    expect(text).toContain('Ученик1 Пётр из 5А: 5 5 3 4,33 4');
    expect(text).toContain('Остаёв Олег 1 4,00 —');
    expect(text).toContain('«из 5А: …» под фамилией — отметки по этому предмету, полученные учеником в прежнем классе за этот период до перевода');
  });

  it('count in the class teacher\'s overview of 5Б, in the pupil\'s figures but not the class\'s average of the course', async () => {
    const overview = (await classOverview(teacherB, classB, secondTerm, NOW))!;
    const cell = (studentId: number) => overview.rows.find((r) => r.id === studentId)!.cells[mathsB];
    expect(cell(pupil)).toMatchObject({ count: 3, weighted: '4,33', prior: '5А: 5 5' });
    expect(cell(stayer)).toEqual({ count: 1, average: '4,00', weighted: '4,00', final: null });
    expect(overview.courseAverage[mathsB]).toBe('3,50');
    // 5А's overview: the pupil's 5А marks there, nothing brought from elsewhere.
    const overviewA = (await classOverview(teacherA, fx.classId, secondTerm, NOW))!;
    expect(overviewA.rows.find((r) => r.id === pupil)!.cells[fx.courseId].prior).toBeUndefined();

    await signInForRequest(db, teacherB.id);
    const html = renderToStaticMarkup((await ClassPage({ params: Promise.resolve({ classId: String(classB) }), searchParams: Promise.resolve({ period: String(secondTerm) }) })) as React.ReactElement);
    const text = html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
    expect(text).toContain('4,33 из 5А: 5 5');
    expect(text).toContain('«из 5А: …» в ячейке — отметки по предмету в прежнем классе за этот период до перевода');
  });

  it('show in the family\'s diary as one subject of the term, with the journal\'s figures', async () => {
    const parent = await actorFor(db, fx.parentId);
    const subjects = (await diaryMarks(parent, pupil, secondTerm, NOW))!.subjects
      .map((s) => ({ courseId: s.courseId, subject: s.subject, marks: s.marks.map((m) => m.value), weighted: s.weightedAverage?.toFixed(2), forecast: s.forecast?.proposal }));
    // One «Математика», 5Б's (the class whose teacher sets the term mark): 5 and 5 of 5А, then 3.
    // The 5А mark dated after the move is not the pupil's time there: it stays 5А's.
    expect(subjects.filter((s) => s.subject === 'Математика')).toEqual([
      { courseId: fx.courseId, subject: 'Математика', marks: ['2'], weighted: '2.00', forecast: { kind: 'insufficient', count: 1, minMarks: 3 } },
      { courseId: mathsB, subject: 'Математика', marks: ['5', '5', '3'], weighted: '4.33', forecast: { kind: 'mark', value: 4, weightedAverage: 4.33 } },
    ]);
    expect(subjects.find((s) => s.subject === 'Русский язык')?.marks).toEqual(['2']);
    // Without the stray mark after the move, 5А's course has no entry of its own.
    const stray = await db.mark.findFirstOrThrow({ where: { studentId: pupil, courseId: fx.courseId, lesson: { date: day('2026-11-18') } } });
    await db.mark.delete({ where: { id: stray.id } });
    try {
      const page = (await diaryMarks(parent, pupil, secondTerm, NOW))!;
      expect(page.subjects.filter((s) => s.subject === 'Математика').map((s) => [s.courseId, s.marks.map((m) => m.value), s.earlierClasses])).toEqual([[mathsB, ['5', '5', '3'], ['5А']]]);
      // The page the parent opens says where the marks come from.
      await signInForRequest(db, fx.parentId);
      const html = renderToStaticMarkup((await DiaryMarksPage({ params: Promise.resolve({ studentId: String(pupil) }), searchParams: Promise.resolve({ period: String(secondTerm) }) })) as React.ReactElement);
      expect(html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ')).toContain('Вместе с отметками в 5А до перевода: они входят в отметку за период.');
      // The week of the move: the term's figures by subject, as on the marks page.
      const week = (await diaryWeek(parent, pupil, MOVE, NOW))!;
      expect(week.subjects.filter((s) => s.subject === 'Математика').map((s) => [s.courseId, s.count, s.weightedAverage?.toFixed(2)])).toEqual([[mathsB, 3, '4.33']]);
    } finally {
      await db.mark.create({ data: { ...stray, id: undefined } });
    }
  });
});
