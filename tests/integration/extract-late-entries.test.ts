// A weekly paper extract is a snapshot of its week, and marks may come up to a week after the
// lesson: what is entered or corrected for an earlier week after the pupil's previous printed
// extract is listed on the next one («Внесено после прошлой выписки»), read back from the PDF.
// A reprint of the same week keeps the section; a family that refused the electronic diary gets
// it on paper, printed by the class teacher alone or in the class's batch.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { resetDb, testDb } from '../support/db';
import { actorFor } from '../support/actors';
import { createLesson, createMark, createSchoolFixture, createUser, type SchoolFixture } from '../support/fixtures';
import type { Actor } from '../../lib/auth/actor';
import { batchExtracts, planBatch } from '../../lib/data/extracts/class-batch';
import { loadWeekExtract } from '../../lib/data/extracts/week-extract';
import { collectStream, streamExtractBatch } from '../../lib/pdf/extract-batch';
import { renderWeekExtract } from '../../lib/pdf/week-extract';

const db = testDb();
const dir = mkdtempSync(path.join(tmpdir(), 'extract-late-'));
let files = 0;
let fx: SchoolFixture;
let classTeacher: Actor;

/** The PDF's text in drawing order, whitespace folded, so a wrapped row reads as one line. */
function pdfText(pdf: Buffer): string {
  const file = path.join(dir, `${++files}.pdf`);
  writeFileSync(file, pdf);
  return execFileSync('pdftotext', ['-raw', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
}

/** The section's text, from its title to the averages (or the signatures), or null when absent. */
function lateSection(text: string): string | null {
  const start = text.indexOf('Внесено после прошлой выписки');
  if (start < 0) return null;
  const end = text.search(/Успеваемость|Классный руководитель/);
  return text.slice(start, end > start ? end : undefined);
}

async function printOne(studentId: number, week: string, at: string): Promise<string> {
  const result = await loadWeekExtract(classTeacher, studentId, week, new Date(at));
  if (!result.ok) throw new Error(result.error);
  return pdfText(await renderWeekExtract(result.extract));
}

/** Sets when a row was recorded, as if the teacher had saved it then. */
async function recordedAt(table: 'marks' | 'attendance', id: number, created: string, updated = created) {
  await db.$executeRawUnsafe(`UPDATE ${table} SET created_at = $1::timestamptz, updated_at = $2::timestamptz WHERE id = $3`, created, updated, id);
}

/**
 * Removes a mark or an absence as the journal's cell save does (lib/data/journal/cell-writes.ts):
 * the row goes, an audit row keeps the old value. `enteredAt` also writes the audit row of its entry.
 */
async function removeCell(target: { mark: number } | { attendance: number }, at: string, enteredAt?: string) {
  const isMark = 'mark' in target;
  const row = isMark ? await db.mark.delete({ where: { id: target.mark } }) : await db.attendance.delete({ where: { id: target.attendance } });
  const old = 'value' in row ? { id: row.id, value: row.value, workTypeId: row.workTypeId, position: row.position } : { id: row.id, code: row.code === 'ILL' ? 'Б' : 'Н' };
  const base = {
    schoolId: fx.schoolId, actorId: fx.teacherId, entityType: isMark ? 'Mark' : 'Attendance', entityId: String(row.id),
    details: { lessonId: row.lessonId, studentId: row.studentId, courseId: fx.courseId },
  };
  const kind = isMark ? 'mark' : 'attendance';
  if (enteredAt) await db.auditLog.create({ data: { ...base, action: `${kind}.create`, newValue: old, createdAt: new Date(enteredAt) } });
  await db.auditLog.create({ data: { ...base, action: `${kind}.delete`, oldValue: old, createdAt: new Date(at) } });
}

beforeEach(async () => {
  await resetDb();
  fx = await createSchoolFixture(db, { pupils: 2 });
  classTeacher = await actorFor(db, fx.teacherId);
});

describe('entries of earlier weeks recorded after the previous printed extract', () => {
  /**
   * Week of 14 September printed on Saturday 19th. Before that print: a 2 and an illness on
   * Wednesday 16th, a 3 on Tuesday 15th. After it: a 5 for Friday 18th, an absence on Tuesday,
   * the 3 corrected to 4, the illness removed, another pupil's mark, and a 3 entered and removed.
   */
  async function lateWeek() {
    const tuesday = await createLesson(db, fx, { date: '2026-09-15', slot: 3, topic: 'Делимость' });
    const wednesday = await createLesson(db, fx, { date: '2026-09-16', slot: 3, topic: 'НОД' });
    const friday = await createLesson(db, fx, { date: '2026-09-18', slot: 3, topic: 'Признаки делимости' });
    const inTime = await createMark(db, fx, { value: '2', lessonId: wednesday });
    await recordedAt('marks', inTime, '2026-09-16T10:00:00Z');
    const corrected = await createMark(db, fx, { value: '3', lessonId: tuesday });
    await recordedAt('marks', corrected, '2026-09-15T10:00:00Z');
    const ill = await db.attendance.create({ data: { schoolId: fx.schoolId, studentId: fx.studentIds[0], lessonId: wednesday, code: 'ILL', createdById: fx.teacherId, updatedById: fx.teacherId } });
    await recordedAt('attendance', ill.id, '2026-09-16T10:00:00Z');

    await printOne(fx.studentIds[0], '2026-09-14', '2026-09-19T09:00:00Z');

    const late = await createMark(db, fx, { value: '5', lessonId: friday });
    await recordedAt('marks', late, '2026-09-21T07:00:00Z');
    const absence = await db.attendance.create({ data: { schoolId: fx.schoolId, studentId: fx.studentIds[0], lessonId: tuesday, code: 'ABSENT', comment: 'без предупреждения', createdById: fx.teacherId, updatedById: fx.teacherId } });
    await recordedAt('attendance', absence.id, '2026-09-21T08:00:00Z');
    await db.mark.update({ where: { id: corrected }, data: { value: '4', numericValue: 4 } });
    await recordedAt('marks', corrected, '2026-09-15T10:00:00Z', '2026-09-22T08:00:00Z');
    const other = await createMark(db, fx, { value: '2', lessonId: friday, studentId: fx.studentIds[1] });
    await recordedAt('marks', other, '2026-09-21T07:00:00Z');
    await removeCell({ attendance: ill.id }, '2026-09-22T09:00:00Z');
    // Never on paper: entered after the print and removed again before the next one.
    await removeCell({ mark: await createMark(db, fx, { value: '3', lessonId: friday, position: 2 }) }, '2026-09-22T10:00:00Z', '2026-09-21T10:00:00Z');
    await removeCell({ mark: other }, '2026-09-22T11:00:00Z');
  }

  const EXPECTED = [
    '15 сентября Математика исправлено, отметка 4 (Урок)',
    '15 сентября Математика посещение: Н — отсутствовал, комментарий: без предупреждения',
    '16 сентября Математика отметка посещения снята, было «Б — болел»',
    '18 сентября Математика отметка 5 (Урок)',
  ];

  it('lists a late mark with its date, subject and value on the next week’s extract, not what the previous one had; a reprint keeps the section; the week after, once', async () => {
    await lateWeek();
    const next = lateSection(await printOne(fx.studentIds[0], '2026-09-21', '2026-09-26T09:00:00Z'));
    expect(next).not.toBeNull();
    for (const line of EXPECTED) expect(next).toContain(line);
    // Entered before the previous extract: it was on that sheet, in its week; the 3 entered and
    // removed since never was; another pupil's 2 (entered, removed) is not this family's.
    for (const value of ['2', '3']) {
      expect(next).not.toContain(`отметка ${value}`);
      expect(next).not.toContain(`«${value}»`);
    }

    // Reprinted on Monday (the first sheet was lost): the same section, with what came since.
    const friday = await db.lesson.findFirstOrThrow({ where: { courseId: fx.courseId, topic: 'Признаки делимости' } });
    const meanwhile = await createMark(db, fx, { value: '4', lessonId: friday.id, position: 1 });
    await recordedAt('marks', meanwhile, '2026-09-27T10:00:00Z');
    const reprint = lateSection(await printOne(fx.studentIds[0], '2026-09-21', '2026-09-28T06:00:00Z'));
    for (const line of [...EXPECTED, '18 сентября Математика отметка 4 (Урок)']) expect(reprint).toContain(line);

    // The week after: everything above was on paper already.
    expect(lateSection(await printOne(fx.studentIds[0], '2026-09-28', '2026-10-03T09:00:00Z'))).toBeNull();
  });

  it('is not moved on by a sheet the family was not given: the director checking one, the parent’s own download', async () => {
    await lateWeek();
    const director = await actorFor(db, await createUser(db, fx.schoolId, ['MANAGEMENT']));
    for (const [actor, at] of [[director, '2026-09-23T09:00:00Z'], [await actorFor(db, fx.parentId), '2026-09-24T09:00:00Z']] as const) {
      const looked = await loadWeekExtract(actor, fx.studentIds[0], '2026-09-14', new Date(at));
      expect(looked.ok).toBe(true);
    }
    const next = lateSection(await printOne(fx.studentIds[0], '2026-09-21', '2026-09-26T09:00:00Z'));
    for (const line of EXPECTED) expect(next).toContain(line);
    expect(await db.extractPrint.count({ where: { studentId: fx.studentIds[0] } })).toBe(2);
  });

  it('has no section on a pupil’s first printed extract', async () => {
    await lateWeek();
    expect(lateSection(await printOne(fx.studentIds[1], '2026-09-21', '2026-09-26T09:00:00Z'))).toBeNull();
  });

  it('is printed for a family that refused the electronic diary, alone and in the class’s paper batch', async () => {
    await db.consent.create({ data: { schoolId: fx.schoolId, studentId: fx.studentIds[0], decision: 'REFUSED', deliveryPreference: 'PAPER', documentVersion: '1', recordedById: fx.adminId } });
    await lateWeek();
    const alone = lateSection(await printOne(fx.studentIds[0], '2026-09-21', '2026-09-26T09:00:00Z'));
    for (const line of EXPECTED) expect(alone).toContain(line);

    const plan = await planBatch(classTeacher, { classId: fx.classId, week: '2026-09-21', all: false }, new Date('2026-09-26T10:00:00Z'));
    if (!plan.ok) throw new Error(plan.error);
    expect(plan.plan.pupils.map((p) => p.id)).toContain(fx.studentIds[0]);
    const text = pdfText(await collectStream(streamExtractBatch(batchExtracts(plan.plan), { title: 'Выписки', author: 'Школа' }, { duplex: false })));
    const own = text.slice(text.indexOf('Ученик1'), text.indexOf('Ученик2') > text.indexOf('Ученик1') ? text.indexOf('Ученик2') : undefined);
    for (const line of EXPECTED) expect(own).toContain(line);
    expect(await db.extractPrint.count({ where: { studentId: fx.studentIds[0], weekStart: new Date('2026-09-21T00:00:00Z') } })).toBe(2);
  });
});
