// The notifications outbox as the administrator reads it ('outbox:read'): every message with its
// state, attempts and last error, newest first, and one message in full. Scoped to the school.
// A letter's body is a pupil's diary (marks, attendance, results): it is shown only to whoever may
// read that pupil's whole diary of the days the letter draws on (readableDiaries(actor, on),
// letterDay), not to everyone who tracks delivery. The list shows every 'outbox:read' holder the
// same: delivery state and the subject line (the pupil's name and class, the week or period: what
// letter went to whom, no marks), never a body.
import 'server-only';
import { getDb } from '../db';
import type { Actor } from '../auth/actor';
import type { NotificationStatus } from '../generated/prisma/enums';
import type { Prisma } from '../prisma-client';
import { addDays } from '../domain/calendar';
import { toSchoolDate } from '../domain/timezone';
import { digestMondayOfKey, pupilOfKey } from '../mail/outbox';
import { readableDiaries } from './scope';

export const OUTBOX_PAGE_SIZE = 50;

export const STATUS_LABELS: Record<NotificationStatus, string> = {
  PENDING: 'в очереди',
  SENDING: 'отправляется',
  SENT: 'отправлено',
  FAILED: 'не доставлено',
  HELD: 'задержано: SMTP не настроен',
};

export const KIND_LABELS: Record<string, string> = {
  digest: 'Дневник за неделю',
  forecast: 'Прогноз итоговых отметок',
  'final-marks': 'Итоговые отметки',
  'exam-results': 'Результаты ГИА',
  reply: 'Ответ классного руководителя',
};

const STATUSES = Object.keys(STATUS_LABELS) as NotificationStatus[];

export function isNotificationStatus(value: string | undefined): value is NotificationStatus {
  return !!value && (STATUSES as string[]).includes(value);
}

export type OutboxFilter = { status?: NotificationStatus; kind?: string; page?: number };

export async function readOutbox(actor: Actor, filter: OutboxFilter = {}) {
  if (!actor.permissions.has('outbox:read')) return null;
  const db = getDb();
  const where: Prisma.NotificationWhereInput = { schoolId: actor.schoolId, ...(filter.status ? { status: filter.status } : {}), ...(filter.kind ? { kind: filter.kind } : {}) };
  const page = Math.max(1, filter.page ?? 1);
  const [rows, total, byStatus] = await Promise.all([
    db.notification.findMany({
      where,
      orderBy: { id: 'desc' },
      skip: (page - 1) * OUTBOX_PAGE_SIZE,
      take: OUTBOX_PAGE_SIZE,
      select: { id: true, kind: true, toAddress: true, subject: true, status: true, attempts: true, nextAttemptAt: true, lastError: true, sentAt: true, createdAt: true },
    }),
    db.notification.count({ where }),
    db.notification.groupBy({ by: ['status'], where: { schoolId: actor.schoolId }, _count: { _all: true } }),
  ]);
  const counts = Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<NotificationStatus, number>;
  for (const g of byStatus) counts[g.status] = g._count._all;
  return { page, pages: Math.max(1, Math.ceil(total / OUTBOX_PAGE_SIZE)), total, counts, rows };
}

/**
 * The last day of the pupil's diary a letter's body draws on, on the school's clock: whoever reads
 * the body must be able to read the diary of that day (a former class teacher reads only up to the
 * pupil's last day in their class, readableDiaries' `on`). A letter is shown whole or not at all.
 * Every letter is written from the diary as it stands when it is created (its createdAt, a
 * digest's snapshot), and results, forecasts and a digest's term figures count every mark up to
 * then, the new class's too; a digest also covers its whole week (a week's digest may be written
 * before the week's end), so it reaches to the later of its week's Sunday and the day it was
 * written. The digest of the week of a move therefore stays closed to the former class teacher,
 * though their diary view shows that week up to the move: the letter carries the days after it.
 */
function letterDay(letter: { dedupeKey: string; createdAt: Date }, timeZone: string): string {
  const written = toSchoolDate(letter.createdAt, timeZone);
  const monday = digestMondayOfKey(letter.dedupeKey);
  const sunday = monday === null ? written : addDays(monday, 6);
  return sunday > written ? sunday : written;
}

export async function readOutboxMessage(actor: Actor, id: number) {
  if (!actor.permissions.has('outbox:read')) return null;
  const db = getDb();
  const m = await db.notification.findFirst({
    where: { id, schoolId: actor.schoolId },
    select: { id: true, kind: true, toAddress: true, subject: true, text: true, html: true, status: true, attempts: true, nextAttemptAt: true, lastError: true, sentAt: true, createdAt: true, dedupeKey: true },
  });
  if (!m) return null;
  const pupilId = pupilOfKey(m.dedupeKey);
  const bodyReadable = pupilId === null || (await db.user.count({ where: { AND: [{ id: pupilId }, readableDiaries(actor, letterDay(m, actor.timeZone))] } })) > 0;
  return bodyReadable ? { ...m, bodyHidden: false } : { ...m, text: null, html: null, bodyHidden: true };
}
