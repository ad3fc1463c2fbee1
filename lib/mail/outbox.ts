// Writing to the notifications outbox. Every message has a deterministic dedupeKey (unique in
// SQL) built from what it is about — `digest:<pupil>:<parent>:<monday>` — so a job that runs
// twice, or in two processes at once, inserts each message once: ON CONFLICT DO NOTHING. A results
// notice's follow-up adds `#<n>` to its key (lib/jobs/result-notices.ts).
import 'server-only';
import { getDb } from '../db';
import { DAY_MS } from '../domain/calendar';
import type { Prisma, PrismaClient } from '../prisma-client';
import type { Letter } from './templates/digest';

/** The pool, or the transaction a letter is queued in with the change it tells of (class-reply.ts). */
type Writer = Pick<PrismaClient, 'notification'> | Prisma.TransactionClient;

export type NotificationDraft = Letter & {
  schoolId: number;
  /** 'digest', 'forecast', 'final-marks', 'exam-results', 'reply'. */
  kind: string;
  recipientUserId: number | null;
  toAddress: string;
  dedupeKey: string;
  /** When the letter's content was read, if not the job's `now` (a digest's snapshot: lib/jobs/late-entries.ts). */
  createdAt?: Date;
};

export const dedupeKeys = {
  digest: (studentId: number, guardianId: number | null, monday: string) => `digest:${studentId}:${guardianId ?? 0}:${monday}`,
  forecast: (studentId: number, guardianId: number | null, month: string) => `forecast:${studentId}:${guardianId ?? 0}:${month}`,
  finalMarks: (studentId: number, guardianId: number | null, periodId: number, latestVisible: Date) =>
    `${resultKeyScope.finalMarks(studentId, guardianId, periodId)}${latestVisible.toISOString()}`,
  examResults: (studentId: number, guardianId: number | null, academicYearId: number, latestVisible: Date) =>
    `${resultKeyScope.examResults(studentId, guardianId, academicYearId)}${latestVisible.toISOString()}`,
  /** The class teacher's answer to a parent's message: one answer per message (class-reply.ts). */
  reply: (studentId: number, parentId: number, messageId: number) => `reply:${studentId}:${parentId}:${messageId}`,
};

/**
 * What every results notice to one recipient about one pupil and scope (a period; a year's ГИА)
 * starts its key with, whatever its moment and follow-up number: which of those letters were
 * sent says what the recipient has been told (lib/jobs/result-notices.ts).
 */
export const resultKeyScope = {
  finalMarks: (studentId: number, guardianId: number | null, periodId: number) => `final:${studentId}:${guardianId ?? 0}:${periodId}:`,
  examResults: (studentId: number, guardianId: number | null, academicYearId: number) => `exam:${studentId}:${guardianId ?? 0}:${academicYearId}:`,
};

/** The pupil a letter is about, read back from its dedupe key; null for a key of another shape. */
export function pupilOfKey(dedupeKey: string): number | null {
  const m = /^(?:digest|forecast|final|exam|reply):(\d+):/.exec(dedupeKey);
  return m ? Number(m[1]) : null;
}

/** The Monday of the week a digest covers, read back from its key; null for a key of another kind. */
export function digestMondayOfKey(dedupeKey: string): string | null {
  const m = /^digest:\d+:.*:(\d{4}-\d{2}-\d{2})$/.exec(dedupeKey);
  return m ? m[1] : null;
}

/** Which of the keys are already in the outbox (to skip building those letters at all). */
export async function existingKeys(keys: readonly string[]): Promise<Set<string>> {
  if (!keys.length) return new Set();
  const rows = await getDb().notification.findMany({ where: { dedupeKey: { in: [...keys] } }, select: { dedupeKey: true } });
  return new Set(rows.map((r) => r.dedupeKey));
}

/**
 * Inserts the drafts that are not in the outbox yet; returns how many were new. `hold` keeps
 * them as HELD (no SMTP configured: readable on /admin/outbox, never sent).
 */
export async function enqueue(drafts: readonly NotificationDraft[], options: { hold: boolean; now?: Date }, db: Writer = getDb()): Promise<number> {
  if (!drafts.length) return 0;
  const now = options.now ?? new Date();
  const { count } = await db.notification.createMany({
    data: drafts.map((d) => ({
      schoolId: d.schoolId,
      kind: d.kind,
      recipientUserId: d.recipientUserId,
      toAddress: d.toAddress,
      subject: d.subject,
      text: d.text,
      html: d.html,
      dedupeKey: d.dedupeKey,
      status: options.hold ? ('HELD' as const) : ('PENDING' as const),
      nextAttemptAt: now,
      createdAt: d.createdAt ?? now,
    })),
    skipDuplicates: true,
  });
  return count;
}

/** Letters kept without SMTP that are still worth sending once it is configured (see releaseHeldLetters). */
export const HELD_RELEASE_DAYS = 7;

/**
 * Queues the letters kept as HELD during the last HELD_RELEASE_DAYS; older ones stay HELD, as a
 * record (a newer digest or forecast has replaced them). Called by the sender's task when SMTP is
 * configured. Without it, the week's digest or a final-marks notice kept before SMTP was set up
 * would never go: its dedupe key stops the job from writing the letter again. A released letter
 * whose family has withdrawn e-mail since is cancelled by the sender (recheck.ts), not sent.
 */
export async function releaseHeldLetters(now = new Date()): Promise<number> {
  const { count } = await getDb().notification.updateMany({
    where: { status: 'HELD', createdAt: { gte: new Date(now.getTime() - HELD_RELEASE_DAYS * DAY_MS) } },
    data: { status: 'PENDING', nextAttemptAt: now },
  });
  return count;
}
