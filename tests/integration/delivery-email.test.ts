// Delivery to families by their chosen form, against a real SMTP server on loopback (smtp-server):
// the digest reaches exactly the families with consent and the e-mail form; a refusal gets paper;
// SMTP failures are retried with backoff and sent once, for more than a day; only a recipient the
// server refuses for good fails a letter, and a refused login or a server that is down keeps the
// whole queue waiting; re-running a job duplicates nothing.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { resetDb, testDb } from '../support/db';
import { startSmtp, type Smtp } from '../support/smtp-server';
import { createSchoolFixture, createUser, day, type SchoolFixture } from '../support/fixtures';
import { actorFor } from '../support/actors';
import { deliveryLists } from '../../lib/data/consents';
import { smtpTransport } from '../../lib/mail/transport';
import { messageIdFor, sendDueNotifications, SEND_POLICY } from '../../lib/mail/sender';
import { HELD_RELEASE_DAYS, releaseHeldLetters } from '../../lib/mail/outbox';
import { recordConsent } from '../../lib/data/consents';
import { addDays } from '../../lib/domain/calendar';
import { enqueueWeeklyDigests } from '../../lib/jobs/weekly-digest';
import { enqueueFinalMarkNotices } from '../../lib/jobs/final-marks-notices';
import { enqueueMonthlyForecasts } from '../../lib/jobs/monthly-forecast';
import { unlinkGuardian } from '../../lib/data/users';
import { TASKS } from '../../lib/jobs/tasks';
import { publishFinalMarks, setFinalMark } from '../../lib/data/journal/final-marks';

const db = testDb();
/** Saturday 19 September 2026, 19:00 in Moscow: the digest of 14–19 September is due. */
const NOW = new Date('2026-09-19T16:00:00Z');

/** The same server with a login in the URL, as SMTP_URL gives it. */
const withLogin = (url: string, user: string, pass: string) => url.replace('smtp://', `smtp://${user}:${pass}@`);

/** Letters straight into the outbox, due at NOW, in id order. */
async function letters(addresses: string[]) {
  await db.notification.createMany({
    data: addresses.map((toAddress, i) => ({ schoolId: fx.schoolId, kind: 'digest', toAddress, subject: `Письмо ${i}`, text: 'Текст', dedupeKey: `test:${i}`, nextAttemptAt: NOW })),
  });
}
const outbox = () => db.notification.findMany({ orderBy: { id: 'asc' } });

let fx: SchoolFixture;
let smtp: Smtp | undefined;
let refusingParent: number;

beforeEach(async () => {
  await resetDb();
  fx = await createSchoolFixture(db, { pupils: 4 });
  const [first, second, third] = fx.studentIds;
  refusingParent = await createUser(db, fx.schoolId, ['PARENT'], { lastName: 'Ученик2', firstName: 'Ирина' });
  await db.user.update({ where: { id: refusingParent }, data: { email: 'irina@example.ru' } });
  await db.guardianship.create({ data: { schoolId: fx.schoolId, parentId: refusingParent, studentId: second } });
  const onlineParent = await createUser(db, fx.schoolId, ['PARENT'], { lastName: 'Ученик3', firstName: 'Анна' });
  await db.guardianship.create({ data: { schoolId: fx.schoolId, parentId: onlineParent, studentId: third } });
  const base = { schoolId: fx.schoolId, documentVersion: '2026.1', recordedById: fx.adminId };
  await db.consent.createMany({
    data: [
      { ...base, studentId: first, guardianId: fx.parentId, decision: 'GRANTED', deliveryPreference: 'EMAIL', contactEmail: 'olga@example.ru' },
      { ...base, studentId: second, guardianId: refusingParent, decision: 'REFUSED', deliveryPreference: 'PAPER' },
      { ...base, studentId: third, guardianId: onlineParent, decision: 'GRANTED', deliveryPreference: 'ONLINE' },
      // The fourth pupil's family has no consent recorded.
    ],
  });
  const lesson = await db.lesson.create({ data: { schoolId: fx.schoolId, courseId: fx.courseId, teacherId: fx.teacherId, date: day('2026-09-15'), slot: 2, topic: 'Делимость чисел' } });
  await db.homework.create({ data: { schoolId: fx.schoolId, lessonId: lesson.id, text: '№ 210, 211', createdById: fx.teacherId } });
});

afterEach(async () => {
  await smtp?.close();
  smtp = undefined;
});

const digestRows = () => db.notification.findMany({ where: { kind: 'digest' }, orderBy: { id: 'asc' } });

describe('the weekly digest', () => {
  it('reaches exactly the families who chose e-mail with a consent; a refusal gets none and is on the paper list', async () => {
    smtp = await startSmtp();
    expect(await enqueueWeeklyDigests({ now: NOW, hold: false, schoolId: fx.schoolId })).toEqual({ enqueued: 1, alreadyQueued: 0, failed: 0 });
    expect(await sendDueNotifications(smtpTransport(smtp.url, 'Школа <school@example.ru>'), { now: NOW })).toEqual({ sent: 1, retried: 0, failed: 0, deferred: 0, cancelled: 0 });

    expect(smtp.received.map((m) => m.to)).toEqual([['olga@example.ru']]);
    const [row] = await digestRows();
    expect(row).toMatchObject({ status: 'SENT', attempts: 1, toAddress: 'olga@example.ru', recipientUserId: fx.parentId, dedupeKey: `digest:${fx.studentIds[0]}:${fx.parentId}:2026-09-14` });
    expect(row.subject).toBe('Дневник за неделю 14–18 сентября 2026: Ученик1 Пётр, 5А');
    for (const s of ['Делимость чисел', '№ 210, 211']) {
      expect(row.text).toContain(s);
      expect(row.html).toContain(s);
    }
    const raw = smtp.received[0].raw;
    expect(raw).toMatch(/Content-Type: multipart\/alternative/i);
    expect(raw).toMatch(/Content-Type: text\/plain/i);
    expect(raw).toMatch(/Content-Type: text\/html/i);
    expect(raw).toContain(`Message-ID: ${messageIdFor(row.dedupeKey)}`);
    expect(raw).not.toContain('irina@example.ru');

    const lists = await deliveryLists(await actorFor(db, fx.adminId), {}, NOW);
    expect(lists?.paper).toEqual([
      { studentId: fx.studentIds[1], reason: 'REFUSED' },
      { studentId: fx.studentIds[3], reason: 'NO_CONSENT' },
    ]);
  });

  it('writes no digest to a parent unlinked from the child: the family is on paper, as with no consent', async () => {
    expect(await unlinkGuardian(await actorFor(db, fx.adminId), fx.parentId, fx.studentIds[0])).toEqual({ ok: true });
    expect(await enqueueWeeklyDigests({ now: NOW, hold: false, schoolId: fx.schoolId })).toEqual({ enqueued: 0, alreadyQueued: 0, failed: 0 });
    expect((await deliveryLists(await actorFor(db, fx.adminId), {}, NOW))?.paper).toContainEqual({ studentId: fx.studentIds[0], reason: 'NO_CONSENT' });
  });

  it('creates no duplicate when the job and the sender run again', async () => {
    smtp = await startSmtp();
    const transport = smtpTransport(smtp.url, 'school@example.ru');
    await enqueueWeeklyDigests({ now: NOW, hold: false });
    await sendDueNotifications(transport, { now: NOW });
    expect(await enqueueWeeklyDigests({ now: new Date(NOW.getTime() + 3_600_000), hold: false })).toEqual({ enqueued: 0, alreadyQueued: 1, failed: 0 });
    expect(await sendDueNotifications(transport, { now: new Date(NOW.getTime() + 3_600_000) })).toEqual({ sent: 0, retried: 0, failed: 0, deferred: 0, cancelled: 0 });
    expect(await digestRows()).toHaveLength(1);
    expect(smtp.received).toHaveLength(1);
  });

  it('retries after an SMTP failure with backoff, then sends once', async () => {
    smtp = await startSmtp({ failures: 1, code: 451 });
    const transport = smtpTransport(smtp.url, 'school@example.ru');
    await enqueueWeeklyDigests({ now: NOW, hold: false });
    expect(await sendDueNotifications(transport, { now: NOW })).toEqual({ sent: 0, retried: 1, failed: 0, deferred: 0, cancelled: 0 });
    const [failed] = await digestRows();
    expect(failed).toMatchObject({ status: 'PENDING', attempts: 1 });
    expect(failed.lastError).toContain('451');
    expect(failed.nextAttemptAt.getTime()).toBe(NOW.getTime() + SEND_POLICY.baseDelayMs);

    // Not due before the backoff has passed.
    expect(await sendDueNotifications(transport, { now: new Date(NOW.getTime() + 30_000) })).toEqual({ sent: 0, retried: 0, failed: 0, deferred: 0, cancelled: 0 });
    expect(await sendDueNotifications(transport, { now: new Date(NOW.getTime() + SEND_POLICY.baseDelayMs) })).toEqual({ sent: 1, retried: 0, failed: 0, deferred: 0, cancelled: 0 });
    expect(await digestRows()).toMatchObject([{ status: 'SENT', attempts: 2, lastError: null }]);
    expect(smtp.received).toHaveLength(1);
  });

  it('fails only the letter whose recipient the server refuses for good; the others are sent', async () => {
    smtp = await startSmtp({ refuse: ['nobody@example.ru'] });
    await letters(['olga@example.ru', 'nobody@example.ru', 'irina@example.ru']);
    expect(await sendDueNotifications(smtpTransport(smtp.url, 'school@example.ru'), { now: NOW })).toEqual({ sent: 2, retried: 0, failed: 1, deferred: 0, cancelled: 0 });
    const rows = await outbox();
    expect(rows.map((r) => r.status)).toEqual(['SENT', 'FAILED', 'SENT']);
    expect(rows[1].lastError).toContain('550');
    expect(smtp.received.map((m) => m.to)).toEqual([['olga@example.ru'], ['irina@example.ru']]);
  });

  it('keeps the letters for retry when the server refuses the login, stopping the batch at the first refusal', async () => {
    smtp = await startSmtp({ login: { user: 'journal', pass: 'верный' } });
    await letters(['olga@example.ru', 'irina@example.ru', 'petr@example.ru']);

    // A wrong password (535): one letter tried, the rest put back untried, all waiting.
    const wrong = smtpTransport(withLogin(smtp.url, 'journal', 'old'), 'school@example.ru');
    expect(await sendDueNotifications(wrong, { now: NOW })).toEqual({ sent: 0, retried: 1, failed: 0, deferred: 2, cancelled: 0 });
    let rows = await outbox();
    expect(rows.map((r) => [r.status, r.attempts])).toEqual([['PENDING', 1], ['PENDING', 0], ['PENDING', 0]]);
    for (const r of rows) {
      expect(r.lastError).toContain('535');
      expect(r.nextAttemptAt.getTime()).toBe(NOW.getTime() + SEND_POLICY.baseDelayMs);
    }

    // No login at all (530 to MAIL FROM), then no server at all (connection refused): still waiting.
    const later = new Date(NOW.getTime() + SEND_POLICY.baseDelayMs);
    expect(await sendDueNotifications(smtpTransport(smtp.url, 'school@example.ru'), { now: later })).toEqual({ sent: 0, retried: 1, failed: 0, deferred: 2, cancelled: 0 });
    expect((await outbox()).map((r) => [r.status, r.attempts, r.lastError?.includes('530')])).toEqual([['PENDING', 2, true], ['PENDING', 0, true], ['PENDING', 0, true]]);
    const gone = await startSmtp();
    await gone.close();
    const again = new Date(later.getTime() + 2 * SEND_POLICY.baseDelayMs);
    expect(await sendDueNotifications(smtpTransport(gone.url, 'school@example.ru'), { now: again })).toEqual({ sent: 0, retried: 1, failed: 0, deferred: 2, cancelled: 0 });

    // The school puts the password right: everything goes.
    const fixed = smtpTransport(withLogin(smtp.url, 'journal', 'верный'), 'school@example.ru');
    expect(await sendDueNotifications(fixed, { now: new Date(again.getTime() + 4 * SEND_POLICY.baseDelayMs) })).toEqual({ sent: 3, retried: 0, failed: 0, deferred: 0, cancelled: 0 });
    rows = await outbox();
    expect(rows.map((r) => [r.status, r.lastError])).toEqual([['SENT', null], ['SENT', null], ['SENT', null]]);
    expect(smtp.received).toHaveLength(3);
  });

  it('retries a server error that is not about the recipient (5xx to DATA) for more than a day, then gives up', async () => {
    smtp = await startSmtp({ failures: 100, code: 554 });
    await enqueueWeeklyDigests({ now: NOW, hold: false });
    const transport = smtpTransport(smtp.url, 'school@example.ru');
    let at = NOW;
    let lastTry = NOW;
    for (let run = 0; run < 100; run++) {
      const report = await sendDueNotifications(transport, { now: at });
      const [row] = await digestRows();
      if (report.retried + report.failed) lastTry = at;
      if (row.status !== 'PENDING') break;
      // Nothing is sent to families at night (school clock): an attempt due then waits for 08:00.
      at = report.retried ? row.nextAttemptAt : new Date(at.getTime() + 3_600_000);
    }
    const [row] = await digestRows();
    expect(row).toMatchObject({ status: 'FAILED', attempts: SEND_POLICY.maxAttempts });
    expect(row.lastError).toContain('554');
    expect(lastTry.getTime() - NOW.getTime()).toBeGreaterThanOrEqual(24 * 3_600_000);
    expect(smtp.received).toHaveLength(0);
  });

  it('keeps letters as HELD without SMTP settings; the sender leaves them alone', async () => {
    smtp = await startSmtp();
    await enqueueWeeklyDigests({ now: NOW, hold: true });
    expect(await digestRows()).toMatchObject([{ status: 'HELD', attempts: 0 }]);
    expect(await sendDueNotifications(smtpTransport(smtp.url, 'school@example.ru'), { now: NOW })).toEqual({ sent: 0, retried: 0, failed: 0, deferred: 0, cancelled: 0 });
    expect(smtp.received).toHaveLength(0);
  });

  it('sends the letters kept during the last week once SMTP is configured; older ones stay kept', async () => {
    smtp = await startSmtp();
    await enqueueWeeklyDigests({ now: NOW, hold: true });
    // A letter of a month ago, kept too: another week's digest, replaced since.
    const old = new Date(NOW.getTime() - (HELD_RELEASE_DAYS + 1) * 86_400_000);
    await db.notification.create({
      data: { schoolId: fx.schoolId, kind: 'digest', toAddress: 'olga@example.ru', subject: 'Дневник за старую неделю', text: '…', dedupeKey: 'digest:old', status: 'HELD', createdAt: old, nextAttemptAt: old },
    });

    expect(await releaseHeldLetters(NOW)).toBe(1);
    expect(await sendDueNotifications(smtpTransport(smtp.url, 'school@example.ru'), { now: NOW })).toEqual({ sent: 1, retried: 0, failed: 0, deferred: 0, cancelled: 0 });
    expect(smtp.received.map((r) => r.to)).toEqual([['olga@example.ru']]);
    expect(await db.notification.findUnique({ where: { dedupeKey: 'digest:old' }, select: { status: true } })).toEqual({ status: 'HELD' });
    // Releasing again changes nothing: the sent letter is not held any more.
    expect(await releaseHeldLetters(NOW)).toBe(0);
  });

  it('lets two senders work at once without sending any letter twice', async () => {
    smtp = await startSmtp();
    await db.notification.createMany({
      data: Array.from({ length: 12 }, (_, i) => ({ schoolId: fx.schoolId, kind: 'digest', toAddress: `parent${i}@example.ru`, subject: `Письмо ${i}`, text: 'Текст', dedupeKey: `test:${i}`, nextAttemptAt: NOW })),
    });
    const transport = smtpTransport(smtp.url, 'school@example.ru');
    const policy = { ...SEND_POLICY, batchSize: 5 };
    const reports = await Promise.all([0, 1, 2].map(() => sendDueNotifications(transport, { now: NOW, policy })));
    const again = await Promise.all([0, 1, 2].map(() => sendDueNotifications(transport, { now: NOW, policy })));
    expect([...reports, ...again].reduce((n, r) => n + r.sent, 0)).toBe(12);
    expect(new Set(smtp.received.map((m) => m.to[0])).size).toBe(12);
    expect(smtp.received).toHaveLength(12);
  });
});

describe('a batch that outlasts its lease', () => {
  it('loses its later letters to the sender that took them since, instead of sending them twice', async () => {
    // Each letter takes 700 ms and a lease 1 s: the batch's third letter is taken by a second
    // sender (another process) at 1.1 s, while the first sender is still on the second.
    smtp = await startSmtp({ delayMs: 700 });
    await letters(['a@example.ru', 'b@example.ru', 'c@example.ru']);
    const transport = smtpTransport(smtp.url, 'school@example.ru');
    const policy = { ...SEND_POLICY, leaseMs: 1000 };
    const started = Date.now();
    const first = sendDueNotifications(transport, { now: NOW, policy });
    await new Promise((r) => setTimeout(r, 1100));
    const second = await sendDueNotifications(transport, { now: new Date(NOW.getTime() + Date.now() - started), policy });
    const reports = [await first, second];
    expect(smtp.received.map((m) => m.to[0]).sort()).toEqual(['a@example.ru', 'b@example.ru', 'c@example.ru']);
    expect(reports.reduce((n, r) => n + r.sent, 0)).toBe(3);
    expect((await outbox()).map((r) => r.status)).toEqual(['SENT', 'SENT', 'SENT']);
  });
});

describe('a database error after the letter has left', () => {
  it('does not send it again: recording it as sent is retried, not taken for an SMTP failure', async () => {
    smtp = await startSmtp();
    await letters(['olga@example.ru']);
    // The first attempt to mark a letter SENT fails, as on a dropped database connection.
    await db.$executeRawUnsafe('CREATE SEQUENCE test_sent_failures');
    await db.$executeRawUnsafe(`CREATE FUNCTION test_fail_sent_once() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.status = 'SENT' AND nextval('test_sent_failures') = 1 THEN RAISE EXCEPTION 'connection lost'; END IF; RETURN NEW; END $$`);
    await db.$executeRawUnsafe('CREATE TRIGGER test_fail_sent_once BEFORE UPDATE ON notifications FOR EACH ROW EXECUTE FUNCTION test_fail_sent_once()');
    try {
      const transport = smtpTransport(smtp.url, 'school@example.ru');
      expect(await sendDueNotifications(transport, { now: NOW })).toEqual({ sent: 1, retried: 0, failed: 0, deferred: 0, cancelled: 0 });
      // Later passes, past any retry: nothing is due.
      await sendDueNotifications(transport, { now: new Date(NOW.getTime() + 3_600_000) });
      expect(smtp.received).toHaveLength(1);
      expect(await outbox()).toMatchObject([{ status: 'SENT', attempts: 1, lastError: null }]);
    } finally {
      await db.$executeRawUnsafe('DROP TRIGGER test_fail_sent_once ON notifications');
      await db.$executeRawUnsafe('DROP FUNCTION test_fail_sent_once()');
      await db.$executeRawUnsafe('DROP SEQUENCE test_sent_failures');
    }
  });
});

describe('whose week gets a digest', () => {
  /** Saturday 19:00 in Moscow of the week starting `monday`: that week's digest is due. */
  const saturdayEvening = (monday: string) => new Date(`${addDays(monday, 5)}T16:00:00Z`);
  const digestWeeks = async () => (await digestRows()).map((r) => r.dedupeKey.split(':')[3]);

  it('writes nothing before the pupil’s first school day: an August intake waits for September', async () => {
    // Enrolled from 1 September, asked in the last week of August and in the summer after the year.
    expect(await enqueueWeeklyDigests({ now: saturdayEvening('2026-08-24'), hold: true })).toEqual({ enqueued: 0, alreadyQueued: 0, failed: 0 });
    expect(await enqueueWeeklyDigests({ now: saturdayEvening('2027-07-05'), hold: true })).toEqual({ enqueued: 0, alreadyQueued: 0, failed: 0 });
    expect(await enqueueWeeklyDigests({ now: saturdayEvening('2026-08-31'), hold: true })).toEqual({ enqueued: 1, alreadyQueued: 0, failed: 0 });
    expect(await digestWeeks()).toEqual(['2026-08-31']);
  });

  it('writes nothing for a week wholly in the holidays; a first graders’ holiday does not stop a fifth grader’s digest', async () => {
    await db.holiday.create({ data: { schoolId: fx.schoolId, academicYearId: fx.academicYearId, name: 'Каникулы', startDate: day('2026-10-05'), endDate: day('2026-10-11'), gradeLevels: [] } });
    await db.holiday.create({ data: { schoolId: fx.schoolId, academicYearId: fx.academicYearId, name: 'Для первых классов', startDate: day('2026-10-12'), endDate: day('2026-10-18'), gradeLevels: [1] } });
    expect(await enqueueWeeklyDigests({ now: saturdayEvening('2026-10-05'), hold: true })).toEqual({ enqueued: 0, alreadyQueued: 0, failed: 0 });
    expect(await enqueueWeeklyDigests({ now: saturdayEvening('2026-10-12'), hold: true })).toEqual({ enqueued: 1, alreadyQueued: 0, failed: 0 });
  });

  it('still writes the week of a pupil who left on its Wednesday, and none after', async () => {
    await db.enrollment.updateMany({ where: { studentId: fx.studentIds[0] }, data: { endDate: day('2026-09-16') } });
    expect(await enqueueWeeklyDigests({ now: NOW, hold: true })).toEqual({ enqueued: 1, alreadyQueued: 0, failed: 0 });
    expect(await digestRows()).toMatchObject([{ subject: 'Дневник за неделю 14–18 сентября 2026: Ученик1 Пётр, 5А' }]);
    expect(await enqueueWeeklyDigests({ now: saturdayEvening('2026-09-21'), hold: true })).toEqual({ enqueued: 0, alreadyQueued: 0, failed: 0 });
  });
});

describe('the last look before sending', () => {
  const withdraw = async (over: { decision?: 'GRANTED' | 'REFUSED'; deliveryPreference?: 'EMAIL' | 'PAPER' | 'ONLINE'; contactEmail?: string | null } = {}) =>
    expect(await recordConsent(await actorFor(db, fx.adminId), {
      studentId: fx.studentIds[0], guardianId: fx.parentId, documentVersion: '2026.2', decision: 'REFUSED', deliveryPreference: 'PAPER', ...over,
    })).toMatchObject({ ok: true });

  it('cancels a queued letter when the consent is withdrawn before it goes, and says why on the outbox', async () => {
    smtp = await startSmtp();
    await enqueueWeeklyDigests({ now: NOW, hold: false });
    await withdraw();
    expect(await sendDueNotifications(smtpTransport(smtp.url, 'school@example.ru'), { now: NOW })).toEqual({ sent: 0, retried: 0, failed: 0, deferred: 0, cancelled: 1 });
    expect(smtp.received).toHaveLength(0);
    const [row] = await digestRows();
    expect(row.status).toBe('FAILED');
    expect(row.lastError).toBe('Отменено перед отправкой: согласие на обработку персональных данных отозвано');
    // The pupil's week is not kept in the outbox of a family that withdrew consent.
    expect(row).toMatchObject({ text: '', html: null });
    // Cancelled for good: a later pass does not take it again.
    expect(await sendDueNotifications(smtpTransport(smtp.url, 'school@example.ru'), { now: new Date(NOW.getTime() + 3_600_000) })).toMatchObject({ sent: 0, cancelled: 0 });
  });

  it('cancels a letter kept without SMTP when, by release, the family has moved to another address or the parent is unlinked', async () => {
    smtp = await startSmtp();
    await enqueueWeeklyDigests({ now: NOW, hold: true });
    await withdraw({ decision: 'GRANTED', deliveryPreference: 'EMAIL', contactEmail: 'olga.new@example.ru' });
    expect(await releaseHeldLetters(NOW)).toBe(1);
    expect(await sendDueNotifications(smtpTransport(smtp.url, 'school@example.ru'), { now: NOW })).toMatchObject({ sent: 0, cancelled: 1 });
    expect((await digestRows())[0]).toMatchObject({ status: 'FAILED', lastError: 'Отменено перед отправкой: семья указала для писем другой адрес' });

    // A letter to the new address goes, until the parent is unlinked from the child.
    const forecast = (month: string, status: 'PENDING' | 'HELD') => ({
      schoolId: fx.schoolId, kind: 'forecast', recipientUserId: fx.parentId, toAddress: 'olga.new@example.ru', subject: 'Прогноз', text: '…',
      dedupeKey: `forecast:${fx.studentIds[0]}:${fx.parentId}:${month}`, status, createdAt: NOW, nextAttemptAt: NOW,
    });
    await db.notification.create({ data: forecast('2026-09', 'PENDING') });
    expect(await sendDueNotifications(smtpTransport(smtp.url, 'school@example.ru'), { now: NOW })).toMatchObject({ sent: 1, cancelled: 0 });
    await db.notification.create({ data: forecast('2026-10', 'HELD') });
    await unlinkGuardian(await actorFor(db, fx.adminId), fx.parentId, fx.studentIds[0]);
    expect(await releaseHeldLetters(NOW)).toBe(1);
    expect(await sendDueNotifications(smtpTransport(smtp.url, 'school@example.ru'), { now: NOW })).toMatchObject({ sent: 0, cancelled: 1 });
    expect(smtp.received.map((m) => m.to)).toEqual([['olga.new@example.ru']]);
  });
});

describe('letters kept without SMTP', () => {
  it('are cancelled by the daily housekeeping, body and all, once the family has withdrawn; a family still on e-mail keeps its letter', async () => {
    // A second family on e-mail, whose letter must stay.
    const anna = await db.guardianship.findFirstOrThrow({ where: { studentId: fx.studentIds[2] } });
    expect(await recordConsent(await actorFor(db, fx.adminId), {
      studentId: fx.studentIds[2], guardianId: anna.parentId, documentVersion: '2026.2', decision: 'GRANTED', deliveryPreference: 'EMAIL', contactEmail: 'anna@example.ru',
    })).toMatchObject({ ok: true });
    await enqueueWeeklyDigests({ now: NOW, hold: true });
    // Written for September's week, they would be past the outbox's 90 days (removed, not
    // cancelled) by the real clock's housekeeping from mid-December: they were written an hour ago.
    await db.notification.updateMany({ where: { status: 'HELD' }, data: { createdAt: new Date(Date.now() - 3_600_000) } });
    expect(await recordConsent(await actorFor(db, fx.adminId), {
      studentId: fx.studentIds[0], guardianId: fx.parentId, documentVersion: '2026.2', decision: 'REFUSED', deliveryPreference: 'PAPER',
    })).toMatchObject({ ok: true });

    expect(await TASKS.housekeeping.run()).toMatchObject({ heldCancelled: 1 });
    const [olga, annas] = await digestRows();
    expect(olga).toMatchObject({ toAddress: 'olga@example.ru', status: 'FAILED', lastError: 'Отменено перед отправкой: согласие на обработку персональных данных отозвано', text: '', html: null });
    expect(annas).toMatchObject({ toAddress: 'anna@example.ru', status: 'HELD', lastError: null });
    expect(annas.text).toContain('Ученик3');
  });
});

describe('no letters at night on the school clock', () => {
  it('keeps letters due between 21:00 and 08:00 until 08:00, in the school’s own timezone', async () => {
    smtp = await startSmtp();
    const transport = smtpTransport(smtp.url, 'school@example.ru');
    await enqueueWeeklyDigests({ now: NOW, hold: false });
    // Saturday 21:00 in Moscow, then 07:59 on Sunday: asleep.
    expect(await sendDueNotifications(transport, { now: new Date('2026-09-19T18:00:00Z') })).toMatchObject({ sent: 0 });
    expect(await sendDueNotifications(transport, { now: new Date('2026-09-20T04:59:00Z') })).toMatchObject({ sent: 0 });
    expect(await digestRows()).toMatchObject([{ status: 'PENDING', attempts: 0 }]);
    // 03:00 UTC is 06:00 in Moscow but 08:00 in Yekaterinburg: the clock is the school's own.
    const morningInTheUrals = new Date('2026-09-20T03:00:00Z');
    expect(await sendDueNotifications(transport, { now: morningInTheUrals })).toMatchObject({ sent: 0 });
    await db.school.update({ where: { id: fx.schoolId }, data: { timezone: 'Asia/Yekaterinburg' } });
    expect(await sendDueNotifications(transport, { now: morningInTheUrals })).toMatchObject({ sent: 1 });
    expect(smtp.received).toHaveLength(1);
  });

  it('sends the forecast written at 00:37 on its day at 08:00, not at night', async () => {
    smtp = await startSmtp();
    const transport = smtpTransport(smtp.url, 'school@example.ru');
    await db.school.update({ where: { id: fx.schoolId }, data: { forecastDayOfMonth: 5 } });
    await db.mark.create({ data: { schoolId: fx.schoolId, studentId: fx.studentIds[0], courseId: fx.courseId, lessonId: fx.lessonId, position: 0, value: '5', numericValue: 5, workTypeId: fx.workTypeId, createdById: fx.teacherId, updatedById: fx.teacherId } });
    const night = new Date('2026-10-04T21:37:00Z'); // 5 October, 00:37 in Moscow
    expect(await enqueueMonthlyForecasts({ now: night, hold: false })).toEqual({ enqueued: 1, alreadyQueued: 0, failed: 0 });
    expect(await sendDueNotifications(transport, { now: night })).toMatchObject({ sent: 0 });
    expect(await sendDueNotifications(transport, { now: new Date('2026-10-05T05:00:00Z') })).toMatchObject({ sent: 1 });
  });
});

describe('final-mark notices and the monthly forecast', () => {
  it('announces published final marks when they become visible, once', async () => {
    const [first, second] = fx.studentIds;
    const published = new Date('2026-10-26T10:00:00Z');
    const visibleFrom = new Date('2026-10-27T10:00:00Z');
    const mark = (studentId: number, value: string) => ({
      schoolId: fx.schoolId, studentId, courseId: fx.courseId, periodId: fx.studyPeriodId, value, status: 'PUBLISHED' as const, publishedAt: published, visibleFrom, createdById: fx.teacherId, updatedById: fx.teacherId,
    });
    await db.finalMark.createMany({ data: [mark(first, '5'), mark(second, '4')] });

    expect(await enqueueFinalMarkNotices({ now: new Date('2026-10-27T09:00:00Z'), hold: false })).toEqual({ enqueued: 0, alreadyQueued: 0, failed: 0 }); // not visible yet
    const after = new Date('2026-10-27T10:05:00Z');
    expect(await enqueueFinalMarkNotices({ now: after, hold: false })).toEqual({ enqueued: 1, alreadyQueued: 0, failed: 0 });
    expect(await enqueueFinalMarkNotices({ now: new Date(after.getTime() + 600_000), hold: false })).toEqual({ enqueued: 0, alreadyQueued: 1, failed: 0 });
    const rows = await db.notification.findMany({ where: { kind: 'final-marks' } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ toAddress: 'olga@example.ru', subject: 'Итоговые отметки за 1 четверть: Ученик1 Пётр, 5А' });
    expect(rows[0].text).toContain('Математика: 5');
    // Long after, a republished period is old news: nothing is announced.
    expect(await enqueueFinalMarkNotices({ now: new Date('2026-11-20T10:00:00Z'), hold: false })).toEqual({ enqueued: 0, alreadyQueued: 0, failed: 0 });
  });

  it('cancels a notice whose mark the teacher changed before it went; the mark published again brings a new one', async () => {
    // On the real clock: the change is told by its audit row, stamped now.
    smtp = await startSmtp();
    const transport = smtpTransport(smtp.url, 'school@example.ru');
    await db.school.update({ where: { id: fx.schoolId }, data: { resultVisibilityHours: 12 } });
    const teacher = await actorFor(db, fx.teacherId);
    const t = { courseId: fx.courseId, periodId: fx.studyPeriodId };
    const hour = 3_600_000;
    const publish = async (at: Date) => {
      const r = await publishFinalMarks(teacher, t, at);
      if (!r.ok) throw new Error(r.error);
      // The job's run just after the marks become visible.
      await enqueueFinalMarkNotices({ now: new Date(new Date(r.visibleFrom).getTime() + 60_000), hold: false });
    };
    /** Noon in Moscow the day after tomorrow: family hours, after every letter here is due. */
    const noon = new Date(`${new Date(Date.now() + 48 * hour).toISOString().slice(0, 10)}T09:00:00Z`);

    expect(await setFinalMark(teacher, t, { studentId: fx.studentIds[0], kind: 'value', value: '5', expectedVersion: 0 })).toMatchObject({ ok: true });
    await publish(new Date(Date.now() - 24 * hour));
    // The letter waits (the night, say), and the teacher corrects the mark: back to draft.
    expect(await setFinalMark(teacher, t, { studentId: fx.studentIds[0], kind: 'value', value: '4', expectedVersion: 2 })).toMatchObject({ ok: true });
    expect(await sendDueNotifications(transport, { now: noon })).toMatchObject({ sent: 0, cancelled: 1 });
    expect(smtp.received).toHaveLength(0);
    expect((await db.notification.findFirstOrThrow({ where: { kind: 'final-marks' } })).lastError).toMatch(/изменил итоговую отметку/);

    await publish(new Date());
    expect(await sendDueNotifications(transport, { now: noon })).toMatchObject({ sent: 1, cancelled: 0 });
    expect(smtp.received).toHaveLength(1);
    const [, sent] = await db.notification.findMany({ where: { kind: 'final-marks' }, orderBy: { id: 'asc' } });
    expect(sent.text).toContain('Математика: 4');
  });

  it('a notice cancelled because one mark changed brings the period’s other marks in a follow-up; the changed mark comes once published again', async () => {
    // On the real clock, as above: the change is told by its audit row, stamped now.
    smtp = await startSmtp();
    const transport = smtpTransport(smtp.url, 'school@example.ru');
    await db.school.update({ where: { id: fx.schoolId }, data: { resultVisibilityHours: 12 } });
    const teacher = await actorFor(db, fx.teacherId);
    const russianSubject = await db.subject.create({ data: { schoolId: fx.schoolId, name: 'Русский язык', shortName: 'Рус' } });
    const russianCourse = await db.course.create({
      data: { schoolId: fx.schoolId, academicYearId: fx.academicYearId, subjectId: russianSubject.id, classId: fx.classId, gradingScaleId: fx.gradingScaleId, teachers: { create: { schoolId: fx.schoolId, teacherId: fx.teacherId, isPrimary: true } } },
    });
    const math = { courseId: fx.courseId, periodId: fx.studyPeriodId };
    const russian = { courseId: russianCourse.id, periodId: fx.studyPeriodId };
    const hour = 3_600_000;
    const noon = new Date(`${new Date(Date.now() + 48 * hour).toISOString().slice(0, 10)}T09:00:00Z`);
    const published = new Date(Date.now() - 24 * hour);
    let visible = '';
    for (const [t, value] of [[math, '5'], [russian, '4']] as const) {
      expect(await setFinalMark(teacher, t, { studentId: fx.studentIds[0], kind: 'value', value, expectedVersion: 0 })).toMatchObject({ ok: true });
      const r = await publishFinalMarks(teacher, t, published);
      if (!r.ok) throw new Error(r.error);
      visible = r.visibleFrom;
    }
    expect(await enqueueFinalMarkNotices({ now: new Date(new Date(visible).getTime() + 60_000), hold: false })).toMatchObject({ enqueued: 1 });
    // The letter waits, and the Russian mark is changed: back to draft, and never published again.
    expect(await setFinalMark(teacher, russian, { studentId: fx.studentIds[0], kind: 'value', value: '3', expectedVersion: 2 })).toMatchObject({ ok: true });
    expect(await sendDueNotifications(transport, { now: noon })).toMatchObject({ sent: 0, cancelled: 1 });

    expect(await enqueueFinalMarkNotices({ now: new Date(), hold: false })).toEqual({ enqueued: 1, alreadyQueued: 0, failed: 0 });
    expect(await enqueueFinalMarkNotices({ now: new Date(Date.now() + 600_000), hold: false })).toEqual({ enqueued: 0, alreadyQueued: 1, failed: 0 });
    expect(await sendDueNotifications(transport, { now: noon })).toMatchObject({ sent: 1, cancelled: 0 });
    expect(smtp.received.map((m) => m.to)).toEqual([['olga@example.ru']]);
    const [, followUp] = await db.notification.findMany({ where: { kind: 'final-marks' }, orderBy: { id: 'asc' } });
    expect(followUp.dedupeKey).toBe(`final:${fx.studentIds[0]}:${fx.parentId}:${fx.studyPeriodId}:${new Date(visible).toISOString()}#2`);
    expect(followUp.text).toContain('Математика: 5');
    expect(followUp.text).not.toContain('Русский язык');

    const again = await publishFinalMarks(teacher, russian);
    if (!again.ok) throw new Error(again.error);
    expect(await enqueueFinalMarkNotices({ now: new Date(new Date(again.visibleFrom).getTime() + 60_000), hold: false })).toEqual({ enqueued: 1, alreadyQueued: 0, failed: 0 });
    expect(await sendDueNotifications(transport, { now: noon })).toMatchObject({ sent: 1, cancelled: 0 });
    const [, , republished] = await db.notification.findMany({ where: { kind: 'final-marks' }, orderBy: { id: 'asc' } });
    // Mathematics went in the follow-up: the new letter tells only what is new.
    expect(republished.text).not.toContain('Математика');
    expect(republished.text).toContain('Русский язык: 3');
  });

  it('tells the family only the marks it has not been sent: a later mark changed before its letter goes brings no second word about the earlier ones', async () => {
    // On the real clock, as above: the change is told by its audit row, stamped now.
    smtp = await startSmtp();
    const transport = smtpTransport(smtp.url, 'school@example.ru');
    await db.school.update({ where: { id: fx.schoolId }, data: { resultVisibilityHours: 12 } });
    const teacher = await actorFor(db, fx.teacherId);
    const course = async (name: string) => {
      const subject = await db.subject.create({ data: { schoolId: fx.schoolId, name, shortName: name.slice(0, 3) } });
      const c = await db.course.create({
        data: { schoolId: fx.schoolId, academicYearId: fx.academicYearId, subjectId: subject.id, classId: fx.classId, gradingScaleId: fx.gradingScaleId, teachers: { create: { schoolId: fx.schoolId, teacherId: fx.teacherId, isPrimary: true } } },
      });
      return { courseId: c.id, periodId: fx.studyPeriodId };
    };
    const math = { courseId: fx.courseId, periodId: fx.studyPeriodId };
    const [russian, physics] = [await course('Русский язык'), await course('Физика')];
    const noon = new Date(`${new Date(Date.now() + 48 * 3_600_000).toISOString().slice(0, 10)}T09:00:00Z`);
    const start = Date.now() - 24 * 3_600_000;
    const finalRows = () => db.notification.findMany({ where: { kind: 'final-marks' }, orderBy: { id: 'asc' } });
    // Three marks published minutes apart; the job runs after each; mathematics' letter goes at once.
    for (const [i, [t, value]] of ([[math, '5'], [russian, '4'], [physics, '3']] as const).entries()) {
      expect(await setFinalMark(teacher, t, { studentId: fx.studentIds[0], kind: 'value', value, expectedVersion: 0 })).toMatchObject({ ok: true });
      const r = await publishFinalMarks(teacher, t, new Date(start + i * 5 * 60_000));
      if (!r.ok) throw new Error(r.error);
      expect(await enqueueFinalMarkNotices({ now: new Date(new Date(r.visibleFrom).getTime() + 60_000), hold: false })).toMatchObject({ enqueued: 1 });
      if (i === 0) expect(await sendDueNotifications(transport, { now: noon })).toMatchObject({ sent: 1 });
    }
    // One letter waits: the physics one, listing Russian too, in place of the Russian one.
    expect((await finalRows()).slice(1).map((l) => [l.status, l.text.includes('Математика'), l.text.includes('Русский язык')])).toEqual([['FAILED', false, false], ['PENDING', false, true]]);
    // Before it goes, the physics mark is changed (back to draft) and not published again.
    expect(await setFinalMark(teacher, physics, { studentId: fx.studentIds[0], kind: 'value', value: '4', expectedVersion: 2 })).toMatchObject({ ok: true });
    expect(await sendDueNotifications(transport, { now: noon })).toMatchObject({ sent: 0, cancelled: 1 });
    expect(await enqueueFinalMarkNotices({ now: new Date(), hold: false })).toMatchObject({ enqueued: 1 });
    expect(await sendDueNotifications(transport, { now: noon })).toMatchObject({ sent: 1 });

    expect(smtp.received).toHaveLength(2);
    const followUp = (await finalRows()).at(-1)!;
    expect(followUp.dedupeKey).toMatch(/#2$/);
    expect(followUp.text).toContain('Русский язык: 4');
    expect(followUp.text).not.toContain('Математика');
    expect(followUp.text).not.toContain('Физика');
  });

  it('marks published in the evening 30 minutes apart bring one letter in the morning listing both; the first is shown as superseded', async () => {
    smtp = await startSmtp();
    const transport = smtpTransport(smtp.url, 'school@example.ru');
    await db.school.update({ where: { id: fx.schoolId }, data: { resultVisibilityHours: 0 } });
    const teacher = await actorFor(db, fx.teacherId);
    const russianSubject = await db.subject.create({ data: { schoolId: fx.schoolId, name: 'Русский язык', shortName: 'Рус' } });
    const russianCourse = await db.course.create({
      data: { schoolId: fx.schoolId, academicYearId: fx.academicYearId, subjectId: russianSubject.id, classId: fx.classId, gradingScaleId: fx.gradingScaleId, teachers: { create: { schoolId: fx.schoolId, teacherId: fx.teacherId, isPrimary: true } } },
    });
    // Yesterday 21:00 and 21:30 in Moscow: the families' night, nothing goes until 08:00.
    const evening = new Date(`${new Date(Date.now() - 24 * 3_600_000).toISOString().slice(0, 10)}T18:00:00Z`);
    const runs = [];
    for (const [i, [courseId, value]] of ([[fx.courseId, '5'], [russianCourse.id, '4']] as const).entries()) {
      const t = { courseId, periodId: fx.studyPeriodId };
      expect(await setFinalMark(teacher, t, { studentId: fx.studentIds[0], kind: 'value', value, expectedVersion: 0 })).toMatchObject({ ok: true });
      const at = new Date(evening.getTime() + i * 30 * 60_000);
      expect(await publishFinalMarks(teacher, t, at)).toMatchObject({ ok: true, visibleFrom: at.toISOString() });
      runs.push(await enqueueFinalMarkNotices({ now: new Date(at.getTime() + 60_000), hold: false }));
      expect(await sendDueNotifications(transport, { now: new Date(at.getTime() + 2 * 60_000) })).toMatchObject({ sent: 0 });
    }
    expect(runs).toEqual([{ enqueued: 1, alreadyQueued: 0, failed: 0 }, { enqueued: 1, alreadyQueued: 0, failed: 0 }]);

    expect(await sendDueNotifications(transport, { now: new Date(evening.getTime() + 11 * 3_600_000) })).toMatchObject({ sent: 1, cancelled: 0 });
    expect(smtp.received).toHaveLength(1);
    const [first, sent] = await db.notification.findMany({ where: { kind: 'final-marks' }, orderBy: { id: 'asc' } });
    expect(first).toMatchObject({
      status: 'FAILED', text: '',
      lastError: 'Отменено перед отправкой: заменено более поздним письмом о результатах того же ученика, в котором перечислены и эти результаты',
    });
    expect(sent.status).toBe('SENT');
    expect(sent.text).toContain('Математика: 5');
    expect(sent.text).toContain('Русский язык: 4');
  });

  it('sends the forecast once a month from the school’s day', async () => {
    await db.school.update({ where: { id: fx.schoolId }, data: { forecastDayOfMonth: 5 } });
    await db.mark.createMany({
      data: ['5', '4', '5'].map((value, position) => ({ schoolId: fx.schoolId, studentId: fx.studentIds[0], courseId: fx.courseId, lessonId: fx.lessonId, position, value, numericValue: Number(value), workTypeId: fx.workTypeId, createdById: fx.teacherId, updatedById: fx.teacherId })),
    });
    expect(await enqueueMonthlyForecasts({ now: new Date('2026-10-04T09:00:00Z'), hold: false })).toEqual({ enqueued: 0, alreadyQueued: 0, failed: 0 });
    expect(await enqueueMonthlyForecasts({ now: new Date('2026-10-05T09:00:00Z'), hold: false })).toEqual({ enqueued: 1, alreadyQueued: 0, failed: 0 });
    expect(await enqueueMonthlyForecasts({ now: new Date('2026-10-20T09:00:00Z'), hold: false })).toEqual({ enqueued: 0, alreadyQueued: 1, failed: 0 });
    const [row] = await db.notification.findMany({ where: { kind: 'forecast' } });
    expect(row).toMatchObject({ toAddress: 'olga@example.ru', dedupeKey: `forecast:${fx.studentIds[0]}:${fx.parentId}:2026-10` });
    expect(row.text).toContain('Математика: отметок 3, средний 4,67, средневзвешенный 4,67, прогноз 5');
  });
});

describe('one pupil’s failure', () => {
  /** A second family on e-mail: the fourth pupil's mother, with a consent and published final marks for both pupils. */
  async function secondFamily() {
    const fourth = fx.studentIds[3];
    const mother = await createUser(db, fx.schoolId, ['PARENT'], { lastName: 'Ученик4', firstName: 'Вера' });
    await db.guardianship.create({ data: { schoolId: fx.schoolId, parentId: mother, studentId: fourth } });
    await db.consent.create({
      data: { schoolId: fx.schoolId, studentId: fourth, guardianId: mother, documentVersion: '2026.1', recordedById: fx.adminId, decision: 'GRANTED', deliveryPreference: 'EMAIL', contactEmail: 'vera@example.ru' },
    });
    const at = new Date('2026-10-04T10:00:00Z');
    await db.finalMark.createMany({
      data: [fx.studentIds[0], fourth].map((studentId) => ({
        schoolId: fx.schoolId, studentId, courseId: fx.courseId, periodId: fx.studyPeriodId, value: '5', status: 'PUBLISHED' as const, publishedAt: at, visibleFrom: at, createdById: fx.teacherId, updatedById: fx.teacherId,
      })),
    });
  }

  it('costs only that family’s letter in every job: the others are queued, the failure is logged with ids only and counted, the next run writes it', async () => {
    await secondFamily();
    await db.school.update({ where: { id: fx.schoolId }, data: { forecastDayOfMonth: 5 } });
    const [first] = fx.studentIds;
    // No data is known that makes a builder throw, so the job's test hook does, for the first pupil
    // (the first the jobs come to), with a message full of personal data that must not be logged.
    const failFirst = (studentId: number) => {
      if (studentId === first) throw new Error('Ученик1 Пётр, olga@example.ru: непредвиденные данные');
    };
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    const runs = [
      { job: 'weekly-digest', kind: 'digest', run: (o: { testOnlyBeforeLetter?: typeof failFirst }) => enqueueWeeklyDigests({ now: NOW, hold: true, ...o }) },
      { job: 'monthly-forecast', kind: 'forecast', run: (o: { testOnlyBeforeLetter?: typeof failFirst }) => enqueueMonthlyForecasts({ now: new Date('2026-10-05T09:00:00Z'), hold: true, ...o }) },
      { job: 'final-mark-notices', kind: 'final-marks', run: (o: { testOnlyBeforeLetter?: typeof failFirst }) => enqueueFinalMarkNotices({ now: new Date('2026-10-05T09:00:00Z'), hold: true, ...o }) },
    ];
    try {
      for (const { job, kind, run } of runs) {
        errors.mockClear();
        expect(await run({ testOnlyBeforeLetter: failFirst })).toEqual({ enqueued: 1, alreadyQueued: 0, failed: 1 });
        expect((await db.notification.findMany({ where: { kind } })).map((r) => r.toAddress)).toEqual(['vera@example.ru']);
        expect(errors).toHaveBeenCalledTimes(1);
        const line = String(errors.mock.calls[0][0]);
        expect(line).toContain(job);
        expect(line).toContain(`школа ${fx.schoolId}, ученик ${first}`);
        for (const personal of ['Пётр', 'olga@example.ru', 'непредвиденные']) expect(line).not.toContain(personal);
        // Nothing was queued under the failed letter's key, so the next run writes it.
        expect(await run({})).toEqual({ enqueued: 1, alreadyQueued: 1, failed: 0 });
        expect((await db.notification.findMany({ where: { kind }, orderBy: { id: 'asc' } })).map((r) => r.toAddress)).toEqual(['vera@example.ru', 'olga@example.ru']);
      }
    } finally {
      errors.mockRestore();
    }
  });
});
