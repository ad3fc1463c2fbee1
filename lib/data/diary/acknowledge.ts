// A parent acknowledges a period's final marks and writes to the class teacher (seed 003 §9): one
// transaction stores the Message (kind FINAL_MARKS_ACK) and the FinalMarkAck that points to it.
import 'server-only';
import { getDb } from '../../db';
import { writeAudit } from '../../audit';
import type { Actor } from '../../auth/actor';
import { ownStudent } from './context';
import { REFUSAL_IN_FORCE } from '../scope';
import { toSchoolDate } from '../../domain/timezone';
import { isoDate } from '../dates';
import { isUniqueViolation } from '../db-errors';

export type AcknowledgeInput = { studentId: number; periodId: number; message: string };

export type AcknowledgeResult =
  | { ok: true; messageSent: boolean }
  | { ok: false; error: string; field?: 'message' | 'form' };

export const MESSAGE_MAX_LENGTH = 2000;

const ALREADY = 'Вы уже подтвердили ознакомление с итоговыми отметками за этот период.';

const CLOSED = 'Электронный дневник этого ученика закрыт для семьи: в школе оформлен отказ от обработки персональных данных в электронной форме. Сведения об успеваемости выдаются на бумаге.';

/** The actor's own child, whose diary the family's refusal in force closed (OPEN_TO_FAMILY): a request the page does not offer. */
async function closedToFamily(actor: Actor, studentId: number): Promise<boolean> {
  const child = await getDb().user.findFirst({
    where: { id: studentId, schoolId: actor.schoolId, guardians: { some: { parentId: actor.id } }, consentsAbout: { some: REFUSAL_IN_FORCE } },
    select: { id: true },
  });
  return child !== null;
}

/** Thrown inside the transaction to undo the message when another tab acknowledged first. */
class AlreadyAcknowledged extends Error {}

export async function acknowledgeFinalMarks(actor: Actor, input: AcknowledgeInput, now = new Date()): Promise<AcknowledgeResult> {
  if (!actor.permissions.has('diary:read:children')) return { ok: false, error: 'Подтверждать итоговые отметки может только родитель ученика.' };
  if (input.message.length > MESSAGE_MAX_LENGTH) return { ok: false, field: 'message', error: `Сообщение длиннее ${MESSAGE_MAX_LENGTH} символов.` };
  const db = getDb();
  // Only a guardian of a pupil the actor may read; anything else matches no row.
  const child = { AND: [ownStudent(actor, input.studentId), { guardians: { some: { parentId: actor.id } } }] };
  const published = { studentId: input.studentId, periodId: input.periodId, student: child, status: 'PUBLISHED' as const, visibleFrom: { lte: now } };
  const [period, already, latest] = await Promise.all([
    db.studyPeriod.findFirst({
      where: {
        id: input.periodId,
        schoolId: actor.schoolId,
        finalMarks: { some: { studentId: input.studentId, student: child, status: 'PUBLISHED', visibleFrom: { lte: now } } },
      },
      select: { id: true, name: true, startDate: true, endDate: true },
    }),
    db.finalMarkAck.findFirst({ where: { studentId: input.studentId, periodId: input.periodId, parentId: actor.id }, select: { id: true, acknowledgedAt: true } }),
    db.finalMark.aggregate({ where: published, _max: { visibleFrom: true } }),
  ]);
  if (!period) return { ok: false, error: (await closedToFamily(actor, input.studentId)) ? CLOSED : 'Итоговые отметки за этот период ещё не опубликованы.' };
  // Acknowledged already, unless marks were published (or corrected and published again) since:
  // then the parent acknowledges again, and the class teacher sees the new date.
  const lastShown = latest._max.visibleFrom;
  if (already && (!lastShown || already.acknowledgedAt >= lastShown)) return { ok: false, error: ALREADY };

  // The pupil's class teacher now, who reads the class's acknowledgements: after a move or a new
  // school year, last year's class teacher no longer does. A pupil in no class today (left the
  // school) gets the class teacher of the period's class.
  const today = toSchoolDate(now, actor.timeZone);
  const enrollments = await db.enrollment.findMany({
    where: { studentId: input.studentId, student: child },
    orderBy: { startDate: 'desc' },
    select: { startDate: true, endDate: true, schoolClass: { select: { classTeacherId: true } } },
  });
  const covers = (e: (typeof enrollments)[number], from: string, to: string) => isoDate(e.startDate) <= to && (!e.endDate || isoDate(e.endDate) >= from);
  const enrollment = enrollments.find((e) => covers(e, today, today)) ?? enrollments.find((e) => covers(e, isoDate(period.startDate), isoDate(period.endDate)));
  const teacherId = enrollment?.schoolClass.classTeacherId ?? null;
  const body = input.message.trim() || `Ознакомлен(а) с итоговыми отметками за период «${period.name}».`;

  try {
    await db.$transaction(async (tx) => {
      const message = teacherId
        ? await tx.message.create({
            data: { schoolId: actor.schoolId, senderId: actor.id, recipientId: teacherId, studentId: input.studentId, kind: 'FINAL_MARKS_ACK', body, createdAt: now },
            select: { id: true },
          })
        : null;
      const data = { messageId: message?.id ?? null, acknowledgedAt: now };
      // Again after new marks: only if the row is still the one read above (a second tab lost).
      const ack = already
        ? (await tx.finalMarkAck.updateMany({ where: { id: already.id, acknowledgedAt: already.acknowledgedAt }, data })).count === 1 ? { id: already.id } : null
        : await tx.finalMarkAck.create({ data: { schoolId: actor.schoolId, studentId: input.studentId, periodId: period.id, parentId: actor.id, ...data }, select: { id: true } });
      if (!ack) throw new AlreadyAcknowledged();
      await writeAudit(tx, {
        schoolId: actor.schoolId, actorId: actor.id, action: 'finalmarks.acknowledge', entityType: 'FinalMarkAck', entityId: ack.id,
        oldValue: already ? { acknowledgedAt: already.acknowledgedAt.toISOString() } : null,
        details: { studentId: input.studentId, periodId: period.id, messageId: message?.id ?? null },
      });
    });
  } catch (error) {
    if (isUniqueViolation(error) || error instanceof AlreadyAcknowledged) return { ok: false, error: ALREADY };
    throw error;
  }
  return { ok: true, messageSent: teacherId !== null };
}
