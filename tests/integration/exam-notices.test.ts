// Notices of published ГИА results, by the final marks' machinery, against a real SMTP server on
// loopback: the family that takes e-mail gets one letter per pupil once the results are visible
// (after the school's delay), listing subject, exam and result as the diary shows them; a family
// that refused consent gets nothing; a result changed or taken back before the letter leaves is
// not sent with its old value (the results still visible get a follow-up), and its new publication
// brings a new letter; a result corrected after the letter went brings nothing until republished;
// a letter tells only what the family has not been sent; last year's graduates get their retakes.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resetDb, testDb } from '../support/db';
import { actorFor } from '../support/actors';
import { createSchoolFixture, createUser, type SchoolFixture } from '../support/fixtures';
import { plainTextOf, startSmtp, type Smtp } from '../support/smtp-server';
import type { Actor } from '@/lib/auth/actor';
import { recordConsent } from '@/lib/data/consents';
import { examSheet, publishExamResults, saveExamResults, type ExamTarget } from '@/lib/data/exams';
import { enqueueExamResultNotices } from '@/lib/jobs/exam-notices';
import { sendDueNotifications } from '@/lib/mail/sender';
import { smtpTransport } from '@/lib/mail/transport';
import { releaseHeldLetters } from '@/lib/mail/outbox';
import { addDays, formatDateRu } from '@/lib/domain/calendar';
import { toSchoolDate } from '@/lib/domain/timezone';

const db = testDb();
const HOUR = 3_600_000;

let w: SchoolFixture;
let manager: Actor;
let target: ExamTarget;
let smtp: Smtp;
let refusingParent: number;

// On the real clock: a change is told by its audit row, stamped now, so the letters are written
// at instants before it (the job's `now`), and sent in family hours after every one is due.
/** Noon in Moscow the day after tomorrow. */
const noon = () => new Date(`${new Date(Date.now() + 48 * HOUR).toISOString().slice(0, 10)}T09:00:00Z`);

beforeEach(async () => {
  await resetDb();
  w = await createSchoolFixture(db, { pupils: 2 });
  await db.schoolClass.update({ where: { id: w.classId }, data: { gradeLevel: 9 } });
  manager = await actorFor(db, await createUser(db, w.schoolId, ['MANAGEMENT'], { lastName: 'Завучева', firstName: 'Зоя' }));
  target = { classId: w.classId, kind: 'OGE', subjectId: w.subjectId, date: addDays(toSchoolDate(new Date(), 'Europe/Moscow'), -3) };
  refusingParent = await createUser(db, w.schoolId, ['PARENT'], { lastName: 'Ученик2', firstName: 'Ирина' });
  await db.user.update({ where: { id: refusingParent }, data: { email: 'irina@example.ru' } });
  await db.guardianship.create({ data: { schoolId: w.schoolId, parentId: refusingParent, studentId: w.studentIds[1] } });
  const base = { schoolId: w.schoolId, documentVersion: '2026.1', recordedById: w.adminId };
  await db.consent.createMany({
    data: [
      { ...base, studentId: w.studentIds[0], guardianId: w.parentId, decision: 'GRANTED', deliveryPreference: 'EMAIL', contactEmail: 'olga@example.ru' },
      // The refusal names an address all the same: it must get nothing.
      { ...base, studentId: w.studentIds[1], guardianId: refusingParent, decision: 'REFUSED', deliveryPreference: 'EMAIL', contactEmail: 'irina@example.ru' },
    ],
  });
  smtp = await startSmtp();
});

afterEach(async () => {
  await smtp.close();
});

/** Types the two pupils' results into the table as it stands now and saves. */
async function save(first: [string, string], second: [string, string]) {
  const sheet = await examSheet(manager, target);
  if (!sheet.ok) throw new Error(sheet.error);
  const typed = [[w.studentIds[0], first], [w.studentIds[1], second]] as const;
  const rows = typed.map(([studentId, [score, mark]]) => {
    const shown = sheet.sheet.rows.find((r) => r.studentId === studentId)!;
    return { studentId, score, mark, shownScore: shown.score, shownMark: shown.mark };
  });
  const r = await saveExamResults(manager, target, rows);
  if (!r.ok) throw new Error(r.error);
}

/** Publishes at `at`; returns when the families see the results. */
async function publish(at: Date): Promise<Date> {
  const r = await publishExamResults(manager, target, at);
  if (!r.ok) throw new Error(r.error);
  return new Date(r.visibleFrom);
}

const send = () => sendDueNotifications(smtpTransport(smtp.url, 'school@example.ru'), { now: noon() });
const examLetters = () => db.notification.findMany({ where: { kind: 'exam-results' }, orderBy: { id: 'asc' } });

describe('ГИА results published', () => {
  it('reach the family that takes e-mail once visible, one letter with subject, exam and result; the refusing family gets nothing', async () => {
    await save(['27', '5'], ['20', '4']);
    const visible = await publish(new Date(Date.now() - 30 * HOUR));

    expect(await enqueueExamResultNotices({ now: new Date(visible.getTime() - 60_000), hold: false, schoolId: w.schoolId })).toEqual({ enqueued: 0, alreadyQueued: 0, failed: 0 });
    expect(await enqueueExamResultNotices({ now: new Date(visible.getTime() + 60_000), hold: false, schoolId: w.schoolId })).toEqual({ enqueued: 1, alreadyQueued: 0, failed: 0 });
    expect(await enqueueExamResultNotices({ now: new Date(visible.getTime() + 11 * 60_000), hold: false, schoolId: w.schoolId })).toEqual({ enqueued: 0, alreadyQueued: 1, failed: 0 });
    expect(await send()).toMatchObject({ sent: 1, cancelled: 0 });

    expect(smtp.received.map((m) => m.to)).toEqual([['olga@example.ru']]);
    const text = plainTextOf(smtp.received[0].raw);
    expect(smtp.received[0].raw).toMatch(/^Subject: /m);
    expect(text).toContain('Ученик1 Пётр, класс 9А');
    expect(text).toContain('Опубликованы результаты государственной итоговой аттестации.');
    expect(text).toContain(`Математика, ОГЭ (${formatDateRu(target.date)}): отметка 5, 27 баллов`);
    expect(text).not.toContain('Ученик2');
    const [row] = await examLetters();
    expect(row).toMatchObject({ subject: 'Результаты ГИА: Ученик1 Пётр, 9А', toAddress: 'olga@example.ru', recipientUserId: w.parentId, status: 'SENT' });
    expect(row.html).toContain('27 баллов');
    // Nothing about the pupil whose family refused, in the outbox or on the wire.
    expect(await db.notification.count({ where: { OR: [{ toAddress: 'irina@example.ru' }, { dedupeKey: { startsWith: `exam:${w.studentIds[1]}:` } }] } })).toBe(0);
  });

  it.each([
    ['changed', ['25', '4'] as [string, string], 'отметка 4, 25 баллов'],
    ['emptied (not sat after all)', ['', ''] as [string, string], null],
  ])('are not sent with the old value when a result is %s before the letter goes', async (_, changed, after) => {
    await save(['27', '5'], ['', '']);
    const visible = await publish(new Date(Date.now() - 30 * HOUR));
    await enqueueExamResultNotices({ now: new Date(visible.getTime() + 60_000), hold: false, schoolId: w.schoolId });
    // The letter waits (the night, say), and management corrects the result: unpublished again.
    await save(changed, ['', '']);

    expect(await send()).toMatchObject({ sent: 0, cancelled: 1 });
    expect(smtp.received).toHaveLength(0);
    const [cancelled] = await examLetters();
    expect(cancelled).toMatchObject({ status: 'FAILED', text: '', html: null });
    expect(cancelled.lastError).toBe('Отменено перед отправкой: результат ГИА изменён или снят с публикации после того, как письмо было составлено; после новой публикации придёт новое письмо');

    // Published again, the result brings a new letter with the value the diary shows.
    if (!after) await save(['22', '4'], ['', '']);
    const again = await publish(new Date());
    expect(await enqueueExamResultNotices({ now: new Date(again.getTime() + 60_000), hold: false, schoolId: w.schoolId })).toMatchObject({ enqueued: 1 });
    expect(await send()).toMatchObject({ sent: 1, cancelled: 0 });
    const text = plainTextOf(smtp.received[0].raw);
    expect(text).toContain(`Математика, ОГЭ (${formatDateRu(target.date)}): ${after ?? 'отметка 4, 22 балла'}`);
    expect(text).not.toContain('27 баллов');
  });

  it('are not sent to a family that refuses consent after the letter was written', async () => {
    await save(['27', '5'], ['', '']);
    const visible = await publish(new Date(Date.now() - 30 * HOUR));
    await enqueueExamResultNotices({ now: new Date(visible.getTime() + 60_000), hold: false, schoolId: w.schoolId });
    expect(await recordConsent(await actorFor(db, w.adminId), {
      studentId: w.studentIds[0], guardianId: w.parentId, documentVersion: '2026.2', decision: 'REFUSED', deliveryPreference: 'PAPER',
    })).toMatchObject({ ok: true });
    expect(await send()).toMatchObject({ sent: 0, cancelled: 1 });
    expect(smtp.received).toHaveLength(0);
    expect((await examLetters())[0]).toMatchObject({ status: 'FAILED', lastError: 'Отменено перед отправкой: согласие на обработку персональных данных отозвано', text: '' });
  });

  it('still reach the family when another result in the letter is removed before it goes: the rest in a letter of their own', async () => {
    await save(['27', '5'], ['', '']);
    const russian = { ...target, subjectId: (await db.subject.create({ data: { schoolId: w.schoolId, name: 'Русский язык', shortName: 'Рус' } })).id };
    const math = target;
    target = russian;
    await save(['30', '5'], ['', '']);
    const published = new Date(Date.now() - 30 * HOUR);
    await publish(published);
    target = math;
    const visible = await publish(published);
    await enqueueExamResultNotices({ now: new Date(visible.getTime() + 60_000), hold: false, schoolId: w.schoolId });
    // The Russian result was entered by mistake: emptied, nothing published in its place.
    target = russian;
    await save(['', ''], ['', '']);

    expect(await send()).toMatchObject({ sent: 0, cancelled: 1 });
    expect(await enqueueExamResultNotices({ now: new Date(), hold: false, schoolId: w.schoolId })).toMatchObject({ enqueued: 1 });
    expect(await send()).toMatchObject({ sent: 1 });
    const text = plainTextOf(smtp.received[0].raw);
    expect(text).toContain(`Математика, ОГЭ (${formatDateRu(target.date)}): отметка 5, 27 баллов`);
    expect(text).not.toContain('Русский язык');
    expect((await examLetters()).map((l) => l.dedupeKey)).toEqual([
      `exam:${w.studentIds[0]}:${w.parentId}:${w.academicYearId}:${visible.toISOString()}`,
      `exam:${w.studentIds[0]}:${w.parentId}:${w.academicYearId}:${visible.toISOString()}#2`,
    ]);
  });

  it('once the letter has gone, a result corrected afterwards brings no letter until it is published again, then one with the new value only', async () => {
    await save(['27', '5'], ['', '']);
    const russian = { ...target, subjectId: (await db.subject.create({ data: { schoolId: w.schoolId, name: 'Русский язык', shortName: 'Рус' } })).id };
    const math = target;
    target = russian;
    await save(['30', '5'], ['', '']);
    const published = new Date(Date.now() - 30 * HOUR);
    await publish(published);
    target = math;
    const visible = await publish(published);
    expect(await enqueueExamResultNotices({ now: new Date(visible.getTime() + 60_000), hold: false, schoolId: w.schoolId })).toMatchObject({ enqueued: 1 });
    expect(await send()).toMatchObject({ sent: 1 });

    // The next day the Russian result is corrected: unpublished until management publishes it again.
    target = russian;
    await save(['28', '5'], ['', '']);
    expect(await enqueueExamResultNotices({ now: new Date(), hold: false, schoolId: w.schoolId })).toEqual({ enqueued: 0, alreadyQueued: 1, failed: 0 });
    expect(await send()).toMatchObject({ sent: 0, cancelled: 0 });
    expect(smtp.received).toHaveLength(1);

    const again = await publish(new Date());
    expect(await enqueueExamResultNotices({ now: new Date(again.getTime() + 60_000), hold: false, schoolId: w.schoolId })).toMatchObject({ enqueued: 1 });
    expect(await enqueueExamResultNotices({ now: new Date(again.getTime() + 11 * 60_000), hold: false, schoolId: w.schoolId })).toMatchObject({ enqueued: 0 });
    expect(await send()).toMatchObject({ sent: 1, cancelled: 0 });
    expect(smtp.received).toHaveLength(2);
    const text = plainTextOf(smtp.received[1].raw);
    expect(text).toContain(`Русский язык, ОГЭ (${formatDateRu(target.date)}): отметка 5, 28 баллов`);
    // The mathematics result was in the first letter: the family is not told it again.
    expect(text).not.toContain('Математика');
    expect(text).not.toContain('30 баллов');
    expect(await examLetters()).toHaveLength(2);
  });

  it('tell the family only what it has not been sent: a later result taken back before its letter goes brings no second word about the earlier ones', async () => {
    const subject = async (name: string) => ({ ...target, subjectId: (await db.subject.create({ data: { schoolId: w.schoolId, name, shortName: name.slice(0, 3) } })).id });
    const math = target;
    const russian = await subject('Русский язык');
    const physics = await subject('Физика');
    const at = Date.now() - 30 * HOUR;
    for (const [t, score] of [[math, '27'], [russian, '30'], [physics, '12']] as const) {
      target = t;
      await save([score, '5'], ['', '']);
    }
    // Mathematics is published, and its letter goes the same morning.
    target = math;
    const first = await publish(new Date(at));
    expect(await enqueueExamResultNotices({ now: new Date(first.getTime() + 60_000), hold: false, schoolId: w.schoolId })).toMatchObject({ enqueued: 1 });
    expect(await send()).toMatchObject({ sent: 1 });
    // Russian and physics are published minutes later; each run of the job writes its letter.
    target = russian;
    const second = await publish(new Date(at + 5 * 60_000));
    expect(await enqueueExamResultNotices({ now: new Date(second.getTime() + 60_000), hold: false, schoolId: w.schoolId })).toMatchObject({ enqueued: 1 });
    target = physics;
    const third = await publish(new Date(at + 10 * 60_000));
    expect(await enqueueExamResultNotices({ now: new Date(third.getTime() + 60_000), hold: false, schoolId: w.schoolId })).toMatchObject({ enqueued: 1 });
    // One letter waits: the physics one, listing Russian too, in place of the Russian one.
    const waiting = (await examLetters()).slice(1);
    expect(waiting.map((l) => [l.status, l.text.includes('Математика'), l.text.includes('Русский язык'), l.text.includes('Физика')])).toEqual([['FAILED', false, false, false], ['PENDING', false, true, true]]);

    // Before it goes, physics is taken back (entered by mistake) and not published again.
    await save(['', ''], ['', '']);
    expect(await send()).toMatchObject({ sent: 0, cancelled: 1 });
    expect(await enqueueExamResultNotices({ now: new Date(), hold: false, schoolId: w.schoolId })).toMatchObject({ enqueued: 1 });
    expect(await send()).toMatchObject({ sent: 1 });

    // The family was told mathematics once, and Russian once; nothing about physics.
    expect(smtp.received).toHaveLength(2);
    const [told, followUp] = smtp.received.map((m) => plainTextOf(m.raw));
    expect(told).toContain(`Математика, ОГЭ (${formatDateRu(math.date)}): отметка 5, 27 баллов`);
    expect(followUp).toContain(`Русский язык, ОГЭ (${formatDateRu(math.date)}): отметка 5, 30 баллов`);
    expect(followUp).not.toContain('Математика');
    expect(followUp).not.toContain('Физика');
    expect((await examLetters()).at(-1)!.dedupeKey).toBe(`exam:${w.studentIds[0]}:${w.parentId}:${w.academicYearId}:${second.toISOString()}#2`);

    // Russian taken back afterwards: no letter, mathematics is not told again.
    target = russian;
    await save(['', ''], ['', '']);
    expect(await enqueueExamResultNotices({ now: new Date(), hold: false, schoolId: w.schoolId })).toMatchObject({ enqueued: 0, failed: 0 });
    expect(await send()).toMatchObject({ sent: 0, cancelled: 0 });
    expect(smtp.received).toHaveLength(2);
  });
});

describe('ГИА results published one after another before the first letter goes', () => {
  const SUPERSEDED = 'Отменено перед отправкой: заменено более поздним письмом о результатах того же ученика, в котором перечислены и эти результаты';
  let math: ExamTarget;
  let russian: ExamTarget;

  beforeEach(async () => {
    // Seen by the families as soon as published, so each result is visible when this test says.
    await db.school.update({ where: { id: w.schoolId }, data: { resultVisibilityHours: 0 } });
    math = target;
    russian = { ...target, subjectId: (await db.subject.create({ data: { schoolId: w.schoolId, name: 'Русский язык', shortName: 'Рус' } })).id };
    for (const [t, score] of [[math, '27'], [russian, '30']] as const) {
      target = t;
      await save([score, '5'], ['', '']);
    }
  });

  /** Publishes the exam at `at` and runs the job a minute later, as its 10-minute runs would. */
  async function publishAndRun(t: ExamTarget, at: Date, hold = false) {
    target = t;
    expect(await publish(at)).toEqual(at);
    return enqueueExamResultNotices({ now: new Date(at.getTime() + 60_000), hold, schoolId: w.schoolId });
  }

  it.each([
    ['queued for the morning', false],
    ['kept without SMTP', true],
  ])('in the evening bring one letter in the morning listing both; the first is shown as superseded (%s)', async (_, hold) => {
    // Yesterday 21:00 and 21:30 in Moscow: the families' night, nothing goes until 08:00.
    const evening = new Date(`${new Date(Date.now() - 24 * HOUR).toISOString().slice(0, 10)}T18:00:00Z`);
    const transport = smtpTransport(smtp.url, 'school@example.ru');
    expect(await publishAndRun(math, evening, hold)).toEqual({ enqueued: 1, alreadyQueued: 0, failed: 0 });
    expect(await sendDueNotifications(transport, { now: new Date(evening.getTime() + 5 * 60_000) })).toMatchObject({ sent: 0 });
    expect(await publishAndRun(russian, new Date(evening.getTime() + 30 * 60_000), hold)).toEqual({ enqueued: 1, alreadyQueued: 0, failed: 0 });
    expect(await enqueueExamResultNotices({ now: new Date(evening.getTime() + 41 * 60_000), hold, schoolId: w.schoolId })).toEqual({ enqueued: 0, alreadyQueued: 1, failed: 0 });

    const [first, second] = await examLetters();
    expect(first).toMatchObject({ status: 'FAILED', lastError: SUPERSEDED, text: '', html: null });
    expect(second.status).toBe(hold ? 'HELD' : 'PENDING');
    if (hold) expect(await releaseHeldLetters(new Date(evening.getTime() + 11 * HOUR))).toBe(1);
    // 08:00 in Moscow.
    expect(await sendDueNotifications(transport, { now: new Date(evening.getTime() + 11 * HOUR) })).toMatchObject({ sent: 1, cancelled: 0 });
    expect(smtp.received).toHaveLength(1);
    const text = plainTextOf(smtp.received[0].raw);
    expect(text).toContain(`Математика, ОГЭ (${formatDateRu(math.date)}): отметка 5, 27 баллов`);
    expect(text).toContain(`Русский язык, ОГЭ (${formatDateRu(math.date)}): отметка 5, 30 баллов`);
    expect((await examLetters()).map((l) => l.status)).toEqual(['FAILED', 'SENT']);
  });

  it('while the first letter is being sent bring a second listing only the new result; the first is not cancelled', async () => {
    const midday = new Date(`${new Date(Date.now() - 24 * HOUR).toISOString().slice(0, 10)}T09:00:00Z`);
    const later = new Date(midday.getTime() + 30 * 60_000);
    expect(await publishAndRun(math, midday)).toMatchObject({ enqueued: 1 });
    target = russian;
    await publish(later);
    // The job runs while the sender has the mathematics letter on the wire.
    const smtpSend = smtpTransport(smtp.url, 'school@example.ru');
    const runs: unknown[] = [];
    const transport = {
      async send(mail: Parameters<typeof smtpSend.send>[0]) {
        runs.push(await enqueueExamResultNotices({ now: new Date(later.getTime() + 60_000), hold: false, schoolId: w.schoolId }));
        await smtpSend.send(mail);
      },
    };
    expect(await sendDueNotifications(transport, { now: new Date(later.getTime() + 2 * 60_000) })).toMatchObject({ sent: 1, cancelled: 0 });
    expect(runs).toEqual([{ enqueued: 0, alreadyQueued: 1, failed: 0 }]);
    // The next run knows the mathematics letter went.
    expect(await enqueueExamResultNotices({ now: new Date(later.getTime() + 11 * 60_000), hold: false, schoolId: w.schoolId })).toEqual({ enqueued: 1, alreadyQueued: 0, failed: 0 });
    expect(await send()).toMatchObject({ sent: 1, cancelled: 0 });

    expect((await examLetters()).map((l) => l.status)).toEqual(['SENT', 'SENT']);
    const [told, next] = smtp.received.map((m) => plainTextOf(m.raw));
    expect(told).toContain('Математика');
    expect(told).not.toContain('Русский язык');
    expect(next).toContain(`Русский язык, ОГЭ (${formatDateRu(math.date)}): отметка 5, 30 баллов`);
    expect(next).not.toContain('Математика');
  });

  it('taken by the sender between the job’s reading and its writing: nothing is cancelled, and the next run lists only the new result', async () => {
    const midday = new Date(`${new Date(Date.now() - 24 * HOUR).toISOString().slice(0, 10)}T09:00:00Z`);
    const later = new Date(midday.getTime() + 30 * 60_000);
    expect(await publishAndRun(math, midday)).toMatchObject({ enqueued: 1 });
    target = russian;
    await publish(later);
    const run = (now: Date, testOnlyBeforeLetter?: () => Promise<void>) => enqueueExamResultNotices({ now, hold: false, schoolId: w.schoolId, testOnlyBeforeLetter });
    // The job has read the outbox (the mathematics letter waits) when the sender takes and sends it.
    expect(await run(new Date(later.getTime() + 60_000), async () => { expect(await send()).toMatchObject({ sent: 1 }); })).toEqual({ enqueued: 0, alreadyQueued: 1, failed: 0 });
    expect(await run(new Date(later.getTime() + 11 * 60_000))).toEqual({ enqueued: 1, alreadyQueued: 0, failed: 0 });
    expect(await send()).toMatchObject({ sent: 1, cancelled: 0 });

    expect((await examLetters()).map((l) => l.status)).toEqual(['SENT', 'SENT']);
    const next = plainTextOf(smtp.received[1].raw);
    expect(next).toContain('Русский язык');
    expect(next).not.toContain('Математика');
  });

  it('the later one taken back before the morning: the letter of the first moment comes again, listing the first result', async () => {
    const evening = new Date(`${new Date(Date.now() - 24 * HOUR).toISOString().slice(0, 10)}T18:00:00Z`);
    await publishAndRun(math, evening);
    expect(await publishAndRun(russian, new Date(evening.getTime() + 30 * 60_000))).toMatchObject({ enqueued: 1 });
    // At night the Russian result is emptied (entered by mistake): back to the mathematics moment.
    target = russian;
    await save(['', ''], ['', '']);
    expect(await enqueueExamResultNotices({ now: new Date(), hold: false, schoolId: w.schoolId })).toEqual({ enqueued: 1, alreadyQueued: 0, failed: 0 });
    expect(await send()).toMatchObject({ sent: 1, cancelled: 0 });

    const letters = await examLetters();
    expect(letters.map((l) => [l.status, l.lastError])).toEqual([['FAILED', SUPERSEDED], ['FAILED', SUPERSEDED], ['SENT', null]]);
    expect(letters[2].dedupeKey).toBe(`exam:${w.studentIds[0]}:${w.parentId}:${w.academicYearId}:${evening.toISOString()}#2`);
    const text = plainTextOf(smtp.received[0].raw);
    expect(text).toContain('Математика');
    expect(text).not.toContain('Русский язык');
  });
});

describe('ГИА retakes of last year’s graduates', () => {
  /** 15 September 2027, mid-morning in Moscow: the graduates' September retake is entered and published. */
  const SEPT = new Date('2027-09-15T07:00:00Z');

  beforeEach(async () => {
    await db.academicYear.create({ data: { schoolId: w.schoolId, startYear: 2027, label: '2027/2028', startDate: new Date('2027-09-01'), endDate: new Date('2028-05-31') } });
    // The class has left school: last year's enrolment ended, no class this year.
    await db.enrollment.updateMany({ where: { classId: w.classId }, data: { endDate: new Date('2027-08-31') } });
  });

  it('reach the family still linked to the graduate that takes e-mail; the refusing family gets nothing', async () => {
    const retake: ExamTarget = { ...target, date: '2027-09-10' };
    const sheet = await examSheet(manager, retake, SEPT);
    if (!sheet.ok) throw new Error(sheet.error);
    expect(await saveExamResults(manager, retake, [
      { studentId: w.studentIds[0], score: '16', mark: '3', shownScore: '', shownMark: '' },
      { studentId: w.studentIds[1], score: '15', mark: '3', shownScore: '', shownMark: '' },
    ], SEPT)).toEqual({ ok: true, saved: 2 });
    const r = await publishExamResults(manager, retake, SEPT);
    if (!r.ok) throw new Error(r.error);

    const after = new Date(new Date(r.visibleFrom).getTime() + 60_000);
    expect(await enqueueExamResultNotices({ now: after, hold: false, schoolId: w.schoolId })).toEqual({ enqueued: 1, alreadyQueued: 0, failed: 0 });
    const letters = await examLetters();
    expect(letters.map((l) => [l.toAddress, l.recipientUserId, l.subject])).toEqual([['olga@example.ru', w.parentId, 'Результаты ГИА: Ученик1 Пётр, 9А']]);
    expect(letters[0].text).toContain('Ученик1 Пётр, класс 9А');
    expect(letters[0].text).toContain('Математика, ОГЭ (10.09.2027): отметка 3, 16 баллов');

    // Unlinked from the graduate, the parent who signed no longer answers for them: nothing more goes.
    await db.guardianship.deleteMany({ where: { studentId: w.studentIds[0], parentId: w.parentId } });
    await db.notification.deleteMany();
    expect(await enqueueExamResultNotices({ now: after, hold: false, schoolId: w.schoolId })).toEqual({ enqueued: 0, alreadyQueued: 0, failed: 0 });
  });
});
