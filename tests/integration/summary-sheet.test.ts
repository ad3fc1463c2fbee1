// The summary sheet (сводная ведомость): final marks, special values and deferrals per pupil and
// subject; statistics equal to lib/domain/statistics.ts on the same rows, on screen and in the
// PDF; who may read it; and a stream drawn from two classes.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { resetDb, testDb } from '../support/db';
import { createGradingScale, createSchoolFixture, createStreamFixture, createUser, day, enroll, type SchoolFixture, type StreamFixture } from '../support/fixtures';
import { actorFor } from '../support/actors';
import { summarySheet } from '../../lib/data/summary-sheet';
import { renderSummarySheet } from '../../lib/pdf/summary-sheet';
import { classStatistics, type FinalResult } from '../../lib/domain/statistics';
import { formatDecimalRu } from '../../lib/domain/russian';
import type { FinalMarkSpecial } from '../../lib/generated/prisma/enums';

const db = testDb();
const NOW = new Date('2026-10-30T09:00:00Z');
let fx: SchoolFixture;
let english: { group1: number; group2: number };
let music: number;

type Final = { value?: string; special?: FinalMarkSpecial; deferredUntil?: string; draft?: boolean };

async function setFinal(courseId: number, studentId: number, f: Final, periodId = fx.studyPeriodId) {
  await db.finalMark.create({
    data: {
      schoolId: fx.schoolId, studentId, courseId, periodId, value: f.value ?? null, special: f.special ?? null,
      deferredUntil: f.deferredUntil ? day(f.deferredUntil) : null, deferralReason: f.deferredUntil ? 'болезнь' : null,
      status: f.draft ? 'DRAFT' : 'PUBLISHED', createdById: fx.teacherId, updatedById: fx.teacherId,
    },
  });
}

/** Six pupils; mathematics for the class, English in two groups, music on the pass/fail scale. */
beforeEach(async () => {
  await resetDb();
  fx = await createSchoolFixture(db, { pupils: 6 });
  const p = fx.studentIds;
  const englishSubject = await db.subject.create({ data: { schoolId: fx.schoolId, name: 'Английский язык', shortName: 'Англ' } });
  const groupCourse = async (name: string, members: number[]) => {
    const group = await db.studyGroup.create({ data: { schoolId: fx.schoolId, academicYearId: fx.academicYearId, classId: fx.classId, kind: 'SUBGROUP', name } });
    await db.studyGroupMember.createMany({ data: members.map((studentId) => ({ schoolId: fx.schoolId, groupId: group.id, studentId })) });
    const course = await db.course.create({ data: { schoolId: fx.schoolId, academicYearId: fx.academicYearId, subjectId: englishSubject.id, groupId: group.id, gradingScaleId: fx.gradingScaleId } });
    return course.id;
  };
  english = { group1: await groupCourse('1 группа', p.slice(0, 3)), group2: await groupCourse('2 группа', p.slice(3, 5)) }; // the sixth pupil learns no English
  const musicSubject = await db.subject.create({ data: { schoolId: fx.schoolId, name: 'Музыка', shortName: 'Муз' } });
  music = (await db.course.create({ data: { schoolId: fx.schoolId, academicYearId: fx.academicYearId, subjectId: musicSubject.id, classId: fx.classId, gradingScaleId: await createGradingScale(db, fx.schoolId, 'PASS_FAIL') } })).id;

  // Mathematics: 5, 4 (a draft), н/а, осв., a deferral, no mark.
  await setFinal(fx.courseId, p[0], { value: '5' });
  await setFinal(fx.courseId, p[1], { value: '4', draft: true });
  await setFinal(fx.courseId, p[2], { special: 'NOT_ATTESTED' });
  await setFinal(fx.courseId, p[3], { special: 'EXEMPT' });
  await setFinal(fx.courseId, p[4], { deferredUntil: '2026-11-15' });
  // English: 3 and 2 in group 1, 5 and зач. in group 2.
  await setFinal(english.group1, p[0], { value: '3' });
  await setFinal(english.group1, p[1], { value: '2' });
  await setFinal(english.group2, p[3], { value: '5' });
  await setFinal(english.group2, p[4], { special: 'PASSED' });
  await setFinal(music, p[0], { value: 'зач' });
});

/** The same statistics computed straight from the rows, the way DOMAIN.md defines them. */
async function expectedStatistics(courseIds: number[], studentIds: number[]) {
  const rows = await db.finalMark.findMany({ where: { courseId: { in: courseIds }, periodId: fx.studyPeriodId } });
  const special = { NOT_ATTESTED: 'НА', EXEMPT: 'ОСВ', PASSED: 'ЗАЧ' } as const;
  const results: FinalResult[] = studentIds.map((id) => {
    const r = rows.find((x) => x.studentId === id);
    if (!r) return null;
    if (r.special) return { special: special[r.special] };
    return r.value ? { value: Number(r.value) } : null;
  });
  return classStatistics(results);
}

describe('the summary sheet', () => {
  it('shows each pupil’s final mark, special value or deferral per subject, one column per subject', async () => {
    const result = await summarySheet(await actorFor(db, fx.teacherId), fx.classId, null, NOW);
    if (!result.ok) throw new Error(result.error);
    const { sheet } = result;
    expect(sheet.period.name).toBe('1 четверть');
    expect(sheet.subjects.map((s) => s.name)).toEqual(['Математика', 'Английский язык', 'Музыка']);
    const math = sheet.pupils.map((p) => p.cells[0]);
    expect(math).toEqual([
      { kind: 'value', text: '5', draft: false },
      { kind: 'value', text: '4', draft: true },
      { kind: 'special', text: 'н/а', draft: false },
      { kind: 'special', text: 'осв.', draft: false },
      { kind: 'deferred', until: '2026-11-15', draft: false },
      { kind: 'none' },
    ]);
    expect(sheet.pupils[5].cells[1]).toEqual({ kind: 'not-studied' });
    expect(sheet.pupils[0].cells[2]).toEqual({ kind: 'value', text: 'зач', draft: false });
  });

  it('has per-subject statistics equal to classStatistics on the same data; none for a pass/fail subject', async () => {
    const result = await summarySheet(await actorFor(db, await createUser(db, fx.schoolId, ['MANAGEMENT'])), fx.classId, fx.studyPeriodId, NOW);
    if (!result.ok) throw new Error(result.error);
    const [math, eng, mus] = result.sheet.subjects;
    const p = fx.studentIds;
    expect(math.statistics).toEqual(await expectedStatistics([fx.courseId], p));
    expect(math.statistics).toMatchObject({ N: 3, n5: 1, n4: 1, nNA: 1, nExempt: 1, nNoMark: 2, successRate: 66.7, qualityRate: 66.7 });
    expect(eng.statistics).toEqual(await expectedStatistics([english.group1, english.group2], p.slice(0, 5)));
    expect(eng.statistics).toMatchObject({ pupils: 5, N: 4, nPass: 1 });
    expect(mus).toMatchObject({ fivePoint: false, statistics: null });
  });

  it('prints the same figures in the PDF', async () => {
    const result = await summarySheet(await actorFor(db, fx.teacherId), fx.classId, null, NOW);
    if (!result.ok) throw new Error(result.error);
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'summary-')), 'sheet.pdf');
    writeFileSync(file, await renderSummarySheet(result.sheet));
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    expect(text).toContain('Сводная ведомость итоговых отметок');
    expect(text).toContain('Класс 5А');
    const line = (label: string) => text.split('\n').find((l) => l.trimStart().startsWith(label))!;
    const pct = (n: number | null) => (n === null ? '—' : formatDecimalRu(n, 1));
    const [math, eng] = result.sheet.subjects.map((s) => s.statistics);
    expect(line('Успеваемость, %').split(/\s{2,}/).slice(1)).toEqual([pct(math!.successRate), pct(eng!.successRate), '—']);
    expect(line('Качество знаний, %').split(/\s{2,}/).slice(1)).toEqual([pct(math!.qualityRate), pct(eng!.qualityRate), '—']);
    expect(line('СОУ, %').split(/\s{2,}/).slice(1)).toEqual([pct(math!.sou), pct(eng!.sou), '—']);
    expect(line('Средний балл').split(/\s{2,}/).slice(1)).toEqual([formatDecimalRu(math!.averageMark!, 2), formatDecimalRu(eng!.averageMark!, 2), '—']);
    expect(text).toMatch(/Ученик2 Пётр\s+4\*/);
    expect(text).toMatch(/Ученик5 Пётр\s+отср\./);
  });

  it('is for the class teacher and management only; unknown classes and periods are 404', async () => {
    const parent = await actorFor(db, fx.parentId);
    expect(await summarySheet(parent, fx.classId, null, NOW)).toMatchObject({ ok: false, status: 403 });
    const otherTeacher = await actorFor(db, await createUser(db, fx.schoolId, ['TEACHER']));
    expect(await summarySheet(otherTeacher, fx.classId, null, NOW)).toMatchObject({ ok: false, status: 403 });
    const classTeacher = await actorFor(db, fx.teacherId);
    expect(await summarySheet(classTeacher, 999_999, null, NOW)).toMatchObject({ ok: false, status: 404 });
    expect(await summarySheet(classTeacher, fx.classId, 999_999, NOW)).toMatchObject({ ok: false, status: 404 });
  });
});

describe('a pupil who left the class and came back within the period', () => {
  it('is listed once, with no «выбыл(а)» or «прибыл(а)» note: they were in the class at both ends', async () => {
    const pupil = fx.studentIds[5];
    await db.enrollment.deleteMany({ where: { studentId: pupil } });
    await enroll(db, fx.schoolId, pupil, fx.classId, '2026-09-01', '2026-09-20');
    await enroll(db, fx.schoolId, pupil, fx.classId, '2026-10-01');
    const outcome = await summarySheet(await actorFor(db, fx.teacherId), fx.classId, fx.studyPeriodId, NOW);
    if (!outcome.ok) throw new Error(outcome.error);
    expect(outcome.sheet.pupils.filter((p) => p.id === pupil).map((p) => p.note)).toEqual([null]);
  });
});

describe('a stream (a group with no class) drawn from 5А and 5Б', () => {
  let stream: StreamFixture;
  let subgroup: number;
  /**
   * Physics: 5А's first two pupils and 5Б's first in the stream, 5А's third in a subgroup course of
   * 5А; the other three of 5А learn no physics. Finals: 5 and 4 in the stream from 5А, 2 from 5Б; 3 in the subgroup.
   */
  beforeEach(async () => {
    const p = fx.studentIds;
    stream = await createStreamFixture(db, fx, { members: p.slice(0, 2), pupils: 2 });
    const group = await db.studyGroup.create({ data: { schoolId: fx.schoolId, academicYearId: fx.academicYearId, classId: fx.classId, kind: 'SUBGROUP', name: '2 группа' } });
    await db.studyGroupMember.create({ data: { schoolId: fx.schoolId, groupId: group.id, studentId: p[2] } });
    subgroup = (await db.course.create({ data: { schoolId: fx.schoolId, academicYearId: fx.academicYearId, subjectId: stream.subjectId, groupId: group.id, gradingScaleId: fx.gradingScaleId } })).id;
    await setFinal(stream.courseId, p[0], { value: '5' });
    await setFinal(stream.courseId, p[1], { value: '4' });
    await setFinal(stream.courseId, stream.otherStudentIds[0], { value: '2' });
    await setFinal(subgroup, p[2], { value: '3' });
  });

  it('gives 5А’s class teacher and management one physics column with 5А’s pupils’ finals and statistics only', async () => {
    const p = fx.studentIds;
    const management = await actorFor(db, await createUser(db, fx.schoolId, ['MANAGEMENT']));
    for (const reader of [await actorFor(db, fx.teacherId), management]) {
      const outcome = await summarySheet(reader, fx.classId, fx.studyPeriodId, NOW);
      if (!outcome.ok) throw new Error(outcome.error);
      const { sheet } = outcome;
      expect(sheet.subjects.map((s) => s.name)).toEqual(['Математика', 'Английский язык', 'Музыка', 'Физика']);
      expect(sheet.pupils.map((x) => x.id)).toEqual(p);
      expect(sheet.pupils.map((x) => x.cells[3])).toEqual([
        { kind: 'value', text: '5', draft: false },
        { kind: 'value', text: '4', draft: false },
        { kind: 'value', text: '3', draft: false },
        { kind: 'not-studied' },
        { kind: 'not-studied' },
        { kind: 'not-studied' },
      ]);
      // 5Б's «2» counts in 5Б's statistics, not here.
      expect(sheet.subjects[3].statistics).toEqual(await expectedStatistics([stream.courseId, subgroup], p.slice(0, 3)));
      expect(sheet.subjects[3].statistics).toMatchObject({ pupils: 3, N: 3, n5: 1, n4: 1, n3: 1, n2: 0 });
    }
  });

  it('gives 5Б’s class teacher their own pupils; a teacher of neither class gets neither sheet', async () => {
    const [inStream, notInStream] = stream.otherStudentIds;
    const outcome = await summarySheet(await actorFor(db, stream.otherTeacherId), stream.otherClassId, fx.studyPeriodId, NOW);
    if (!outcome.ok) throw new Error(outcome.error);
    expect(outcome.sheet.subjects.map((s) => s.name)).toEqual(['Физика']);
    expect(outcome.sheet.pupils.map((x) => [x.id, x.cells])).toEqual([[inStream, [{ kind: 'value', text: '2', draft: false }]], [notInStream, [{ kind: 'not-studied' }]]]);
    expect(outcome.sheet.subjects[0].statistics).toMatchObject({ pupils: 1, N: 1, n2: 1, n5: 0 });
    expect(await summarySheet(await actorFor(db, stream.otherTeacherId), fx.classId, fx.studyPeriodId, NOW)).toMatchObject({ ok: false, status: 403 });
    // The stream's own teacher leads neither class.
    const streamTeacher = await actorFor(db, stream.streamTeacherId);
    expect(await summarySheet(streamTeacher, fx.classId, fx.studyPeriodId, NOW)).toMatchObject({ ok: false, status: 403 });
    expect(await summarySheet(streamTeacher, stream.otherClassId, fx.studyPeriodId, NOW)).toMatchObject({ ok: false, status: 403 });
  });

  it('opens on the current term once the class’s own pupils have stream finals in it, not another class’s', async () => {
    const second = await db.studyPeriod.create({
      data: { schoolId: fx.schoolId, academicYearId: fx.academicYearId, schemeId: fx.periodSchemeId, name: '2 четверть', ordinal: 2, startDate: day('2026-11-05'), endDate: day('2026-12-27') },
    });
    await setFinal(stream.courseId, fx.studentIds[0], { value: '5', draft: true }, second.id);
    const during = new Date('2026-12-20T09:00:00Z');
    const opened = async (userId: number, classId: number) => {
      const outcome = await summarySheet(await actorFor(db, userId), classId, null, during);
      if (!outcome.ok) throw new Error(outcome.error);
      return outcome.sheet.period.name;
    };
    expect(await opened(fx.teacherId, fx.classId)).toBe('2 четверть');
    expect(await opened(stream.otherTeacherId, stream.otherClassId)).toBe('1 четверть');
  });

  it('prints the physics column in the PDF without 5Б’s pupils', async () => {
    const outcome = await summarySheet(await actorFor(db, fx.teacherId), fx.classId, fx.studyPeriodId, NOW);
    if (!outcome.ok) throw new Error(outcome.error);
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'summary-')), 'sheet.pdf');
    writeFileSync(file, await renderSummarySheet(outcome.sheet));
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    expect(text).toContain('Физика');
    expect(text).not.toContain('Бэшкин');
    const line = (label: string) => text.split('\n').find((l) => l.trimStart().startsWith(label))!;
    // 5 and 4 of 5А's three: 66,7; with 5Б's «2» it would be 50,0.
    expect(line('Качество знаний, %').split(/\s{2,}/).slice(1).at(-1)).toBe('66,7');
  });
});

describe('a pupil of the stream who moves from 5А to 5Б mid-term', () => {
  it('has the stream’s final mark on 5Б’s sheet, where the term ends, and not on 5А’s', async () => {
    const stream = await createStreamFixture(db, fx);
    const mover = fx.studentIds[0];
    await db.enrollment.updateMany({ where: { studentId: mover }, data: { endDate: day('2026-09-30') } });
    await enroll(db, fx.schoolId, mover, stream.otherClassId, '2026-10-01');
    await setFinal(stream.courseId, mover, { value: '5' });
    await setFinal(stream.courseId, stream.otherStudentIds[0], { value: '2' });
    const sheetOf = async (userId: number, classId: number) => {
      const outcome = await summarySheet(await actorFor(db, userId), classId, fx.studyPeriodId, NOW);
      if (!outcome.ok) throw new Error(outcome.error);
      return outcome.sheet;
    };
    const a = await sheetOf(fx.teacherId, fx.classId);
    const physicsA = a.subjects.findIndex((s) => s.name === 'Физика');
    const moverA = a.pupils.find((x) => x.id === mover)!;
    expect(moverA.note).toBe('выбыл(а) 30.09.2026');
    expect(moverA.cells[physicsA]).toEqual({ kind: 'none' });
    expect(a.subjects[physicsA].statistics).toMatchObject({ n5: 0 });

    const b = await sheetOf(stream.otherTeacherId, stream.otherClassId);
    const physicsB = b.subjects.findIndex((s) => s.name === 'Физика');
    expect(b.pupils.map((x) => [x.id, x.cells[physicsB]])).toEqual([
      [stream.otherStudentIds[0], { kind: 'value', text: '2', draft: false }],
      [mover, { kind: 'value', text: '5', draft: false }],
    ]);
    expect(b.subjects[physicsB].statistics).toMatchObject({ pupils: 2, n5: 1, n2: 1 });
  });
});
