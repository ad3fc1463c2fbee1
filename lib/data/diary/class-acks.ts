// What the class teacher sees of the families' acknowledgements of final marks (seed 003 §9):
// per pupil of the class, whether the period's results are visible and which parent acknowledged
// them when, with the message; and the latest messages from the class's families to its class
// teacher, now or earlier this year (class-mail.ts), those not read yet marked as new (opening
// the page reads them).
import 'server-only';
import { getDb } from '../../db';
import type { Actor } from '../../auth/actor';
import { formatInstantRu, shortPersonName } from '../../domain/diary-format';
import { comparePupils } from '../../domain/journal-grid';
import type { DiaryPeriod } from './calendar';
import { loadClassReportBase, periodPupils } from './class-scope';
import { classMailScope } from './class-mail';
import { REFUSAL_IN_FORCE } from '../scope';
import { SIGNS_IN } from '../extracts/paper';

export const CLASS_MESSAGES_SHOWN = 50;

export type ClassAckRow = {
  studentId: number;
  pupil: string;
  /** Final marks of the period are published and visible to the family. */
  published: boolean;
  /**
   * Why the family cannot acknowledge in the diary: its refusal closed the diary, or no parent can
   * sign in (extracts/paper.ts). No acknowledgement in the diary is expected of it.
   */
  offline: 'REFUSED' | 'NO_ACCOUNT' | null;
  /** `outdated`: marks were published again after it; the family has not acknowledged those. */
  acks: { parent: string; at: string; message: string | null; outdated: boolean }[];
};

export type ClassAcknowledgements = {
  classId: number;
  className: string;
  periods: DiaryPeriod[];
  period: DiaryPeriod;
  rows: ClassAckRow[];
  /** offline: families shown the results who cannot acknowledge in the diary and have not. */
  summary: { pupils: number; published: number; acknowledged: number; offline: number };
  /**
   * `to`: whom it was sent to, when not to the reader; `former`: a class teacher replaced since.
   * `reply`: the class teacher's answer (class-reply.ts).
   */
  messages: {
    id: number; kind: 'GENERAL' | 'FINAL_MARKS_ACK'; from: string; pupil: string | null; at: string; body: string; read: boolean;
    to: { name: string; former: boolean } | null;
    reply: { from: string; at: string; body: string } | null;
  }[];
  /** The reader is the class's class teacher, who answers the messages; management only reads them. */
  canReply: boolean;
};

/**
 * The period whose results the class's families were shown last: what they are acknowledging now.
 * Marks are published in a term's last week, before it ends, and the year's after the last term's.
 * Each period's results count for the pupils who belong to the class for it (periodPupils): a
 * pupil who moved to another class is the new class's, and their results given there after the
 * move must not pick the page's period for their former class teacher (who reads their diary only
 * up to the move, readableDiaries' `on`) nor for anyone reading this class.
 */
async function lastPublished(actor: Actor, classId: number, periods: DiaryPeriod[], now: Date): Promise<DiaryPeriod | undefined> {
  if (!periods.length) return undefined;
  const shown = await getDb().finalMark.groupBy({
    by: ['periodId'],
    where: {
      schoolId: actor.schoolId, status: 'PUBLISHED', visibleFrom: { lte: now },
      OR: periods.map((p) => ({ periodId: p.id, student: periodPupils(actor, classId, p.startDate, p.endDate) })),
    },
    _max: { visibleFrom: true },
  });
  const at = new Map(shown.map((s) => [s.periodId, s._max.visibleFrom!.getTime()]));
  // Of those shown at the same time, the later in order (the year after its last term).
  return periods.filter((p) => at.has(p.id)).reduce<DiaryPeriod | undefined>((best, p) => (!best || at.get(p.id)! >= at.get(best.id)! ? p : best), undefined);
}

export async function classAcknowledgements(actor: Actor, classId: number, periodId?: number | null, now = new Date()): Promise<ClassAcknowledgements | null> {
  const base = await loadClassReportBase(actor, classId, periodId, now, 'finished');
  if (!base) return null;
  const db = getDb();
  const period = base.periods.find((p) => p.id === periodId) ?? (await lastPublished(actor, classId, base.periods, now)) ?? base.period;
  const pupils = periodPupils(actor, classId, period.startDate, period.endDate);
  const names = { select: { lastName: true, firstName: true, middleName: true } } as const;
  const mail = await classMailScope(actor, base);

  const [students, published, acks, messages] = await Promise.all([
    db.user.findMany({
      where: pupils,
      select: {
        id: true, lastName: true, firstName: true,
        // Whether the family can acknowledge in the diary at all (acknowledge.ts): not once a refusal closed it, not without a parent who signs in.
        consentsAbout: { where: REFUSAL_IN_FORCE, select: { id: true } },
        guardians: { where: { parent: SIGNS_IN }, select: { parentId: true } },
      },
    }),
    db.finalMark.groupBy({
      by: ['studentId'],
      where: { schoolId: actor.schoolId, periodId: period.id, status: 'PUBLISHED', visibleFrom: { lte: now }, student: pupils },
      _max: { visibleFrom: true },
    }),
    db.finalMarkAck.findMany({
      where: { schoolId: actor.schoolId, periodId: period.id, student: pupils },
      select: { studentId: true, acknowledgedAt: true, parent: names, message: { select: { body: true } } },
      orderBy: { acknowledgedAt: 'asc' },
    }),
    mail === null
      ? Promise.resolve([])
      : db.message.findMany({
          where: mail,
          select: {
            id: true, kind: true, body: true, createdAt: true, readAt: true, recipientId: true,
            sender: names, recipient: names, student: { select: { lastName: true, firstName: true } },
            reply: { select: { body: true, createdAt: true, sender: names } },
          },
          orderBy: { createdAt: 'desc' },
          take: CLASS_MESSAGES_SHOWN,
        }),
  ]);

  // The class teacher has now read the messages shown to them, those to their predecessor too (no
  // one else will); this view still marks them new. Management reading the page leaves them unread.
  const unread = messages.filter((m) => m.readAt === null).map((m) => m.id);
  if (unread.length && actor.id === base.classTeacherId) {
    await db.message.updateMany({ where: { AND: [{ id: { in: unread }, readAt: null }, mail!] }, data: { readAt: now } });
  }

  // When each pupil's results of the period were last published for the family.
  const lastShown = new Map(published.map((p) => [p.studentId, p._max.visibleFrom!.getTime()]));
  const rows = students.sort(comparePupils).map((s): ClassAckRow => ({
    studentId: s.id,
    pupil: `${s.lastName} ${s.firstName}`,
    published: lastShown.has(s.id),
    offline: s.consentsAbout.length ? 'REFUSED' : s.guardians.length ? null : 'NO_ACCOUNT',
    acks: acks.filter((a) => a.studentId === s.id).map((a) => ({
      parent: shortPersonName(a.parent), at: formatInstantRu(a.acknowledgedAt, base.timezone), message: a.message?.body ?? null,
      outdated: a.acknowledgedAt.getTime() < (lastShown.get(s.id) ?? 0),
    })),
  }));

  return {
    classId: base.classId,
    className: base.className,
    periods: base.periods,
    period,
    rows,
    canReply: actor.id === base.classTeacherId,
    summary: {
      pupils: rows.length,
      published: lastShown.size,
      acknowledged: rows.filter((r) => r.acks.some((a) => !a.outdated)).length,
      offline: rows.filter((r) => r.published && r.offline && !r.acks.some((a) => !a.outdated)).length,
    },
    messages: messages.map((m) => ({
      id: m.id,
      kind: m.kind,
      from: shortPersonName(m.sender),
      pupil: m.student ? `${m.student.lastName} ${m.student.firstName}` : null,
      at: formatInstantRu(m.createdAt, base.timezone),
      body: m.body,
      read: m.readAt !== null,
      to: m.recipientId === actor.id ? null : { name: shortPersonName(m.recipient), former: m.recipientId !== base.classTeacherId },
      reply: m.reply && { from: shortPersonName(m.reply.sender), at: formatInstantRu(m.reply.createdAt, base.timezone), body: m.reply.body },
    })),
  };
}
