// The class teacher answers a parent's message from the class's acknowledgements page (seed 003
// §9: parents write to the class teacher). The answer is a message to the parent naming the one
// it answers (one answer per message, a unique index); writing it reads the parent's message. The
// parent sees it under their message in the diary's results (results.ts), and gets it by e-mail
// when the family takes e-mail (replyDraft below).
import 'server-only';
import { getDb } from '../../db';
import { writeAudit } from '../../audit';
import type { Actor } from '../../auth/actor';
import { formatInstantRu, politePersonName } from '../../domain/diary-format';
import { dedupeKeys, enqueue, type NotificationDraft } from '../../mail/outbox';
import { replyLetter } from '../../mail/templates/reply';
import { configuredTransport } from '../../mail/transport';
import { deliveriesOf } from '../consents';
import { isUniqueViolation } from '../db-errors';
import { MESSAGE_MAX_LENGTH } from './acknowledge';
import { loadClassReportBase } from './class-scope';
import { classMailScope } from './class-mail';

/** As long as the parent's own message may be. */
export const REPLY_MAX_LENGTH = MESSAGE_MAX_LENGTH;

export type ReplyInput = { classId: number; messageId: number; body: string };

export type ReplyResult = { ok: true } | { ok: false; error: string; field?: 'body' | 'form' };

export const REPLY_ERRORS = {
  empty: 'Напишите ответ.',
  tooLong: `Ответ не длиннее ${REPLY_MAX_LENGTH} символов.`,
  notClassTeacher: 'Отвечать на сообщения родителей может только классный руководитель класса.',
  notFound: 'Сообщение не найдено. Обновите страницу.',
  already: 'На это сообщение уже ответили.',
} as const;

export async function replyToParent(actor: Actor, input: ReplyInput, now = new Date()): Promise<ReplyResult> {
  const body = input.body.trim();
  if (!body) return { ok: false, field: 'body', error: REPLY_ERRORS.empty };
  if (body.length > REPLY_MAX_LENGTH) return { ok: false, field: 'body', error: REPLY_ERRORS.tooLong };
  // The class as its page shows it (readableClasses: this year's duties only). The class teacher
  // answers, the messages to a predecessor as well (no one else will); management only reads them.
  const base = await loadClassReportBase(actor, input.classId, null, now);
  if (!base || base.classTeacherId !== actor.id) return { ok: false, error: base ? REPLY_ERRORS.notClassTeacher : REPLY_ERRORS.notFound };
  const mail = await classMailScope(actor, base);
  if (!mail) return { ok: false, error: REPLY_ERRORS.notFound };
  const db = getDb();
  // Only a message the page shows: another class's, another school's or an answer matches no row.
  const message = await db.message.findFirst({
    where: { AND: [{ id: input.messageId, replyToId: null }, mail] },
    select: { id: true, senderId: true, studentId: true, body: true, createdAt: true, readAt: true, reply: { select: { id: true } } },
  });
  if (!message) return { ok: false, error: REPLY_ERRORS.notFound };
  if (message.reply) return { ok: false, error: REPLY_ERRORS.already };
  const draft = await replyDraft(actor, base, { ...message, answer: body });

  try {
    await db.$transaction(async (tx) => {
      const reply = await tx.message.create({
        data: { schoolId: actor.schoolId, senderId: actor.id, recipientId: message.senderId, studentId: message.studentId, kind: 'GENERAL', body, createdAt: now, replyToId: message.id },
        select: { id: true },
      });
      const readAt = message.readAt ?? now;
      if (!message.readAt) await tx.message.updateMany({ where: { id: message.id, readAt: null }, data: { readAt } });
      // The text stays in the messages, as the family's own does (finalmarks.acknowledge).
      await writeAudit(tx, {
        schoolId: actor.schoolId, actorId: actor.id, action: 'message.reply', entityType: 'Message', entityId: message.id,
        oldValue: { replyId: null, readAt: message.readAt?.toISOString() ?? null },
        newValue: { replyId: reply.id, readAt: readAt.toISOString() },
        details: { classId: base.classId, studentId: message.studentId, parentId: message.senderId },
      });
      // With the answer or not at all: a refused answer (answered meanwhile) sends nothing.
      if (draft) await enqueue([draft], { hold: configuredTransport() === null, now }, tx);
    });
  } catch (error) {
    // Answered from another tab meanwhile: the unique index on reply_to_id.
    if (isUniqueViolation(error)) return { ok: false, error: REPLY_ERRORS.already };
    throw error;
  }
  return { ok: true };
}

/**
 * The letter telling the parent who wrote that the answer is in the diary; null when none goes.
 * The family's delivery in force decides, as for every letter (deliveriesOf: a refusal, paper, the
 * personal account or no address send nothing), and the address there is the signer's: the letter
 * goes only when the parent who wrote signed it, since the answer is theirs alone (results.ts) and
 * the other parent does not read it. The sender checks the delivery again before it leaves (recheck.ts).
 */
async function replyDraft(
  actor: Actor,
  base: { className: string; timezone: string },
  message: { id: number; senderId: number; studentId: number | null; body: string; createdAt: Date; answer: string },
): Promise<NotificationDraft | null> {
  if (message.studentId === null) return null;
  const delivery = (await deliveriesOf(actor.schoolId, [message.studentId])).get(message.studentId);
  if (delivery?.kind !== 'email' || delivery.guardianId !== message.senderId) return null;
  const pupil = await getDb().user.findFirst({
    where: { id: message.studentId, schoolId: actor.schoolId },
    select: { lastName: true, firstName: true, school: { select: { name: true } } },
  });
  if (!pupil) return null;
  const letter = replyLetter({
    schoolName: pupil.school.name, pupilName: `${pupil.lastName} ${pupil.firstName}`, className: base.className,
    teacherName: politePersonName(actor), writtenAt: formatInstantRu(message.createdAt, base.timezone),
    message: message.body, answer: message.answer,
  });
  return {
    ...letter, schoolId: actor.schoolId, kind: 'reply', recipientUserId: message.senderId, toAddress: delivery.email,
    dedupeKey: dedupeKeys.reply(message.studentId, message.senderId, message.id),
  };
}
