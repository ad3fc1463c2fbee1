// Weekly paper extracts against a real database: what one pupil's PDF says (read back with
// pdftotext), that it holds nothing of another pupil, who may print what, and the class batch
// (paper families by default, one page group per pupil in class order).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { resetDb, testDb } from '../support/db';
import { createSchool, createSchoolFixture, createUser, day, enroll, type SchoolFixture } from '../support/fixtures';
import { actorFor, seedRolePermissions } from '../support/actors';
import type { Actor } from '../../lib/auth/actor';
import { loadWeekExtract } from '../../lib/data/extracts/week-extract';
import { batchExtracts, planBatch } from '../../lib/data/extracts/class-batch';
import { printPage } from '../../lib/data/extracts/print-page';
import { renderWeekExtract } from '../../lib/pdf/week-extract';
import { formatRangeRu } from '../../lib/domain/diary-format';
import { digestLetter } from '../../lib/mail/templates/digest';
import { collectStream, streamExtractBatch } from '../../lib/pdf/extract-batch';

const db = testDb();
const NOW = new Date('2026-09-19T12:00:00Z'); // Saturday of the week printed
const WEEK = '2026-09-14';
const dir = mkdtempSync(path.join(tmpdir(), 'extract-week-'));
let files = 0;

function pdfPages(pdf: Buffer, mode: '-layout' | '-raw' = '-layout'): string[] {
  const file = path.join(dir, `${++files}.pdf`);
  writeFileSync(file, pdf);
  return execFileSync('pdftotext', [mode, file, '-'], { encoding: 'utf8' }).split('\f').slice(0, -1);
}

let fx: SchoolFixture;
let pupils: { first: number; second: number; third: number };

/** A week of mathematics in 5А: two lessons, homework for all and for one pupil, marks and absences. */
async function weekOfLessons() {
  fx = await createSchoolFixture(db, { pupils: 3 });
  const [first, second, third] = fx.studentIds;
  pupils = { first, second, third };
  const base = { schoolId: fx.schoolId, academicYearId: fx.academicYearId, courseId: fx.courseId, validFrom: day('2026-09-01') };
  await db.timetableEntry.createMany({ data: [{ ...base, weekday: 1, slot: 1 }, { ...base, weekday: 3, slot: 2 }] });
  const lesson = (date: string, slot: number, topic: string) =>
    db.lesson.create({ data: { schoolId: fx.schoolId, courseId: fx.courseId, teacherId: fx.teacherId, date: day(date), slot, topic } });
  const monday = await lesson('2026-09-14', 1, 'Сложение дробей');
  const wednesday = await lesson('2026-09-16', 2, 'Проценты. Решение задач');
  const by = { createdById: fx.teacherId };
  await db.homework.createMany({
    data: [
      { schoolId: fx.schoolId, lessonId: monday.id, text: '№ 101, 102, 105', ...by },
      { schoolId: fx.schoolId, lessonId: monday.id, studentId: second, text: 'Карточка № 7 (дополнительно)', ...by },
    ],
  });
  const test = await db.workType.create({ data: { schoolId: fx.schoolId, name: 'Контрольная работа', shortName: 'к/р', weight: 2 } });
  const mark = (studentId: number, lessonId: number, value: string, workTypeId: number) =>
    ({ schoolId: fx.schoolId, studentId, courseId: fx.courseId, lessonId, value, numericValue: Number(value), workTypeId, createdById: fx.teacherId, updatedById: fx.teacherId });
  await db.mark.createMany({ data: [mark(first, monday.id, '4', test.id), mark(second, monday.id, '2', fx.workTypeId), mark(third, wednesday.id, '3', fx.workTypeId)] });
  const absent = (studentId: number, code: 'ILL' | 'ABSENT') => ({ schoolId: fx.schoolId, studentId, lessonId: wednesday.id, code, createdById: fx.teacherId, updatedById: fx.teacherId });
  await db.attendance.createMany({ data: [absent(first, 'ILL'), absent(second, 'ABSENT')] });
}

beforeEach(async () => {
  await resetDb();
  await weekOfLessons();
});

describe('one pupil’s extract', () => {
  it('prints that pupil’s marks, homework and absences of the week, and nothing of another pupil', async () => {
    const parent = await actorFor(db, fx.parentId);
    const result = await loadWeekExtract(parent, pupils.first, WEEK, NOW);
    if (!result.ok) throw new Error(result.error);
    const pages = pdfPages(await renderWeekExtract(result.extract));
    expect(pages).toHaveLength(1);
    const text = pages[0];
    for (const s of ['Ученик1 Пётр', 'Класс 5А', '14–18 сентября 2026', 'Сложение дробей', '№ 101, 102, 105', 'Проценты. Решение задач', 'Учителева Мария', '1 четверть']) {
      expect(text).toContain(s);
    }
    expect(text).toMatch(/Сложение дробей.*4\s*к\/р/); // the mark with its work type, on its lesson's line
    expect(text).toMatch(/Проценты\. Решение задач.*\sБ(\s|$)/m); // ill on Wednesday
    // Nothing of the other pupils: names, the individual homework, their marks or absences.
    for (const other of ['Ученик2', 'Ученик3', 'Карточка № 7']) expect(text).not.toContain(other);
    expect(text).not.toMatch(/2\s+Урок/);
    expect(text).not.toMatch(/3\s+Урок/);
    const wednesday = text.split('\n').find((l) => l.includes('Проценты'))!;
    expect(wednesday).not.toMatch(/\sН(\s|$)/); // the other pupil's absence
  });

  it('gives the individual homework to its pupil only', async () => {
    const teacher = await actorFor(db, fx.teacherId);
    const result = await loadWeekExtract(teacher, pupils.second, WEEK, NOW);
    if (!result.ok) throw new Error(result.error);
    const text = pdfPages(await renderWeekExtract(result.extract))[0];
    expect(text).toContain('Индивидуально: Карточка № 7 (дополнительно)');
    expect(text).toMatch(/Сложение дробей.*2\s*Урок/);
    expect(text).toMatch(/Проценты\. Решение задач.*\sН(\s|$)/m);
    expect(text).not.toContain('Ученик1');
  });
});

describe('what the diary shows beside the columns', () => {
  /** The teacher's notes of the week: due dates, a planned test, comments, a room change; and another pupil's due card. */
  async function notesOfTheWeek() {
    const lessonOn = (date: string) => db.lesson.findFirstOrThrow({ where: { courseId: fx.courseId, date: day(date) } });
    const [monday, wednesday] = [await lessonOn('2026-09-14'), await lessonOn('2026-09-16')];
    const by = { schoolId: fx.schoolId, lessonId: monday.id, createdById: fx.teacherId, dueDate: day('2026-09-16') };
    await db.homework.createMany({ data: [{ ...by, text: 'Выучить правило сложения дробей' }, { ...by, studentId: pupils.second, text: 'Карточка № 9 к среде' }] });
    await db.lesson.update({ where: { id: wednesday.id }, data: { plannedTest: true } });
    await db.mark.updateMany({ where: { studentId: pupils.first, lessonId: monday.id }, data: { comment: 'Аккуратнее с вычислениями' } });
    await db.attendance.updateMany({ where: { studentId: pupils.first, lessonId: wednesday.id }, data: { comment: 'справка из поликлиники' } });
    await db.timetableChange.create({ data: { schoolId: fx.schoolId, courseId: fx.courseId, date: day('2026-09-16'), slot: 2, kind: 'ROOM', room: '214' } });
  }

  it('prints due dates, homework due at a lesson, the planned test, the teacher’s comments and a room change; in the digest too; nothing of another pupil', async () => {
    await notesOfTheWeek();
    const parent = await actorFor(db, fx.parentId);
    const result = await loadWeekExtract(parent, pupils.first, WEEK, NOW);
    if (!result.ok) throw new Error(result.error);
    // In drawing order (-raw) a cell's wrapped lines stay together, as the layout mode does not keep them.
    const pages = pdfPages(await renderWeekExtract(result.extract), '-raw');
    expect(pages).toHaveLength(1);
    const text = pages[0].replace(/\s+/g, ' ');
    const expected = [
      'Выучить правило сложения дробей (к 16.09)', // on Monday, where it was given
      'К уроку: Выучить правило сложения дробей (задано 14.09)', // on Wednesday, where it is due
      'Запланирована контрольная работа',
      'Комментарий к отметке 4: Аккуратнее с вычислениями',
      'Б: справка из поликлиники',
      'другой кабинет: 214',
    ];
    for (const s of expected) expect(text).toContain(s);
    // The e-mail digest is built from the same extract and says the same.
    const letter = digestLetter(result.extract);
    for (const part of [letter.text, letter.html]) for (const s of expected.slice(2)) expect(part).toContain(s);
    expect(letter.text).toContain('к уроку: Выучить правило сложения дробей (задано 14.09)');
    expect(letter.html).toContain('К уроку: Выучить правило сложения дробей (задано 14.09)');
    // Another pupil's individual homework, given or due, appears in none of them.
    for (const part of [text, letter.text, letter.html]) expect(part).not.toContain('Карточка № 9');
  });
});

describe('who may print', () => {
  it('lets a parent print their own child, the class teacher the class, management and the secretary anyone of the school', async () => {
    const management = await actorFor(db, await createUser(db, fx.schoolId, ['MANAGEMENT']));
    const secretary = await actorFor(db, await createUser(db, fx.schoolId, ['SECRETARY']));
    const parent = await actorFor(db, fx.parentId);
    const classTeacher = await actorFor(db, fx.teacherId);
    expect((await loadWeekExtract(parent, pupils.first, WEEK, NOW)).ok).toBe(true);
    for (const actor of [classTeacher, management, secretary]) {
      for (const id of Object.values(pupils)) expect((await loadWeekExtract(actor, id, WEEK, NOW)).ok).toBe(true);
    }
  });

  it('refuses everybody else: another family’s child as unknown, a subject teacher and the pupil with 403, another school', async () => {
    const parent = await actorFor(db, fx.parentId);
    // A family is told «not found» for another child, exactly as for an id that is nobody's,
    // so pupil ids cannot be mapped out; staff are told why.
    const notFound = { ok: false, status: 404, error: 'Ученик не найден' };
    expect(await loadWeekExtract(parent, pupils.second, WEEK, NOW)).toMatchObject(notFound);
    expect(await loadWeekExtract(parent, 987_654, WEEK, NOW)).toMatchObject(notFound);
    expect(await loadWeekExtract(await actorFor(db, pupils.first), pupils.second, WEEK, NOW)).toMatchObject(notFound);

    const subjectTeacherId = await createUser(db, fx.schoolId, ['TEACHER']);
    await db.courseTeacher.create({ data: { schoolId: fx.schoolId, courseId: fx.courseId, teacherId: subjectTeacherId, isPrimary: false } });
    expect(await loadWeekExtract(await actorFor(db, subjectTeacherId), pupils.first, WEEK, NOW)).toMatchObject({ ok: false, status: 403 });

    expect(await loadWeekExtract(await actorFor(db, pupils.first), pupils.first, WEEK, NOW)).toMatchObject({ ok: false, status: 403 });

    const otherSchool = await createSchool(db, 'Школа № 2');
    const stranger = await createUser(db, otherSchool, ['STUDENT']);
    const management = await actorFor(db, await createUser(db, fx.schoolId, ['MANAGEMENT']));
    expect(await loadWeekExtract(management, stranger, WEEK, NOW)).toMatchObject({ ok: false, status: 404, error: 'Ученик не найден' });
    expect(await loadWeekExtract(management, 999_999, WEEK, NOW)).toMatchObject({ ok: false, status: 404 });
  });

  it('lets a class teacher print a pupil who moved class for the weeks in their class only', async () => {
    const otherTeacherId = await createUser(db, fx.schoolId, ['TEACHER']);
    const other = await db.schoolClass.create({ data: { schoolId: fx.schoolId, academicYearId: fx.academicYearId, gradeLevel: 5, letter: 'Б', classTeacherId: otherTeacherId, periodSchemeId: fx.periodSchemeId } });
    // The first pupil moves to 5Б on Thursday 17 September.
    await db.enrollment.updateMany({ where: { studentId: pupils.first, classId: fx.classId }, data: { endDate: day('2026-09-16') } });
    await enroll(db, fx.schoolId, pupils.first, other.id, '2026-09-17');
    const later = new Date('2026-10-02T12:00:00Z');
    const [formerTeacher, newTeacher] = [await actorFor(db, fx.teacherId), await actorFor(db, otherTeacherId)];
    const denied = { ok: false, status: 403 };
    expect((await loadWeekExtract(formerTeacher, pupils.first, WEEK, later)).ok).toBe(true);
    expect(await loadWeekExtract(formerTeacher, pupils.first, '2026-09-21', later)).toMatchObject(denied);
    expect(await loadWeekExtract(formerTeacher, pupils.first, '2026-09-28', later)).toMatchObject(denied);
    expect((await loadWeekExtract(newTeacher, pupils.first, WEEK, later)).ok).toBe(true);
    expect((await loadWeekExtract(newTeacher, pupils.first, '2026-09-28', later)).ok).toBe(true);
    expect(await loadWeekExtract(newTeacher, pupils.first, '2026-09-07', later)).toMatchObject(denied);
    // The family and management print every week.
    for (const actor of [await actorFor(db, fx.parentId), await actorFor(db, await createUser(db, fx.schoolId, ['MANAGEMENT']))]) {
      expect((await loadWeekExtract(actor, pupils.first, '2026-09-28', later)).ok).toBe(true);
    }
  });

  it('refuses a malformed or future week with 400', async () => {
    const parent = await actorFor(db, fx.parentId);
    expect(await loadWeekExtract(parent, pupils.first, '14.09.2026', NOW)).toMatchObject({ ok: false, status: 400 });
    expect(await loadWeekExtract(parent, pupils.first, '2026-02-30', NOW)).toMatchObject({ ok: false, status: 400 });
    expect(await loadWeekExtract(parent, pupils.first, '2026-09-21', NOW)).toMatchObject({
      ok: false, status: 400, error: 'Выписку можно сформировать только за прошедшую или текущую неделю',
    });
    // Any day of a past week stands for that week.
    const past = await loadWeekExtract(parent, pupils.first, '2026-09-09', NOW);
    expect(past.ok && past.extract.weekStart).toBe('2026-09-07');
  });
});

describe('the class batch', () => {
  async function consents() {
    const base = { schoolId: fx.schoolId, documentVersion: '2026.1', recordedById: fx.adminId };
    await db.consent.createMany({
      data: [
        { ...base, studentId: pupils.first, guardianId: fx.parentId, decision: 'GRANTED', deliveryPreference: 'EMAIL', contactEmail: 'olga@example.ru' },
        { ...base, studentId: pupils.second, decision: 'REFUSED', deliveryPreference: 'PAPER' },
        // The third has no consent: paper by default.
      ],
    });
  }

  async function batchPages(actor: Actor, all: boolean, duplex = false) {
    return batchPagesOf(await planBatch(actor, { classId: fx.classId, week: WEEK, all }, NOW), duplex);
  }

  async function batchPagesOf(result: Awaited<ReturnType<typeof planBatch>>, duplex = false) {
    if (!result.ok) throw new Error(result.error);
    const pdf = await collectStream(streamExtractBatch(batchExtracts(result.plan), { title: 'Выписки', author: 'Школа' }, { duplex }));
    return { plan: result.plan, pages: pdfPages(pdf) };
  }

  /** The pupil named on each page group's first page, and the groups' sizes. */
  function groups(pages: string[]) {
    const starts = pages.flatMap((p, i) => (p.includes('Еженедельная выписка') ? [i] : []));
    const names = starts.map((i) => /Ученик\d Пётр/.exec(pages[i])![0]);
    const sizes = starts.map((s, k) => (starts[k + 1] ?? pages.length) - s);
    return { names, sizes };
  }

  it('prints by default only the families informed on paper (refusal, no consent), in class order, one page group each', async () => {
    await consents();
    const classTeacher = await actorFor(db, fx.teacherId);
    const { plan, pages } = await batchPages(classTeacher, false, true);
    expect(plan.pupils.map((p) => p.id)).toEqual([pupils.second, pupils.third]);
    const { names, sizes } = groups(pages);
    expect(names).toEqual(['Ученик2 Пётр', 'Ученик3 Пётр']);
    // Printed for duplex: every pupil on whole sheets.
    expect(sizes.every((n) => n % 2 === 0)).toBe(true);
    expect(pages.join('')).not.toContain('Ученик1');
    expect(pages[0]).toContain('Карточка № 7');
  });

  it('prints the whole class on request', async () => {
    await consents();
    const management = await actorFor(db, await createUser(db, fx.schoolId, ['MANAGEMENT']));
    const { pages } = await batchPages(management, true);
    expect(groups(pages).names).toEqual(['Ученик1 Пётр', 'Ученик2 Пётр', 'Ученик3 Пётр']);
    expect(pages.join('')).not.toContain('Оборот листа');
  });

  it('keeps to the pupils of that week: one who joined later is not printed for an earlier week', async () => {
    const late = await createUser(db, fx.schoolId, ['STUDENT'], { lastName: 'Ученик0', firstName: 'Новенький' });
    await enroll(db, fx.schoolId, late, fx.classId, '2026-10-01');
    const result = await planBatch(await actorFor(db, fx.teacherId), { classId: fx.classId, week: WEEK, all: true }, NOW);
    expect(result.ok && result.plan.pupils.map((p) => p.id)).toEqual(Object.values(pupils));
  });

  /** 6Б with its own class teacher, and the third pupil (no consent: on paper) moved there on Thursday. */
  async function thirdMovesOnThursday() {
    const otherTeacher = await createUser(db, fx.schoolId, ['TEACHER']);
    const other = await db.schoolClass.create({ data: { schoolId: fx.schoolId, academicYearId: fx.academicYearId, gradeLevel: 5, letter: 'Б', classTeacherId: otherTeacher, periodSchemeId: fx.periodSchemeId } });
    await db.enrollment.updateMany({ where: { studentId: pupils.third, classId: fx.classId }, data: { endDate: day('2026-09-16') } });
    await enroll(db, fx.schoolId, pupils.third, other.id, '2026-09-17');
    return { otherClassId: other.id, otherTeacher: await actorFor(db, otherTeacher) };
  }

  it('prints a pupil who moved class mid-week in the new class’s batch only, for that week and for it later', async () => {
    await consents();
    const { otherClassId, otherTeacher } = await thirdMovesOnThursday();
    const classTeacher = await actorFor(db, fx.teacherId);
    for (const all of [false, true]) {
      const own = await planBatch(classTeacher, { classId: fx.classId, week: WEEK, all }, NOW);
      expect(own.ok && own.plan.pupils.map((p) => p.id)).toEqual(all ? [pupils.first, pupils.second] : [pupils.second]);
      const theirs = await planBatch(otherTeacher, { classId: otherClassId, week: WEEK, all }, NOW);
      expect(theirs.ok && theirs.plan.pupils.map((p) => p.id)).toEqual([pupils.third]);
    }
    // The week before the move, printed a week late: the family is still the old class’s, on paper.
    const late = new Date('2026-09-25T12:00:00Z');
    const before = await planBatch(classTeacher, { classId: fx.classId, week: '2026-09-07', all: false }, late);
    expect(before.ok && before.plan.pupils.map((p) => p.id)).toEqual([pupils.second, pupils.third]);
    const { pages } = await batchPagesOf(before);
    expect(groups(pages).names).toEqual(['Ученик2 Пётр', 'Ученик3 Пётр']);
  });

  it('prints the week’s extract on paper for a pupil who left the school during it', async () => {
    await consents();
    await db.enrollment.updateMany({ where: { studentId: pupils.third }, data: { endDate: day('2026-09-16') } });
    const result = await planBatch(await actorFor(db, fx.teacherId), { classId: fx.classId, week: WEEK, all: false }, NOW);
    expect(result.ok && result.plan.pupils.map((p) => p.id)).toEqual([pupils.second, pupils.third]);
  });

  it('lets management print the paper families by the journal right alone, and the print page names them', async () => {
    await consents();
    const directorId = await createUser(db, fx.schoolId, ['MANAGEMENT']);
    await seedRolePermissions(db, fx.schoolId);
    // The school took the separate printing right from management: reading every journal still prints (printsSchool).
    await db.rolePermission.deleteMany({ where: { schoolId: fx.schoolId, role: 'MANAGEMENT', permission: 'extracts:print:school' } });
    const director = await actorFor(db, directorId);
    const result = await planBatch(director, { classId: fx.classId, week: WEEK, all: false }, NOW);
    expect(result.ok && result.plan.pupils.map((p) => p.id)).toEqual([pupils.second, pupils.third]);
    const page = await printPage(director, fx.classId, NOW);
    if (!page.ok) throw new Error(page.error);
    expect(page.page.pupils.map((p) => [p.name, p.paperReason])).toEqual([
      ['Ученик1 Пётр', null],
      ['Ученик2 Пётр', 'отказ от электронной формы'], // a refusal stays in force whoever signed it (OPEN_TO_FAMILY)
      ['Ученик3 Пётр', 'согласие не оформлено'],
    ]);
  });

  it('prints for a family meant to read the diary online when none of its parents can sign in', async () => {
    const base = { schoolId: fx.schoolId, documentVersion: '2026.1', recordedById: fx.adminId, decision: 'GRANTED' as const, deliveryPreference: 'ONLINE' as const };
    const parents: number[] = [];
    for (const studentId of Object.values(pupils)) {
      const guardianId = await createUser(db, fx.schoolId, ['PARENT']);
      await db.guardianship.create({ data: { schoolId: fx.schoolId, parentId: guardianId, studentId } });
      await db.consent.create({ data: { ...base, studentId, guardianId } });
      parents.push(guardianId);
    }
    // The first two families got their passwords; the third parent has a login but no password yet.
    await db.user.updateMany({ where: { id: { in: parents.slice(0, 2) } }, data: { passwordHash: 'x' } });
    const classTeacher = await actorFor(db, fx.teacherId);
    const { plan, pages } = await batchPages(classTeacher, false);
    expect(plan.pupils.map((p) => p.id)).toEqual([pupils.third]);
    expect(groups(pages).names).toEqual(['Ученик3 Пётр']);
    const page = await printPage(classTeacher, fx.classId, NOW);
    expect(page.ok && page.page.pupils.map((p) => p.paperReason)).toEqual([null, null, 'у родителей нет входа в дневник']);
  });

  it('refuses another class’s teacher, the whole school to a class teacher, and unknown classes', async () => {
    const otherTeacher = await createUser(db, fx.schoolId, ['TEACHER']);
    await db.schoolClass.create({ data: { schoolId: fx.schoolId, academicYearId: fx.academicYearId, gradeLevel: 6, letter: 'Б', classTeacherId: otherTeacher, periodSchemeId: fx.periodSchemeId } });
    const other = await actorFor(db, otherTeacher);
    expect(await planBatch(other, { classId: fx.classId, week: WEEK, all: false }, NOW)).toMatchObject({ ok: false, status: 403 });
    const classTeacher = await actorFor(db, fx.teacherId);
    expect(await planBatch(classTeacher, { classId: null, week: WEEK, all: false }, NOW)).toMatchObject({ ok: false, status: 403 });
    expect(await planBatch(classTeacher, { classId: 999_999, week: WEEK, all: false }, NOW)).toMatchObject({ ok: false, status: 404 });
    const parent = await actorFor(db, fx.parentId);
    expect(await planBatch(parent, { classId: fx.classId, week: WEEK, all: true }, NOW)).toMatchObject({ ok: false, status: 403 });
  });

  it('says so when no family of the class is on paper', async () => {
    const base = { schoolId: fx.schoolId, documentVersion: '2026.1', recordedById: fx.adminId, decision: 'GRANTED' as const, deliveryPreference: 'ONLINE' as const };
    // A consent counts only as signed by a current guardian of the pupil.
    for (const studentId of Object.values(pupils)) {
      const guardianId = await createUser(db, fx.schoolId, ['PARENT']);
      await db.user.update({ where: { id: guardianId }, data: { passwordHash: 'x' } }); // can sign in
      await db.guardianship.create({ data: { schoolId: fx.schoolId, parentId: guardianId, studentId } });
      await db.consent.create({ data: { ...base, studentId, guardianId } });
    }
    const result = await planBatch(await actorFor(db, fx.teacherId), { classId: fx.classId, week: WEEK, all: false }, NOW);
    expect(result).toMatchObject({ ok: false, status: 404 });
  });
});

describe('the print page’s weeks', () => {
  /** The print page's label of WEEK and the range the extract of that week prints. */
  async function labelAndExtract() {
    const classTeacher = await actorFor(db, fx.teacherId);
    const page = await printPage(classTeacher, fx.classId, NOW);
    if (!page.ok) throw new Error(page.error);
    const extract = await loadWeekExtract(classTeacher, pupils.first, WEEK, NOW);
    if (!extract.ok) throw new Error(extract.error);
    return { label: page.page.weeks.find((x) => x.monday === WEEK)!.label, extract: formatRangeRu(extract.extract.weekStart, extract.extract.weekEnd) };
  }

  it('names the week as the extract prints it: to Friday on a five-day week, to Saturday on a six-day one with Saturday lessons', async () => {
    await db.school.update({ where: { id: fx.schoolId }, data: { schoolDaysPerWeek: 5 } });
    expect(await labelAndExtract()).toEqual({ label: '14–18 сентября 2026 (текущая)', extract: '14–18 сентября 2026' });

    await db.school.update({ where: { id: fx.schoolId }, data: { schoolDaysPerWeek: 6 } });
    await db.timetableEntry.create({ data: { schoolId: fx.schoolId, academicYearId: fx.academicYearId, courseId: fx.courseId, weekday: 6, slot: 1, validFrom: day('2026-09-01') } });
    expect(await labelAndExtract()).toEqual({ label: '14–19 сентября 2026 (текущая)', extract: '14–19 сентября 2026' });
  });
});
