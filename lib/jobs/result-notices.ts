// Notices that published results became visible to the family: final marks (final-marks-notices.ts)
// and ГИА results (exam-notices.ts). Both are published by the school and shown from visibleFrom,
// the school's resultVisibilityHours after publishing (seed 001 §7); both go to the family of the
// pupil whose results they are, under the consent in force (deliveriesOf, the sender's own rule:
// a refusal gets nothing), whether or not the pupil is still enrolled: ГИА retakes of last year's
// graduates are published until 30 September (lib/data/exams.ts), and their parents still read
// them in the diary. One letter per pupil, recipient, scope (a period; a year's ГИА) and moment
// of visibility, so results published later bring a new letter; a letter announces only the
// results the recipient has not been sent yet (scopeLetters below). At most one letter per
// recipient, pupil and scope waits at a time: a new one replaces the one still waiting (the night,
// no SMTP) and lists its results too (supersedeAndQueue below). A result changed before its letter
// leaves cancels it (recheck.ts); the results still visible and not yet sent then get a follow-up
// letter for the same moment (keysToWrite below).
import 'server-only';
import { getDb } from '../db';
import type { Actor } from '../auth/actor';
import { deliveriesOf } from '../data/consents';
import { className } from '../data/names';
import { CLASS_NOW_FIRST, classNowOrLast, schoolToday } from '../data/enrolled';
import { enqueue, type NotificationDraft } from '../mail/outbox';
import { cancelled, resultsNeverAnnounced, SUPERSEDED_REASON } from '../mail/recheck';
import type { Letter } from '../mail/templates/digest';
import { FINAL_NOTICE_LOOKBACK_MS } from './due';
import { emptyReport, queueLetter, type EnqueueOptions, type EnqueueReport } from './per-pupil';
import { systemActor } from './system-actor';

/** A pupil's results of one scope that are visible by now, the latest of them visible from `latest`. */
export type FreshResults = { studentId: number; scope: number; latest: Date };

type School = { id: number; name: string; timezone: string };

export type ResultNotice = {
  /** For the log (per-pupil.ts). */
  job: string;
  /** The outbox's kind. */
  kind: string;
  /** The school's pupils and scopes whose results are visible by `now`, the latest since `since`. */
  fresh(schoolId: number, since: Date, now: Date): Promise<FreshResults[]>;
  /** How the keys of this recipient's letters about the pupil's results of the scope begin (resultKeyScope, outbox.ts). */
  keyScope(studentId: number, guardianId: number | null, scope: number): string;
  /**
   * The letter with the results the family's diary shows now that became visible after
   * `announcedUntil` (null: none sent yet); null: nothing to announce.
   */
  letter(x: { actor: Actor; school: School; now: Date; fresh: FreshResults; announcedUntil: Date | null; pupil: { name: string; className: string } }): Promise<Letter | null>;
};

export async function enqueueResultNotices(notice: ResultNotice, options: EnqueueOptions): Promise<EnqueueReport> {
  const now = options.now ?? new Date();
  const since = new Date(now.getTime() - FINAL_NOTICE_LOOKBACK_MS);
  const report = emptyReport();
  const db = getDb();
  const schools = await db.school.findMany({ where: options.schoolId ? { id: options.schoolId } : {}, select: { id: true, name: true, timezone: true } });
  for (const school of schools) {
    const fresh = await notice.fresh(school.id, since, now);
    if (!fresh.length) continue;
    const actor = systemActor(school);
    // By the pupils whose results they are, not by the pupils enrolled today (deliveryLists):
    // a graduate's family is still theirs while linked to them (deliveriesOf).
    const deliveries = await deliveriesOf(school.id, [...new Set(fresh.map((f) => f.studentId))]);
    const written = fresh.flatMap((f) => {
      const d = deliveries.get(f.studentId);
      if (d?.kind !== 'email') return [];
      const scopeKey = notice.keyScope(f.studentId, d.guardianId, f.scope);
      return [{ studentId: f.studentId, guardianId: d.guardianId, email: d.email, fresh: f, scopeKey, base: `${scopeKey}${f.latest.toISOString()}` }];
    });
    const keys = await keysToWrite(written.map((l) => l.base));
    const letters = written.flatMap((l) => { const key = keys.get(l.base); return key ? [{ ...l, key }] : []; });
    report.alreadyQueued += written.length - letters.length;
    if (!letters.length) continue;
    // The letters' pupils with their class today (this year's until its last day, even when next
    // year's is already made), or a graduate's last one, read once for the school, not once per letter.
    const today = schoolToday(school.timezone, now);
    const pupils = new Map((await db.user.findMany({
      where: { id: { in: [...new Set(letters.map((l) => l.studentId))] }, schoolId: school.id },
      select: { id: true, lastName: true, firstName: true, enrollments: { orderBy: CLASS_NOW_FIRST, select: { startDate: true, endDate: true, schoolClass: { select: { gradeLevel: true, letter: true } } } } },
    })).map((p) => [p.id, p]));
    const scopes = await scopeLetters(school.id, notice.kind, letters.map((l) => l.scopeKey));
    // Each letter is queued as soon as it is written, so one pupil's failure loses no other's.
    for (const l of letters) {
      const { announcedUntil, waiting } = scopes.get(l.scopeKey) ?? { announcedUntil: null, waiting: [] };
      // A letter of the scope is on the wire: whether it goes decides what the new one must list.
      // The next run knows (sent: only what is new; back to wait: replaced; cancelled: all of it).
      if (waiting.some((w) => w.status === 'SENDING')) {
        report.alreadyQueued++;
        continue;
      }
      const queue = async (draft: NotificationDraft) => {
        const written = await supersedeAndQueue(draft, waiting.map((w) => w.id), { hold: options.hold, now });
        if (written === null) report.alreadyQueued++;
        return written ?? 0;
      };
      await queueLetter(notice.job, school, l.studentId, report, { ...options, now }, async () => {
        const pupil = pupils.get(l.studentId);
        if (!pupil) return null;
        const cls = classNowOrLast(pupil.enrollments, today)?.schoolClass;
        const letter = await notice.letter({
          actor, school, now, fresh: l.fresh, announcedUntil,
          pupil: { name: `${pupil.lastName} ${pupil.firstName}`, className: cls ? className(cls) : '—' },
        });
        return letter && { ...letter, schoolId: school.id, kind: notice.kind, recipientUserId: l.guardianId, toAddress: l.email, dedupeKey: l.key };
      }, queue);
    }
  }
  return report;
}

/**
 * For each letter's key, the key to write it under now, or none: a letter for that pupil,
 * recipient, scope and moment stands (queued, held, sent, or failed on the wire). A result taken
 * back from the family (a ГИА result corrected, a final mark changed) leaves the moment of the
 * others' visibility as it was, so once it has been announced nothing new is sent until the
 * result is published again (a later moment, a new key). But when the letter was cancelled
 * before it left because a result in it changed (recheck.ts), or superseded by a later letter
 * whose results were taken back since (so the moment fell back to this one's), the results still
 * visible may never have been announced: they get a follow-up, `<key>#2` (then `#3`, ...), as the
 * diary shows them, listing only what was not sent. Two runs at once write the same follow-up
 * key: the outbox keeps one (outbox.ts).
 */
async function keysToWrite(bases: readonly string[]): Promise<Map<string, string>> {
  const db = getDb();
  const select = { dedupeKey: true, status: true, lastError: true } as const;
  const first = await db.notification.findMany({ where: { dedupeKey: { in: [...new Set(bases)] } }, select });
  const reopened = first.filter(resultsNeverAnnounced).map((r) => r.dedupeKey);
  // Follow-ups are rare (a result changed in the hours before its letter left): read only theirs.
  const followUps = reopened.length
    ? await db.notification.findMany({ where: { OR: reopened.map((k) => ({ dedupeKey: { startsWith: `${k}#` } })) }, select })
    : [];
  const latest = new Map<string, { n: number; row: (typeof first)[number] }>();
  for (const row of [...first, ...followUps]) {
    const m = /^(.*)#(\d+)$/.exec(row.dedupeKey);
    const [base, n] = m ? [m[1], Number(m[2])] : [row.dedupeKey, 1];
    if ((latest.get(base)?.n ?? 0) < n) latest.set(base, { n, row });
  }
  const keys = new Map<string, string>();
  for (const base of bases) {
    const last = latest.get(base);
    if (!last) keys.set(base, base);
    else if (resultsNeverAnnounced(last.row)) keys.set(base, `${base}#${last.n + 1}`);
  }
  return keys;
}

type Waiting = { id: number; status: 'PENDING' | 'HELD' | 'SENDING' };

/**
 * For each key scope, the recipient's letters about those results that wait (queued, held, or
 * being sent), and `announcedUntil`: when the latest of them that was sent had been written. It
 * listed every result visible then, or an earlier sent letter had (a result changed since is
 * visible again only from its new publication, later than any letter listing its old value).
 * Results visible by then have been announced; a letter lists only the others, so a follow-up or
 * a later letter never tells the family again what it was told. Only sent letters count: a letter
 * still waiting may yet be cancelled (recheck.ts), and its results must not be lost with it; the
 * new letter lists them too and replaces it (supersedeAndQueue).
 */
async function scopeLetters(schoolId: number, kind: string, scopeKeys: readonly string[]) {
  const unique = [...new Set(scopeKeys)];
  const scopes = new Map<string, { announcedUntil: Date | null; waiting: Waiting[] }>(unique.map((k) => [k, { announcedUntil: null, waiting: [] }]));
  if (!unique.length) return scopes;
  const rows = await getDb().notification.findMany({
    where: { schoolId, kind, status: { in: ['SENT', 'PENDING', 'HELD', 'SENDING'] }, OR: unique.map((k) => ({ dedupeKey: { startsWith: k } })) },
    select: { id: true, dedupeKey: true, status: true, createdAt: true },
  });
  for (const row of rows) {
    const scope = scopes.get(unique.find((u) => row.dedupeKey.startsWith(u))!)!;
    if (row.status === 'SENT') {
      if (!scope.announcedUntil || scope.announcedUntil < row.createdAt) scope.announcedUntil = row.createdAt;
    } else if (row.status !== 'FAILED') scope.waiting.push({ id: row.id, status: row.status });
  }
  return scopes;
}

/**
 * Queues the letter in place of the scope's letters that wait (queued or held): they are cancelled
 * as superseded (SUPERSEDED_REASON, shown on /admin/outbox) in the transaction that writes it, so
 * the family gets one letter listing them all. Only a letter still waiting is superseded: the
 * sender takes one by setting it SENDING (FOR UPDATE SKIP LOCKED, sender.ts), and a letter taken
 * (or sent, or cancelled) since they were read leaves the update short, so nothing is written and
 * nothing is cancelled; the next run writes the letter knowing what went. Returns how many letters
 * were written, or null when the letter waits for the next run.
 */
async function supersedeAndQueue(draft: NotificationDraft, waiting: readonly number[], options: { hold: boolean; now: Date }): Promise<number | null> {
  if (!waiting.length) return enqueue([draft], options);
  const raced = new Error('superseded letter taken meanwhile');
  try {
    return await getDb().$transaction(async (tx) => {
      const { count } = await tx.notification.updateMany({ where: { id: { in: [...waiting] }, status: { in: ['PENDING', 'HELD'] } }, data: cancelled(SUPERSEDED_REASON) });
      // Written by another run at once (the same key), the letter is theirs: leave theirs alone.
      if (count < waiting.length || (await enqueue([draft], options, tx)) === 0) throw raced;
      return 1;
    });
  } catch (error) {
    if (error === raced) return null;
    throw error;
  }
}
