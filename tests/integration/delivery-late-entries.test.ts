// The weekly digest is a snapshot taken from 18:00 on the last school day, and marks may come up to
// a week after the lesson: what is entered or corrected after a family's digest was written is
// reported in their next digest, once, and nothing of another pupil's; so is a mark deleted after
// a digest had it.
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resetDb, testDb } from '../support/db';
import { sqlStatements } from '../support/sql-statements';
import { actorFor } from '../support/actors';
import { createLesson, createMark, createSchoolFixture, createUser, day, type SchoolFixture } from '../support/fixtures';
import { plainTextOf, startSmtp, type Smtp } from '../support/smtp-server';
import { enqueueWeeklyDigests } from '../../lib/jobs/weekly-digest';
import { saveCell } from '../../lib/data/journal/save-cell';
import type { CellSaveInput } from '../../lib/data/journal/cell-schema';
import { sendDueNotifications } from '../../lib/mail/sender';
import { smtpTransport } from '../../lib/mail/transport';
import { addDays, weekStart } from '../../lib/domain/calendar';
import { toSchoolDate } from '../../lib/domain/timezone';

const db = testDb();
let fx: SchoolFixture;

/** Saturday 18:07 in Moscow, the last school day of the week of `monday`: the hourly job writes that week's digest. */
const saturdayEvening = (monday: string) => new Date(new Date(`${monday}T15:07:00Z`).getTime() + 5 * 86_400_000);

/** Sets when a row was recorded, as if the teacher had saved it then. */
async function recordedAt(table: 'marks' | 'attendance', id: number, created: string, updated = created) {
  await db.$executeRawUnsafe(`UPDATE ${table} SET created_at = $1::timestamptz, updated_at = $2::timestamptz WHERE id = $3`, created, updated, id);
}

const digests = () => db.notification.findMany({ where: { kind: 'digest' }, orderBy: { dedupeKey: 'asc' } });
const section = (text: string) => {
  const lines = text.split('\n');
  const start = lines.indexOf('ВНЕСЕНО ПОСЛЕ ПРОШЛОГО ПИСЬМА');
  return start < 0 ? [] : lines.slice(start + 2, lines.indexOf('', start));
};

beforeEach(async () => {
  await resetDb();
  fx = await createSchoolFixture(db, { pupils: 2 });
  await db.consent.create({
    data: { schoolId: fx.schoolId, studentId: fx.studentIds[0], guardianId: fx.parentId, decision: 'GRANTED', deliveryPreference: 'EMAIL', contactEmail: 'olga@example.ru', documentVersion: '1', recordedById: fx.adminId },
  });
});

describe('entries recorded after a digest was written', () => {
  it('come in the family’s next digest, once; a correction says so; another pupil’s never', async () => {
    const tuesday = await createLesson(db, fx, { date: '2026-09-15', slot: 3, topic: 'Делимость' });
    const friday = await createLesson(db, fx, { date: '2026-09-18', slot: 3, topic: 'Признаки делимости' });
    const early = await createMark(db, fx, { value: '3', lessonId: tuesday });
    await recordedAt('marks', early, '2026-09-15T10:00:00Z');

    expect(await enqueueWeeklyDigests({ now: saturdayEvening('2026-09-14'), hold: true, schoolId: fx.schoolId })).toMatchObject({ enqueued: 1, failed: 0 });

    // After the letter: Friday's mark on Saturday at 19:00, Tuesday's absence on Monday, the 3 corrected to 4.
    const late = await createMark(db, fx, { value: '5', lessonId: friday });
    await db.mark.update({ where: { id: late }, data: { comment: '<b>Отлично</b> у доски' } });
    await recordedAt('marks', late, '2026-09-19T16:00:00Z');
    const other = await createMark(db, fx, { value: '2', lessonId: friday, studentId: fx.studentIds[1] });
    await recordedAt('marks', other, '2026-09-19T16:00:00Z');
    const absence = await db.attendance.create({ data: { schoolId: fx.schoolId, studentId: fx.studentIds[0], lessonId: tuesday, code: 'ABSENT', createdById: fx.teacherId, updatedById: fx.teacherId } });
    await recordedAt('attendance', absence.id, '2026-09-21T07:00:00Z');
    await db.mark.update({ where: { id: early }, data: { value: '4', numericValue: 4 } });
    await recordedAt('marks', early, '2026-09-15T10:00:00Z', '2026-09-22T08:00:00Z');

    await enqueueWeeklyDigests({ now: saturdayEvening('2026-09-21'), hold: true, schoolId: fx.schoolId });
    await enqueueWeeklyDigests({ now: saturdayEvening('2026-09-28'), hold: true, schoolId: fx.schoolId });

    const [first, second, third] = await digests();
    expect(section(first.text)).toEqual([]);
    expect(section(second.text)).toEqual([
      '15 сентября, Математика: исправлено, отметка 4 (Урок)',
      '15 сентября, Математика: посещение: Н — отсутствовал',
      '18 сентября, Математика: отметка 5 (Урок), комментарий: <b>Отлично</b> у доски',
    ]);
    expect(second.html).toContain('Внесено после прошлого письма');
    expect(second.html).toContain('&lt;b&gt;Отлично&lt;/b&gt; у доски');
    expect(second.html).not.toContain('<b>Отлично</b>');
    expect(second.text).not.toContain('отметка 2');
    // Reported once: the week after says nothing of them again.
    expect(section(third.text)).toEqual([]);
  });

  it('are reported after a holiday week that had no digest of its own', async () => {
    // The first term ends on 25 October; the second begins after a week of holidays.
    await db.studyPeriod.create({ data: { schoolId: fx.schoolId, academicYearId: fx.academicYearId, schemeId: fx.periodSchemeId, name: '2 четверть', ordinal: 2, startDate: day('2026-11-02'), endDate: day('2026-12-27') } });
    const friday = await createLesson(db, fx, { date: '2026-10-23', slot: 3 });
    await enqueueWeeklyDigests({ now: saturdayEvening('2026-10-19'), hold: true, schoolId: fx.schoolId });
    // Entered during the holidays, for the lesson before them.
    const mark = await createMark(db, fx, { value: '4', lessonId: friday });
    await recordedAt('marks', mark, '2026-10-28T09:00:00Z');
    expect(await enqueueWeeklyDigests({ now: saturdayEvening('2026-10-26'), hold: true, schoolId: fx.schoolId })).toMatchObject({ enqueued: 0 });
    await enqueueWeeklyDigests({ now: saturdayEvening('2026-11-02'), hold: true, schoolId: fx.schoolId });
    const [, after] = await digests();
    expect(after.dedupeKey).toMatch(/:2026-11-02$/);
    expect(section(after.text)).toEqual(['23 октября, Математика: отметка 4 (Урок)']);
  });

  it('leave out what the family’s letter already had, and start with the family’s first letter', async () => {
    const tuesday = await createLesson(db, fx, { date: '2026-09-22', slot: 3 });
    // A mark of the week before the family chose e-mail, entered late: their first letter is no place for it.
    const before = await createLesson(db, fx, { date: '2026-09-15', slot: 3 });
    const old = await createMark(db, fx, { value: '4', lessonId: before });
    await recordedAt('marks', old, '2026-09-21T07:00:00Z');
    const inTime = await createMark(db, fx, { value: '5', lessonId: tuesday });
    await recordedAt('marks', inTime, '2026-09-22T10:00:00Z');

    await enqueueWeeklyDigests({ now: saturdayEvening('2026-09-21'), hold: true, schoolId: fx.schoolId });
    await enqueueWeeklyDigests({ now: saturdayEvening('2026-09-28'), hold: true, schoolId: fx.schoolId });

    const [first, second] = await digests();
    expect(first.text).toContain('отметки: 5 (Урок)');
    expect(section(first.text)).toEqual([]);
    expect(section(second.text)).toEqual([]);
  });
});

describe('two families in one batch', () => {
  /** The second pupil's mother, with a consent to letters by e-mail. */
  async function irinaChoosesEmail() {
    const irina = await createUser(db, fx.schoolId, ['PARENT'], { lastName: 'Ученик2', firstName: 'Ирина' });
    await db.guardianship.create({ data: { schoolId: fx.schoolId, parentId: irina, studentId: fx.studentIds[1], relation: 'мать' } });
    await db.consent.create({
      data: { schoolId: fx.schoolId, studentId: fx.studentIds[1], guardianId: irina, decision: 'GRANTED', deliveryPreference: 'EMAIL', contactEmail: 'irina@example.ru', documentVersion: '1', recordedById: fx.adminId },
    });
  }

  it('each get what was recorded since their own previous letter', async () => {
    const tuesday = await createLesson(db, fx, { date: '2026-09-15', slot: 3 });
    const friday = await createLesson(db, fx, { date: '2026-09-18', slot: 3 });
    // Olga's letter is written on Saturday at 18:07; Irina chooses e-mail on Sunday, and the next
    // hourly run writes her letter of the same week then.
    await enqueueWeeklyDigests({ now: saturdayEvening('2026-09-14'), hold: true, schoolId: fx.schoolId });
    await irinaChoosesEmail();
    // Between the two letters, on Saturday at 21:00 in Moscow: a mark for each pupil.
    const olgasFour = await createMark(db, fx, { value: '4', lessonId: tuesday });
    await recordedAt('marks', olgasFour, '2026-09-19T18:00:00Z');
    const irinasFive = await createMark(db, fx, { value: '5', lessonId: tuesday, studentId: fx.studentIds[1] });
    await recordedAt('marks', irinasFive, '2026-09-19T18:00:00Z');
    expect(await enqueueWeeklyDigests({ now: new Date('2026-09-20T07:00:00Z'), hold: true, schoolId: fx.schoolId })).toMatchObject({ enqueued: 1, alreadyQueued: 1 });
    // After both letters, on Monday.
    const irinasThree = await createMark(db, fx, { value: '3', lessonId: friday, studentId: fx.studentIds[1] });
    await recordedAt('marks', irinasThree, '2026-09-21T07:00:00Z');

    expect(await enqueueWeeklyDigests({ now: saturdayEvening('2026-09-21'), hold: true, schoolId: fx.schoolId })).toMatchObject({ enqueued: 2 });

    const letters = await digests();
    const letter = (studentId: number, monday: string) => letters.find((n) => n.dedupeKey.startsWith(`digest:${studentId}:`) && n.dedupeKey.endsWith(monday))!;
    expect(letter(fx.studentIds[1], '2026-09-14').text).toContain('отметки: 5 (Урок)');
    expect(section(letter(fx.studentIds[0], '2026-09-21').text)).toEqual(['15 сентября, Математика: отметка 4 (Урок)']);
    expect(section(letter(fx.studentIds[1], '2026-09-21').text)).toEqual(['18 сентября, Математика: отметка 3 (Урок)']);
  });

  it('read their previous letters in one query, however many families there are', async () => {
    const outboxReads = async (monday: string) => {
      const statements = await sqlStatements(() => enqueueWeeklyDigests({ now: saturdayEvening(monday), hold: true, schoolId: fx.schoolId }));
      return statements.filter((q) => q.startsWith('SELECT') && q.includes('FROM "public"."notifications"')).length;
    };
    await enqueueWeeklyDigests({ now: saturdayEvening('2026-09-14'), hold: true, schoolId: fx.schoolId });
    const oneFamily = await outboxReads('2026-09-21');
    await irinaChoosesEmail();
    await enqueueWeeklyDigests({ now: saturdayEvening('2026-09-28'), hold: true, schoolId: fx.schoolId });
    const twoFamilies = await outboxReads('2026-10-05');
    expect(await db.notification.count({ where: { kind: 'digest', dedupeKey: { endsWith: '2026-10-05' } } })).toBe(2);
    expect(twoFamilies).toBe(oneFamily);
  });
});

describe('a mark deleted after a digest had it', () => {
  let smtp: Smtp | undefined;
  afterEach(async () => {
    await smtp?.close();
    smtp = undefined;
  });

  it('is reported in the next digest, once, with the value the family read; a mark entered and deleted between letters is not', async () => {
    // On the real clock: a deletion is told by its audit row, stamped now. `thisMonday`: the week
    // whose digest is the next to be written; the mark is of the week before, whose digest is out.
    let thisMonday = weekStart(toSchoolDate(new Date(), 'Europe/Moscow'));
    if (saturdayEvening(thisMonday) <= new Date()) thisMonday = addDays(thisMonday, 7);
    const lastMonday = addDays(thisMonday, -7);
    // The fixture's year and first term stretched around these weeks, whatever today is.
    await db.studyPeriod.update({ where: { id: fx.studyPeriodId }, data: { startDate: day(addDays(lastMonday, -21)), endDate: day(addDays(thisMonday, 21)) } });
    await db.academicYear.update({ where: { id: fx.academicYearId }, data: { startDate: day(addDays(lastMonday, -21)), endDate: day(addDays(thisMonday, 60)) } });
    const wednesday = addDays(lastMonday, 2);
    const lesson = await createLesson(db, fx, { date: wednesday, slot: 3 });
    const five = await createMark(db, fx, { value: '5', lessonId: lesson });
    await recordedAt('marks', five, `${wednesday}T10:00:00Z`);
    const others = await createMark(db, fx, { value: '2', lessonId: lesson, studentId: fx.studentIds[1] });
    await recordedAt('marks', others, `${wednesday}T10:00:00Z`);
    await enqueueWeeklyDigests({ now: saturdayEvening(lastMonday), hold: true, schoolId: fx.schoolId });

    // After that letter: the 5 corrected to 3, then deleted; a 4 put in and taken out again; the other pupil's 2 deleted.
    const teacher = await actorFor(db, fx.teacherId);
    const cell = (over: Partial<CellSaveInput> & { expectedVersion: number }): CellSaveInput => ({ idempotencyKey: randomUUID(), lessonId: lesson, studentId: fx.studentIds[0], position: 0, ...over });
    expect(await saveCell(teacher, cell({ value: '3', expectedVersion: 1 }))).toMatchObject({ ok: true });
    expect(await saveCell(teacher, cell({ clear: 'mark', expectedVersion: 2 }))).toMatchObject({ ok: true, mark: null });
    expect(await saveCell(teacher, cell({ position: 1, value: '4', expectedVersion: 0 }))).toMatchObject({ ok: true });
    expect(await saveCell(teacher, cell({ position: 1, clear: 'mark', expectedVersion: 1 }))).toMatchObject({ ok: true, mark: null });
    expect(await saveCell(teacher, cell({ studentId: fx.studentIds[1], clear: 'mark', expectedVersion: 1 }))).toMatchObject({ ok: true, mark: null });
    expect(await db.mark.count()).toBe(0);

    smtp = await startSmtp();
    await enqueueWeeklyDigests({ now: saturdayEvening(thisMonday), hold: false, schoolId: fx.schoolId });
    expect(await sendDueNotifications(smtpTransport(smtp.url, 'school@example.ru'), { now: saturdayEvening(thisMonday) })).toMatchObject({ sent: 1 });
    await enqueueWeeklyDigests({ now: saturdayEvening(addDays(thisMonday, 7)), hold: true, schoolId: fx.schoolId });

    const [first, second, third] = await digests();
    expect(first.text).toContain('отметки: 5 (Урок)');
    // What the mother reads: the 5 she was told of is gone; the 4 she never saw is not mentioned.
    const date = new Intl.DateTimeFormat('ru-RU', { day: 'numeric', month: 'long', timeZone: 'UTC' }).format(day(wednesday));
    expect(section(second.text)).toEqual([`${date}, Математика: отметка удалена, было «5» (Урок)`]);
    expect(smtp.received.map((m) => m.to)).toEqual([['olga@example.ru']]);
    expect(plainTextOf(smtp.received[0].raw)).toContain(`${date}, Математика: отметка удалена, было «5» (Урок)`);
    expect(second.html).toContain('отметка удалена, было «5» (Урок)');
    expect(second.text).not.toContain('было «2»');
    expect(second.text).not.toContain('«4»');
    // Reported once.
    expect(section(third.text)).toEqual([]);
  });
});
