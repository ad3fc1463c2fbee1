// The class teacher's answer reaches the parent who wrote: a letter queued with the answer (only
// to a family taking e-mail at that parent's address: none on paper, after a refusal, without an
// address, or to the other parent), delivered over real SMTP; and until that parent opens the
// child's «Итоги» page, the diary's «Итоги» tab says a new answer waits and the page marks it
// «Новый» — for that parent only; the pupil or the other parent opening the page changes nothing.
import { renderToStaticMarkup } from 'react-dom/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resetDb, testDb } from '../support/db';
import { actorFor } from '../support/actors';
import { signInForRequest } from '../support/request-session';
import { plainTextOf, startSmtp, type Smtp } from '../support/smtp-server';
import { createSchoolFixture, createUser, type SchoolFixture } from '../support/fixtures';
import { replyToParent } from '@/lib/data/diary/class-reply';
import { openDiary } from '@/lib/data/diary/open';
import { releaseHeldLetters } from '@/lib/mail/outbox';
import { readOutboxMessage } from '@/lib/data/outbox';
import { sendDueNotifications } from '@/lib/mail/sender';
import { smtpTransport } from '@/lib/mail/transport';
import { quoteOf } from '@/lib/mail/templates/reply';
import DiaryWeekPage from '@/app/(diary)/diary/[studentId]/page';
import DiaryResultsPage from '@/app/(diary)/diary/[studentId]/results/page';

const db = testDb();
let fx: SchoolFixture;
let smtp: Smtp | undefined;
let fatherId: number;
/** Pupils 2–4: a paper family, a refusal, e-mail chosen without an address. Their parents. */
const parents: number[] = [];
let pupil: number;

const text = async (page: Promise<unknown>) => renderToStaticMarkup((await page) as React.ReactElement).replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
const weekPage = async (userId: number) => { await signInForRequest(db, userId); return text(DiaryWeekPage({ params: Promise.resolve({ studentId: String(pupil) }), searchParams: Promise.resolve({}) })); };
const resultsPage = async (userId: number) => { await signInForRequest(db, userId); return text(DiaryResultsPage({ params: Promise.resolve({ studentId: String(pupil) }) })); };
const write = async (senderId: number, studentId: number, body: string) =>
  (await db.message.create({ data: { schoolId: fx.schoolId, senderId, recipientId: fx.teacherId, studentId, body, createdAt: new Date(Date.now() - 3_600_000) } })).id;
const answer = async (messageId: number, body: string) =>
  expect(await replyToParent(await actorFor(db, fx.teacherId), { classId: fx.classId, messageId, body })).toEqual({ ok: true });
const unread = () => db.message.count({ where: { replyToId: { not: null }, readAt: null } });
/** Noon in Moscow the day after tomorrow: the letters are due by then, and families take mail at noon (FAMILY_HOURS). */
const noonLater = () => new Date(`${new Date(Date.now() + 48 * 3_600_000).toISOString().slice(0, 10)}T09:00:00Z`);

beforeAll(async () => {
  await resetDb();
  fx = await createSchoolFixture(db, { pupils: 4 });
  pupil = fx.studentIds[0];
  await db.user.update({ where: { id: fx.teacherId }, data: { middleName: 'Ивановна' } });
  fatherId = await createUser(db, fx.schoolId, ['PARENT'], { lastName: 'Ученик1', firstName: 'Иван' });
  await db.guardianship.create({ data: { schoolId: fx.schoolId, parentId: fatherId, studentId: pupil } });
  for (const i of [1, 2, 3]) {
    const parent = await createUser(db, fx.schoolId, ['PARENT'], { lastName: `Ученик${i + 1}`, firstName: 'Анна' });
    await db.user.update({ where: { id: parent }, data: { email: `parent${i}@example.ru` } });
    await db.guardianship.create({ data: { schoolId: fx.schoolId, parentId: parent, studentId: fx.studentIds[i] } });
    parents.push(parent);
  }
  const base = { schoolId: fx.schoolId, documentVersion: '2026.1', recordedById: fx.adminId };
  await db.consent.createMany({
    data: [
      { ...base, studentId: pupil, guardianId: fx.parentId, decision: 'GRANTED', deliveryPreference: 'EMAIL', contactEmail: 'olga@example.ru' },
      { ...base, studentId: fx.studentIds[1], guardianId: parents[0], decision: 'GRANTED', deliveryPreference: 'PAPER' },
      { ...base, studentId: fx.studentIds[2], guardianId: parents[1], decision: 'REFUSED', deliveryPreference: 'PAPER' },
      { ...base, studentId: fx.studentIds[3], guardianId: parents[2], decision: 'GRANTED', deliveryPreference: 'EMAIL' },
    ],
  });
});

afterAll(async () => {
  await smtp?.close();
});

describe('the letter with the class teacher’s answer', () => {
  it('goes to the parent who wrote, from a family taking e-mail, once, with the child, the message and the answer', async () => {
    const question = 'Добрый день! Петя болел с 10 по 14 ноября, справка будет в понедельник. Подскажите, как ему сдать пропущенную контрольную по математике?';
    const messageId = await write(fx.parentId, pupil, question);
    await answer(messageId, 'Контрольную Петя напишет в четверг на седьмом уроке.\nПусть повторит § 12.');
    const rows = await db.notification.findMany();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      schoolId: fx.schoolId, kind: 'reply', recipientUserId: fx.parentId, toAddress: 'olga@example.ru',
      dedupeKey: `reply:${pupil}:${fx.parentId}:${messageId}`, subject: 'Ответ классного руководителя: Ученик1 Пётр, 5А',
    });
    const { text: body, html } = rows[0];
    expect(body).toMatch(/^МБОУ «Школа № 1»\nУченик1 Пётр, класс 5А\n\nКлассный руководитель Мария Ивановна Учителева ответил\(а\) на ваше сообщение\. Ответ есть в электронном дневнике \(раздел «Итоги»\)\.\n\nВы писали [\d.]+, [\d:]+: «Добрый день! Петя болел/);
    expect(body).toContain('Ответ:\nКонтрольную Петя напишет в четверг на седьмом уроке.\nПусть повторит § 12.\n');
    // The parent's message is quoted briefly, the answer in full.
    expect(question.length).toBeGreaterThan(100);
    expect(body).toContain(`«${question}»`);
    expect(html).toContain('Пусть повторит § 12.');
    // The answer's letter is queued in the same transaction as the answer and its audit.
    const reply = await db.message.findUniqueOrThrow({ where: { replyToId: messageId } });
    expect(rows[0].createdAt.getTime()).toBe(reply.createdAt.getTime());
  });

  it('a long message is cut to its beginning in the letter', () => {
    const long = `${'Очень длинное сообщение классному руководителю. '.repeat(10)}Конец.`;
    const quote = quoteOf(long);
    // Cut after a whole word, within 200 characters.
    expect(quote).toBe(`${'Очень длинное сообщение классному руководителю. '.repeat(4)}Очень…`);
    expect(quote.length).toBeLessThanOrEqual(201);
  });

  it('none for the other parent of an e-mail family, a paper family, a refusal or e-mail without an address', async () => {
    const before = await db.notification.count();
    await answer(await write(fatherId, pupil, 'Вопрос от папы'), 'Ответ папе');
    await answer(await write(parents[0], fx.studentIds[1], 'Вопрос бумажной семьи'), 'Ответ');
    await answer(await write(parents[1], fx.studentIds[2], 'Вопрос после отказа'), 'Ответ');
    await answer(await write(parents[2], fx.studentIds[3], 'Вопрос без адреса'), 'Ответ');
    expect(await db.notification.count()).toBe(before);
    expect(await db.message.count({ where: { replyToId: { not: null } } })).toBe(5);
  });

  it('is delivered over SMTP to the family’s address', async () => {
    smtp = await startSmtp();
    const now = noonLater();
    await releaseHeldLetters(now);
    expect(await sendDueNotifications(smtpTransport(smtp.url, 'Школа <school@example.ru>'), { now })).toMatchObject({ sent: 1, failed: 0, cancelled: 0 });
    expect(smtp.received.map((m) => m.to)).toEqual([['olga@example.ru']]);
    const letter = plainTextOf(smtp.received[0].raw);
    expect(letter).toContain('Классный руководитель Мария Ивановна Учителева ответил(а) на ваше сообщение.');
    expect(letter).toContain('Контрольную Петя напишет в четверг на седьмом уроке.');
    expect((await db.notification.findFirstOrThrow()).status).toBe('SENT');
  });

  it('is about the pupil: the administrator sees its state, not the text; the family’s withdrawal of e-mail cancels it', async () => {
    const sent = await db.notification.findFirstOrThrow();
    expect(await readOutboxMessage(await actorFor(db, fx.adminId), sent.id)).toMatchObject({ subject: sent.subject, bodyHidden: true, text: null });
    // Another answer, and the family chooses paper before its letter leaves.
    await answer(await write(fx.parentId, pupil, 'Спасибо! А учебник нужен?'), 'Да, возьмите учебник.');
    await db.consent.create({ data: { schoolId: fx.schoolId, studentId: pupil, guardianId: fx.parentId, decision: 'GRANTED', deliveryPreference: 'PAPER', documentVersion: '2026.1', recordedById: fx.adminId } });
    const now = noonLater();
    await releaseHeldLetters(now);
    expect(await sendDueNotifications(smtpTransport(smtp!.url, 'Школа <school@example.ru>'), { now })).toMatchObject({ sent: 0, cancelled: 1 });
    expect(smtp!.received).toHaveLength(1);
    expect(await db.notification.findFirstOrThrow({ where: { id: { not: sent.id } } })).toMatchObject({ status: 'FAILED', lastError: 'Отменено перед отправкой: семья выбрала бумажную выписку', text: '' });
  });
});

describe('the new answer in the diary', () => {
  it('the writing parent’s «Итоги» tab says so, the other parent’s does not', async () => {
    const mother = (await openDiary(await actorFor(db, fx.parentId), pupil))!;
    expect(mother.children.find((c) => c.id === pupil)!.newReply).toBe(true);
    expect(await weekPage(fx.parentId)).toContain('Итоги — новый ответ');
    // The father's own answer waits too, but it is his; the mother's is not.
    await db.message.updateMany({ where: { recipientId: fatherId }, data: { readAt: new Date() } });
    expect((await openDiary(await actorFor(db, fatherId), pupil))!.children.find((c) => c.id === pupil)!.newReply).toBe(false);
    expect(await weekPage(fatherId)).not.toContain('новый ответ');
    // A pupil has no such tab marker.
    expect(await weekPage(pupil)).not.toContain('новый ответ');
  });

  it('the pupil or the other parent opening «Итоги» leaves it unread', async () => {
    const before = await unread();
    expect(before).toBeGreaterThan(0);
    expect(await resultsPage(pupil)).not.toContain('Новый');
    expect(await resultsPage(pupil)).not.toContain('Прочитать ответ');
    expect(await resultsPage(fatherId)).not.toContain('Контрольную Петя');
    expect(await unread()).toBe(before);
    expect(await weekPage(fx.parentId)).toContain('Итоги — новый ответ');
  });

  it('the writing parent opening «Итоги» sees it marked «Новый» once, and the tab marker is gone', async () => {
    const first = await resultsPage(fx.parentId);
    expect(first).toMatch(/Новый Ответ классного руководителя \(Учителева М\. И\.\), [\d.]+, [\d:]+: Контрольную Петя/);
    // The header of the page itself does not repeat it; the top of the page points down to it.
    expect(first).not.toContain('новый ответ');
    expect(first).toContain('Классный руководитель ответил на ваше сообщение. Прочитать ответ');
    const reply = await db.message.findFirstOrThrow({ where: { recipientId: fx.parentId, replyToId: { not: null } } });
    expect(reply.readAt).not.toBeNull();
    const again = await resultsPage(fx.parentId);
    expect(again).toContain('Контрольную Петя');
    expect(again).not.toContain('Новый');
    expect(again).not.toContain('Прочитать ответ');
    expect(await weekPage(fx.parentId)).not.toContain('новый ответ');
  });
});
