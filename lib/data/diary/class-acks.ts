// What the class teacher sees of the families' acknowledgements of final marks (seed 003 §9):
// per pupil of the class, whether the period's results are visible and which parent acknowledged
// them when, with the message; and the latest messages from the class's families.
import 'server-only';
import { getDb } from '../../db';
import type { Actor } from '../../auth/actor';
import { formatInstantRu, shortPersonName } from '../../domain/diary-format';
import { comparePupils } from '../../domain/journal-grid';
import type { DiaryPeriod } from './calendar';
import { classPupils, loadClassReportBase, periodPupils } from './class-scope';

export const CLASS_MESSAGES_SHOWN = 50;

export type ClassAckRow = {
  studentId: number;
  pupil: string;
  /** Final marks of the period are published and visible to the family. */
  published: boolean;
  /** `outdated`: marks were published again after it; the family has not acknowledged those. */
  acks: { parent: string; at: string; message: string | null; outdated: boolean }[];
};

export type ClassAcknowledgements = {
  classId: number;
  className: string;
  periods: DiaryPeriod[];
  period: DiaryPeriod;
  rows: ClassAckRow[];
  summary: { pupils: number; published: number; acknowledged: number };
  messages: { id: number; kind: 'GENERAL' | 'FINAL_MARKS_ACK'; from: string; pupil: string | null; at: string; body: string; read: boolean }[];
};

export async function classAcknowledgements(actor: Actor, classId: number, periodId?: number | null, now = new Date()): Promise<ClassAcknowledgements | null> {
  const base = await loadClassReportBase(actor, classId, periodId, now, 'finished');
  if (!base) return null;
  const { period } = base;
  const pupils = periodPupils(actor, classId, period.startDate, period.endDate);
  const db = getDb();
  const names = { select: { lastName: true, firstName: true, middleName: true } } as const;
  // Messages are not tied to a period: the families of everyone in the class this year.
  const yearEnd = base.periods.reduce((end, p) => (p.endDate > end ? p.endDate : end), period.endDate);

  const [students, published, acks, messages] = await Promise.all([
    db.user.findMany({ where: pupils, select: { id: true, lastName: true, firstName: true } }),
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
    base.classTeacherId === null
      ? Promise.resolve([])
      : db.message.findMany({
          where: { schoolId: actor.schoolId, recipientId: base.classTeacherId, student: classPupils(actor, classId, base.periods[0].startDate, yearEnd) },
          select: { id: true, kind: true, body: true, createdAt: true, readAt: true, sender: names, student: { select: { lastName: true, firstName: true } } },
          orderBy: { createdAt: 'desc' },
          take: CLASS_MESSAGES_SHOWN,
        }),
  ]);

  // When each pupil's results of the period were last published for the family.
  const lastShown = new Map(published.map((p) => [p.studentId, p._max.visibleFrom!.getTime()]));
  const rows = students.sort(comparePupils).map((s): ClassAckRow => ({
    studentId: s.id,
    pupil: `${s.lastName} ${s.firstName}`,
    published: lastShown.has(s.id),
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
    summary: { pupils: rows.length, published: lastShown.size, acknowledged: rows.filter((r) => r.acks.some((a) => !a.outdated)).length },
    messages: messages.map((m) => ({
      id: m.id,
      kind: m.kind,
      from: shortPersonName(m.sender),
      pupil: m.student ? `${m.student.lastName} ${m.student.firstName}` : null,
      at: formatInstantRu(m.createdAt, base.timezone),
      body: m.body,
      read: m.readAt !== null,
    })),
  };
}
