// A pupil moved from 5А to 5Б in the middle of the second term gets the term mark (and the year
// mark) from 5Б's teacher only (lib/data/journal/period-mark-class.ts): 5А's final-marks page shows
// them without the input, with a note, and refuses a mark; a pupil who left the school keeps theirs
// from 5А. A mark 5А gave before the transfer was recorded stands, and 5Б's page shows it instead
// of an input. Dates are fixed (`NOW`).
import { renderToStaticMarkup } from 'react-dom/server';
import { beforeAll, describe, expect, it } from 'vitest';
import { resetDb, testDb } from '../support/db';
import { actorFor } from '../support/actors';
import { signInForRequest } from '../support/request-session';
import { createSchoolFixture, createUser, day, enroll, type SchoolFixture } from '../support/fixtures';
import type { Actor } from '@/lib/auth/actor';
import { pupilLeaves, transferPupil } from '@/lib/data/pupil-class-change';
import { enrollmentsVersion, pupilEnrollments } from '@/lib/data/pupil-class';
import { loadJournalGrid } from '@/lib/data/journal/grid';
import { publishFinalMarks, setFinalMark } from '@/lib/data/journal/final-marks';
import { diaryResults } from '@/lib/data/diary/results';
import FinalMarksPage from '@/app/(journal)/journal/courses/[courseId]/final/page';

const db = testDb();
// Friday 20 November 2026, in the second term (9 November – 30 December).
const NOW = new Date('2026-11-20T09:00:00Z');
const MOVED_NOTE = 'переведён(а) в 5Б с 16.11.2026 — отметку за период ставит учитель 5Б';

let fx: SchoolFixture;
let pupil: number;
let leaver: number;
let early: number;
let mathsB: number;
let secondTerm: number;
let year: number;
let teacherA: Actor;
let teacherB: Actor;

async function mark(courseId: number, teacherId: number, studentId: number, date: string, value: string) {
  const lesson = await db.lesson.findFirst({ where: { courseId, date: day(date) } })
    ?? await db.lesson.create({ data: { schoolId: fx.schoolId, courseId, date: day(date), slot: 1, topic: `Урок ${date}`, teacherId } });
  await db.mark.create({ data: { schoolId: fx.schoolId, studentId, courseId, lessonId: lesson.id, workTypeId: fx.workTypeId, value, numericValue: Number(value), createdById: teacherId, updatedById: teacherId } });
}

async function renderFinal(actor: Actor, courseId: number, periodId: number) {
  await signInForRequest(db, actor.id);
  const html = renderToStaticMarkup((await FinalMarksPage({ params: Promise.resolve({ courseId: String(courseId) }), searchParams: Promise.resolve({ period: String(periodId) }) })) as React.ReactElement);
  return { html, text: html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ') };
}

const value = (studentId: number, v: string, expectedVersion = 0) => ({ studentId, kind: 'value' as const, value: v, expectedVersion });
const version = async (studentId: number) => enrollmentsVersion(await pupilEnrollments(db, fx.schoolId, studentId));

beforeAll(async () => {
  await resetDb();
  fx = await createSchoolFixture(db, { pupils: 3 });
  [pupil, leaver, early] = fx.studentIds;
  const admin = await actorFor(db, fx.adminId);
  const teacherBId = await createUser(db, fx.schoolId, ['TEACHER'], { lastName: 'Новикова', firstName: 'Нина' });
  const classB = (await db.schoolClass.create({
    data: { schoolId: fx.schoolId, academicYearId: fx.academicYearId, gradeLevel: 5, letter: 'Б', classTeacherId: teacherBId, periodSchemeId: fx.periodSchemeId },
  })).id;
  mathsB = (await db.course.create({
    data: { schoolId: fx.schoolId, academicYearId: fx.academicYearId, subjectId: fx.subjectId, classId: classB, gradingScaleId: fx.gradingScaleId, teachers: { create: { schoolId: fx.schoolId, teacherId: teacherBId, isPrimary: true } } },
  })).id;
  secondTerm = (await db.studyPeriod.create({
    data: { schoolId: fx.schoolId, academicYearId: fx.academicYearId, schemeId: fx.periodSchemeId, name: '2 четверть', ordinal: 2, startDate: day('2026-11-09'), endDate: day('2026-12-30') },
  })).id;
  year = (await db.studyPeriod.create({
    data: { schoolId: fx.schoolId, academicYearId: fx.academicYearId, kind: 'YEAR', name: 'Год', ordinal: 9, startDate: day('2026-09-01'), endDate: day('2027-05-31') },
  })).id;
  teacherA = await actorFor(db, fx.teacherId);
  teacherB = await actorFor(db, teacherBId);

  // `early`: 5А's teacher gave and published the term mark 4 while the pupil was in 5А; the move to
  // 5Б from 23 November was then written straight into the enrollments (as an import would), so
  // transferPupil's refusal over 5А's final marks did not stop it.
  expect(await setFinalMark(teacherA, { courseId: fx.courseId, periodId: secondTerm }, value(early, '4'))).toMatchObject({ ok: true });
  expect(await publishFinalMarks(teacherA, { courseId: fx.courseId, periodId: secondTerm }, NOW)).toMatchObject({ ok: true, published: 1 });
  await db.enrollment.updateMany({ where: { studentId: early, classId: fx.classId }, data: { endDate: day('2026-11-22') } });
  await enroll(db, fx.schoolId, early, classB, '2026-11-23');

  // `pupil`: 5, 5 in 5А's mathematics (September and the second term), moved to 5Б from Monday 16
  // November (transferPupil), then 4 there. `leaver`: left the school on 18 November.
  await mark(fx.courseId, fx.teacherId, pupil, '2026-09-10', '5');
  await mark(fx.courseId, fx.teacherId, pupil, '2026-11-10', '5');
  expect(await transferPupil(admin, { studentId: pupil, classId: classB, date: '2026-11-16', version: await version(pupil) }, NOW)).toMatchObject({ ok: true });
  await mark(mathsB, teacherBId, pupil, '2026-11-17', '4');
  expect(await pupilLeaves(admin, { studentId: leaver, date: '2026-11-18', reason: 'Переезд', disableLogin: false, version: await version(leaver) }, NOW)).toMatchObject({ ok: true });
});

describe('the term mark of a pupil moved to another class during the term', () => {
  it('is not given on 5А\'s final-marks page: the pupil is shown without the input, with whose it is', async () => {
    const { html, text } = await renderFinal(teacherA, fx.courseId, secondTerm);
    expect(text).toContain(`Ученик1 Пётр 1 5,00 — ${MOVED_NOTE}`);
    expect(html).not.toContain('aria-label="Итоговая отметка: Ученик1 Пётр"');
    // The pupil who left the school still has the input: 5А gives their mark.
    expect(html).toContain('aria-label="Итоговая отметка: Ученик2 Пётр"');
    // A mark given before the transfer was recorded stands, shown as given in 5А.
    expect(text).toContain('4 (выставлена здесь до перевода) переведён(а) в 5Б с 23.11.2026 — отметку за период ставит учитель 5Б');
  });

  it('is refused to 5А\'s teacher in Russian, and nothing changes', async () => {
    const before = { finals: await db.finalMark.count(), audit: await db.auditLog.count() };
    const r = await setFinalMark(teacherA, { courseId: fx.courseId, periodId: secondTerm }, value(pupil, '5'));
    expect(r).toEqual({ ok: false, field: 'studentId', error: 'Ученик переведён в 5Б с 16.11.2026: отметку за период ставит учитель 5Б' });
    // Nor may the standing mark of `early` be changed from 5А.
    const row = await db.finalMark.findFirstOrThrow({ where: { studentId: early } });
    expect(await setFinalMark(teacherA, { courseId: fx.courseId, periodId: secondTerm }, value(early, '5', row.version))).toMatchObject({ ok: false, field: 'studentId' });
    expect({ finals: await db.finalMark.count(), audit: await db.auditLog.count() }).toEqual(before);
  });

  it('is the year mark too: the class at year end gives it, from the year\'s marks in both classes', async () => {
    expect(await setFinalMark(teacherA, { courseId: fx.courseId, periodId: year }, value(pupil, '5'))).toEqual({ ok: false, field: 'studentId', error: 'Ученик переведён в 5Б с 16.11.2026: отметку за период ставит учитель 5Б' });
    const inA = (await loadJournalGrid(teacherA, fx.courseId, year, NOW))!.pupils.find((p) => p.id === pupil)!;
    expect(inA.movedOut?.note).toBe(MOVED_NOTE);
    // 5Б's year proposal: 5 and 5 of 5А and 4 of 5Б — the weighted average of the year's marks
    // wherever the pupil got them (not of the term marks, year-mark-proposal.test.ts).
    const inB = (await loadJournalGrid(teacherB, mathsB, year, NOW))!.pupils.find((p) => p.id === pupil)!;
    expect([inB.count, inB.weightedAverage, inB.forecast, inB.movedOut]).toEqual([3, '4,67', '5', null]);
    expect(await setFinalMark(teacherB, { courseId: mathsB, periodId: year }, value(pupil, '5'))).toMatchObject({ ok: true });
  });

  it('is given and published by 5Б\'s teacher, and the family\'s «Итоги» show that one mark', async () => {
    expect(await setFinalMark(teacherB, { courseId: mathsB, periodId: secondTerm }, value(pupil, '5'))).toMatchObject({ ok: true, changed: true });
    expect(await publishFinalMarks(teacherB, { courseId: mathsB, periodId: secondTerm }, NOW)).toMatchObject({ ok: true, published: 1 });
    const results = (await diaryResults(await actorFor(db, fx.parentId), pupil, new Date('2026-12-31T09:00:00Z')))!;
    const maths = results.subjects.filter((s) => s.subject === 'Математика');
    expect(maths).toHaveLength(1);
    expect(maths[0].cells[secondTerm]).toMatchObject({ kind: 'mark', text: '5' });
    expect(await db.finalMark.count({ where: { studentId: pupil, periodId: secondTerm } })).toBe(1);
  });

  it('of a pupil who left the school is still given in 5А, for the days they were there', async () => {
    expect(await setFinalMark(teacherA, { courseId: fx.courseId, periodId: secondTerm }, value(leaver, '3'))).toMatchObject({ ok: true, changed: true });
  });

  it('given in 5А before the transfer was recorded stands: 5Б\'s page shows it and gives no second one', async () => {
    const { html, text } = await renderFinal(teacherB, mathsB, secondTerm);
    expect(text).toContain('в 5А выставлена: 4');
    expect(html).toMatch(/<select[^>]*aria-label="Итоговая отметка: Ученик3 Пётр"[^>]*disabled=""/);
    const before = { finals: await db.finalMark.count(), audit: await db.auditLog.count() };
    expect(await setFinalMark(teacherB, { courseId: mathsB, periodId: secondTerm }, value(early, '3'))).toEqual({
      ok: false, field: 'studentId', error: 'В 5А за этот период уже выставлена и опубликована отметка: 4. Вторую отметку по предмету за период не ставят.',
    });
    expect({ finals: await db.finalMark.count(), audit: await db.auditLog.count() }).toEqual(before);
  });

  it('publishing in 5А leaves out a moved pupil\'s draft', async () => {
    // A draft for `pupil` in 5А, as data from before the rule would hold.
    await db.finalMark.create({ data: { schoolId: fx.schoolId, studentId: pupil, courseId: fx.courseId, periodId: secondTerm, value: '2', createdById: fx.teacherId, updatedById: fx.teacherId } });
    expect(await publishFinalMarks(teacherA, { courseId: fx.courseId, periodId: secondTerm }, NOW)).toMatchObject({ ok: true, published: 1 });
    expect((await db.finalMark.findFirstOrThrow({ where: { studentId: pupil, courseId: fx.courseId } })).status).toBe('DRAFT');
    expect((await db.finalMark.findFirstOrThrow({ where: { studentId: leaver } })).status).toBe('PUBLISHED');
    // Both pages say so; 5Б's input stays, its mark being the one families see.
    expect((await renderFinal(teacherA, fx.courseId, secondTerm)).text).toContain(`2 (выставлена здесь до перевода, черновик — отсюда не публикуется) ${MOVED_NOTE}`);
    const inB = await renderFinal(teacherB, mathsB, secondTerm);
    expect(inB.text).toContain('в 5А выставлена: 2 (черновик, не опубликована)');
    expect(inB.html).toMatch(/<select[^>]*aria-label="Итоговая отметка: Ученик1 Пётр"(?![^>]*disabled)[^>]*>/);
  });
});
