// The notifications outbox as the administrator reads it ('outbox:read'): every message with its
// state, attempts and last error, newest first, and one message in full. Scoped to the school.
// A letter's body is a pupil's diary (marks, attendance, results): it is shown only to whoever may
// read that pupil's whole diary (readableDiaries), not to everyone who tracks delivery.
import 'server-only';
import { getDb } from '../db';
import type { Actor } from '../auth/actor';
import type { NotificationStatus } from '../generated/prisma/enums';
import type { Prisma } from '../prisma-client';
import { pupilOfKey } from '../mail/outbox';
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

export async function readOutboxMessage(actor: Actor, id: number) {
  if (!actor.permissions.has('outbox:read')) return null;
  const db = getDb();
  const m = await db.notification.findFirst({
    where: { id, schoolId: actor.schoolId },
    select: { id: true, kind: true, toAddress: true, subject: true, text: true, html: true, status: true, attempts: true, nextAttemptAt: true, lastError: true, sentAt: true, createdAt: true, dedupeKey: true },
  });
  if (!m) return null;
  const pupilId = pupilOfKey(m.dedupeKey);
  const bodyReadable = pupilId === null || (await db.user.count({ where: { AND: [{ id: pupilId }, readableDiaries(actor)] } })) > 0;
  return bodyReadable ? { ...m, bodyHidden: false } : { ...m, text: null, html: null, bodyHidden: true };
}
