// The class teacher answers a parent's message from the class's acknowledgements page: the answer
// is stored and audited, reads the message, and the parent (only the writer, not the pupil) reads
// it in the diary's results. Only the class's class teacher now answers, those sent to a replaced
// predecessor too; another class's, another school's or an empty or too long answer is refused.
import { renderToStaticMarkup } from 'react-dom/server';
import { beforeAll, describe, expect, it } from 'vitest';
import { resetDb, testDb } from '../support/db';
import { actorFor } from '../support/actors';
import { signInForRequest } from '../support/request-session';
import { createSchoolFixture, createUser, enroll, type SchoolFixture } from '../support/fixtures';
import { acknowledgeFinalMarks } from '@/lib/data/diary/acknowledge';
import { classAcknowledgements } from '@/lib/data/diary/class-acks';
import { REPLY_ERRORS, replyToParent } from '@/lib/data/diary/class-reply';
import { diaryResults } from '@/lib/data/diary/results';
import { assignClassTeacher } from '@/lib/data/users';
import { replyAction } from '@/app/(journal)/class/[classId]/acknowledgements/actions';
import AcknowledgementsPage from '@/app/(journal)/class/[classId]/acknowledgements/page';
import DiaryResultsPage from '@/app/(diary)/diary/[studentId]/results/page';

const db = testDb();
let fx: SchoolFixture;
let other: SchoolFixture;
let ackMessageId: number;
let questionId: number;
let otherClassId: number;
let otherTeacherId: number;
let otherClassMessageId: number;

const text = async (page: Promise<unknown>) => renderToStaticMarkup((await page) as React.ReactElement).replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
const ackPage = (classId: number) => text(AcknowledgementsPage({ params: Promise.resolve({ classId: String(classId) }), searchParams: Promise.resolve({}) }));
const replyForm = (fields: { classId: number; messageId: number; body: string }) => {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.set(k, String(v));
  return form;
};
const replies = () => db.message.count({ where: { replyToId: { not: null } } });

beforeAll(async () => {
  await resetDb();
  fx = await createSchoolFixture(db, { pupils: 2 });
  other = await createSchoolFixture(db);
  await db.user.update({ where: { id: fx.parentId }, data: { passwordHash: 'x' } });
  await db.finalMark.create({
    data: { schoolId: fx.schoolId, studentId: fx.studentIds[0], courseId: fx.courseId, periodId: fx.studyPeriodId, value: '5', status: 'PUBLISHED', publishedAt: new Date('2026-10-25T10:00:00Z'), visibleFrom: new Date('2026-10-26T10:00:00Z'), createdById: fx.teacherId, updatedById: fx.teacherId },
  });
  const before = new Date(Date.now() - 3 * 3_600_000);
  expect(await acknowledgeFinalMarks(await actorFor(db, fx.parentId), { studentId: fx.studentIds[0], periodId: fx.studyPeriodId, message: 'Ознакомлены. Почему четвёрка по контрольной?' }, before)).toEqual({ ok: true, messageSent: true });
  ackMessageId = (await db.finalMarkAck.findFirstOrThrow({ select: { messageId: true } })).messageId!;
  questionId = (await db.message.create({
    data: { schoolId: fx.schoolId, senderId: fx.parentId, recipientId: fx.teacherId, studentId: fx.studentIds[0], kind: 'GENERAL', body: 'Будет ли собрание в пятницу?', createdAt: new Date(Date.now() - 2 * 3_600_000) },
  })).id;

  // 6Б of the same school, with its own class teacher, pupil, parent and message.
  otherTeacherId = await createUser(db, fx.schoolId, ['TEACHER'], { lastName: 'Соседова', firstName: 'Нина' });
  otherClassId = (await db.schoolClass.create({ data: { schoolId: fx.schoolId, academicYearId: fx.academicYearId, gradeLevel: 6, letter: 'Б', classTeacherId: otherTeacherId, periodSchemeId: fx.periodSchemeId } })).id;
  const pupil = await createUser(db, fx.schoolId, ['STUDENT'], { lastName: 'Соседов', firstName: 'Олег' });
  await enroll(db, fx.schoolId, pupil, otherClassId, '2026-09-01');
  const parent = await createUser(db, fx.schoolId, ['PARENT'], { lastName: 'Соседова', firstName: 'Ирина' });
  await db.guardianship.create({ data: { schoolId: fx.schoolId, parentId: parent, studentId: pupil } });
  otherClassMessageId = (await db.message.create({ data: { schoolId: fx.schoolId, senderId: parent, recipientId: otherTeacherId, studentId: pupil, body: 'Сообщение в 6Б' } })).id;
});

describe('the class teacher answers a parent', () => {
  it('an empty or too long answer is refused next to the field, as typed, and nothing is stored', async () => {
    await signInForRequest(db, fx.teacherId);
    expect(await replyAction({}, replyForm({ classId: fx.classId, messageId: ackMessageId, body: '   ' })))
      .toEqual({ errors: { body: 'Напишите ответ.' }, values: { body: '   ' } });
    const long = 'ж'.repeat(2001);
    expect(await replyAction({}, replyForm({ classId: fx.classId, messageId: ackMessageId, body: long })))
      .toEqual({ errors: { body: 'Ответ не длиннее 2000 символов.' }, values: { body: long } });
    expect(await replyToParent(await actorFor(db, fx.teacherId), { classId: fx.classId, messageId: ackMessageId, body: long })).toEqual({ ok: false, field: 'body', error: REPLY_ERRORS.tooLong });
    expect(await replies()).toBe(0);
    expect(await db.auditLog.count({ where: { action: 'message.reply' } })).toBe(0);
  });

  it('another class’s teacher, management and another school are refused; nothing is stored', async () => {
    const neighbour = await actorFor(db, otherTeacherId);
    const refused = { ok: false, error: REPLY_ERRORS.notFound };
    // Not their class; and their own class named with 5А's message.
    expect(await replyToParent(neighbour, { classId: fx.classId, messageId: ackMessageId, body: 'Ответ' })).toEqual(refused);
    expect(await replyToParent(neighbour, { classId: otherClassId, messageId: ackMessageId, body: 'Ответ' })).toEqual(refused);
    // 5А's class teacher naming 6Б's message through their own class.
    expect(await replyToParent(await actorFor(db, fx.teacherId), { classId: fx.classId, messageId: otherClassMessageId, body: 'Ответ' })).toEqual(refused);
    // Management reads the page but does not answer in the class teacher's stead.
    const director = await actorFor(db, await createUser(db, fx.schoolId, ['MANAGEMENT'], { lastName: 'Директорова' }));
    expect(await replyToParent(director, { classId: fx.classId, messageId: ackMessageId, body: 'Ответ' })).toEqual({ ok: false, error: REPLY_ERRORS.notClassTeacher });
    expect((await classAcknowledgements(director, fx.classId, fx.studyPeriodId))!.canReply).toBe(false);
    // Another school's class teacher, with their own class or 5А's.
    const stranger = await actorFor(db, other.teacherId);
    expect(await replyToParent(stranger, { classId: other.classId, messageId: ackMessageId, body: 'Ответ' })).toEqual(refused);
    expect(await replyToParent(stranger, { classId: fx.classId, messageId: ackMessageId, body: 'Ответ' })).toEqual(refused);
    expect(await replies()).toBe(0);
    expect(await db.message.count({ where: { id: ackMessageId, readAt: { not: null } } })).toBe(0);
  });

  it('the answer is stored, audited and reads the message; the parent reads it under their message, the pupil does not', async () => {
    await signInForRequest(db, fx.teacherId);
    expect(await replyAction({}, replyForm({ classId: fx.classId, messageId: ackMessageId, body: '  Четвёрка за вторую задачу, приходите на консультацию.  ' }))).toEqual({ ok: true });
    const reply = await db.message.findUniqueOrThrow({ where: { replyToId: ackMessageId } });
    expect(reply).toMatchObject({ schoolId: fx.schoolId, senderId: fx.teacherId, recipientId: fx.parentId, studentId: fx.studentIds[0], body: 'Четвёрка за вторую задачу, приходите на консультацию.', readAt: null });
    const read = (await db.message.findUniqueOrThrow({ where: { id: ackMessageId } })).readAt;
    expect(read).not.toBeNull();
    const audit = await db.auditLog.findFirstOrThrow({ where: { action: 'message.reply' } });
    expect(audit).toMatchObject({ schoolId: fx.schoolId, actorId: fx.teacherId, entityType: 'Message', entityId: String(ackMessageId), oldValue: { replyId: null, readAt: null }, newValue: { replyId: reply.id, readAt: read!.toISOString() } });

    const parentView = (await diaryResults(await actorFor(db, fx.parentId), fx.studentIds[0]))!;
    const ack = parentView.periods.find((p) => p.id === fx.studyPeriodId)!.acks[0];
    expect(ack.message).toBe('Ознакомлены. Почему четвёрка по контрольной?');
    expect(ack.reply).toMatchObject({ from: 'Учителева М.', body: 'Четвёрка за вторую задачу, приходите на консультацию.' });
    // The answered acknowledgement is shown with it, not again among the other answers.
    expect(parentView.replies).toEqual([]);
    const pupilView = (await diaryResults(await actorFor(db, fx.studentIds[0]), fx.studentIds[0]))!;
    expect(pupilView.periods.find((p) => p.id === fx.studyPeriodId)!.acks.map((a) => [a.message, a.reply])).toEqual([[null, null]]);

    // A second answer to the same message is refused.
    expect(await replyAction({}, replyForm({ classId: fx.classId, messageId: ackMessageId, body: 'Ещё раз' })))
      .toEqual({ errors: { form: REPLY_ERRORS.already }, values: { body: 'Ещё раз' } });
    expect(await replies()).toBe(1);
  });

  it('the class teacher’s page shows the answer under the message and a form under the others', async () => {
    await signInForRequest(db, fx.teacherId);
    const view = (await classAcknowledgements(await actorFor(db, fx.teacherId), fx.classId, fx.studyPeriodId))!;
    expect(view.canReply).toBe(true);
    expect(view.messages.map((m) => [m.body, m.reply?.body ?? null])).toEqual([
      ['Будет ли собрание в пятницу?', null],
      ['Ознакомлены. Почему четвёрка по контрольной?', 'Четвёрка за вторую задачу, приходите на консультацию.'],
    ]);
    const page = await ackPage(fx.classId);
    expect(page).toMatch(/Ознакомлены\. Почему четвёрка по контрольной\? Ответ · [\d.]+, [\d:]+ · Учителева М\. Четвёрка за вторую задачу/);
    expect(page).toContain('Будет ли собрание в пятницу? Ответить Ответ родителю');
    expect(page.match(/Отправить ответ/g)).toHaveLength(1);
  });

  it('after a change of class teacher the new one answers what was sent to the predecessor; the parent reads it in the results', async () => {
    const newTeacherId = await createUser(db, fx.schoolId, ['TEACHER'], { lastName: 'Новикова', firstName: 'Анна' });
    expect(await assignClassTeacher(await actorFor(db, fx.adminId), fx.classId, newTeacherId)).toEqual({ ok: true });
    // The predecessor no longer leads 5А.
    expect(await replyToParent(await actorFor(db, fx.teacherId), { classId: fx.classId, messageId: questionId, body: 'Да' })).toEqual({ ok: false, error: REPLY_ERRORS.notFound });
    expect(await replyToParent(await actorFor(db, newTeacherId), { classId: fx.classId, messageId: questionId, body: 'Да, в 18:00 в кабинете 12.' })).toEqual({ ok: true });
    expect(await db.message.findUniqueOrThrow({ where: { replyToId: questionId }, select: { senderId: true, recipientId: true } })).toEqual({ senderId: newTeacherId, recipientId: fx.parentId });

    const view = (await diaryResults(await actorFor(db, fx.parentId), fx.studentIds[0]))!;
    expect(view.replies).toEqual([{ at: expect.any(String), body: 'Будет ли собрание в пятницу?', reply: { from: 'Новикова А.', at: expect.any(String), body: 'Да, в 18:00 в кабинете 12.', isNew: true } }]);
    await signInForRequest(db, fx.parentId);
    const page = await text(DiaryResultsPage({ params: Promise.resolve({ studentId: String(fx.studentIds[0]) }) }));
    // Both answers are new to the parent this once (class-reply-notice.test.ts).
    expect(page).toContain('Ознакомлены. Почему четвёрка по контрольной? Новый Ответ классного руководителя (Учителева М.),');
    expect(page).toContain('Четвёрка за вторую задачу, приходите на консультацию.');
    expect(page).toMatch(/Ответы на ваши сообщения Вы писали [\d.]+, [\d:]+: Будет ли собрание в пятницу\? Новый Ответ классного руководителя \(Новикова А\.\), [\d.]+, [\d:]+: Да, в 18:00 в кабинете 12\./);
    // The pupil's results show neither the messages nor the answers.
    await signInForRequest(db, fx.studentIds[0]);
    const pupilPage = await text(DiaryResultsPage({ params: Promise.resolve({ studentId: String(fx.studentIds[0]) }) }));
    expect(pupilPage).not.toContain('Четвёрка за вторую задачу');
    expect(pupilPage).not.toContain('Будет ли собрание');
  });
});
