// Notices that published results became visible to the family: final marks (final-marks-notices.ts)
// and ГИА results (exam-notices.ts). Both are published by the school and shown from visibleFrom,
// the school's resultVisibilityHours after publishing (seed 001 §7); both go to the families who
// take e-mail under the consent in force (deliveryLists: a refusal gets nothing), one letter per
// pupil, recipient, scope (a period; a year's ГИА) and moment of visibility, so results published
// later bring a new letter. A result changed before its letter leaves cancels it (recheck.ts); the
// results still visible then get a follow-up letter for the same moment (keysToWrite below).
import 'server-only';
import { getDb } from '../db';
import type { Actor } from '../auth/actor';
import { deliveryLists } from '../data/consents';
import { className } from '../data/names';
import { CLASS_NOW_FIRST, notEndedBy, schoolToday } from '../data/enrolled';
import { resultChangeCancelled } from '../mail/recheck';
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
  /** The letter's key for this moment of visibility (its follow-ups add `#2`, `#3`: keysToWrite). */
  key(studentId: number, guardianId: number | null, f: FreshResults): string;
  /** The letter as the family's diary shows the results now; null: nothing to announce. */
  letter(x: { actor: Actor; school: School; now: Date; fresh: FreshResults; pupil: { name: string; className: string } }): Promise<Letter | null>;
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
    const lists = await deliveryLists(actor, {}, now);
    if (!lists) continue;
    const recipients = new Map<number, (typeof lists.email)[number][]>();
    for (const r of lists.email) recipients.set(r.studentId, [...(recipients.get(r.studentId) ?? []), r]);
    const written = fresh.flatMap((f) =>
      (recipients.get(f.studentId) ?? []).map((r) => ({ ...r, fresh: f, base: notice.key(r.studentId, r.guardianId, f) })),
    );
    const keys = await keysToWrite(written.map((l) => l.base));
    const letters = written.flatMap((l) => { const key = keys.get(l.base); return key ? [{ ...l, key }] : []; });
    report.alreadyQueued += written.length - letters.length;
    if (!letters.length) continue;
    // The letters' pupils with their class today (this year's until its last day, even when next
    // year's is already made), read once for the school, not once per letter.
    const pupils = new Map((await db.user.findMany({
      where: { id: { in: [...new Set(letters.map((l) => l.studentId))] }, schoolId: school.id },
      select: { id: true, lastName: true, firstName: true, enrollments: { where: notEndedBy(schoolToday(school.timezone, now)), orderBy: CLASS_NOW_FIRST, take: 1, select: { schoolClass: { select: { gradeLevel: true, letter: true } } } } },
    })).map((p) => [p.id, p]));
    // Each letter is queued as soon as it is written, so one pupil's failure loses no other's.
    for (const l of letters) {
      await queueLetter(notice.job, school, l.studentId, report, { ...options, now }, async () => {
        const pupil = pupils.get(l.studentId);
        if (!pupil) return null;
        const cls = pupil.enrollments[0]?.schoolClass;
        const letter = await notice.letter({ actor, school, now, fresh: l.fresh, pupil: { name: `${pupil.lastName} ${pupil.firstName}`, className: cls ? className(cls) : '—' } });
        return letter && { ...letter, schoolId: school.id, kind: notice.kind, recipientUserId: l.guardianId, toAddress: l.email, dedupeKey: l.key };
      });
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
 * before it left because a result in it changed (recheck.ts), the results still visible were
 * never announced: they get a follow-up, `<key>#2` (then `#3`, ...), as the diary shows them.
 * Two runs at once write the same follow-up key: the outbox keeps one (outbox.ts).
 */
async function keysToWrite(bases: readonly string[]): Promise<Map<string, string>> {
  const db = getDb();
  const select = { dedupeKey: true, status: true, lastError: true } as const;
  const first = await db.notification.findMany({ where: { dedupeKey: { in: [...new Set(bases)] } }, select });
  const reopened = first.filter(resultChangeCancelled).map((r) => r.dedupeKey);
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
    else if (resultChangeCancelled(last.row)) keys.set(base, `${base}#${last.n + 1}`);
  }
  return keys;
}
