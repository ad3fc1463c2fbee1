// Notices that published results became visible to the family: final marks (final-marks-notices.ts)
// and ГИА results (exam-notices.ts). Both are published by the school and shown from visibleFrom,
// the school's resultVisibilityHours after publishing (seed 001 §7); both go to the families who
// take e-mail under the consent in force (deliveryLists: a refusal gets nothing), one letter per
// pupil, recipient, scope (a period; a year's ГИА) and moment of visibility, so results published
// later bring a new letter. A result changed before its letter leaves cancels it (recheck.ts).
import 'server-only';
import { getDb } from '../db';
import type { Actor } from '../auth/actor';
import { deliveryLists } from '../data/consents';
import { className } from '../data/names';
import { existingKeys } from '../mail/outbox';
import type { Letter } from '../mail/templates/digest';
import { FINAL_NOTICE_LOOKBACK_MS } from './due';
import { emptyReport, queueLetter, type EnqueueOptions, type EnqueueReport } from './per-pupil';
import { systemActor } from './system-actor';

/**
 * A pupil's results of one scope that are visible by now, the latest of them visible from
 * `latest`; `count` of them, where a result can be withdrawn without another being published.
 */
export type FreshResults = { studentId: number; scope: number; latest: Date; count?: number };

type School = { id: number; name: string; timezone: string };

export type ResultNotice = {
  /** For the log (per-pupil.ts). */
  job: string;
  /** The outbox's kind. */
  kind: string;
  /** The school's pupils and scopes whose results are visible by `now`, the latest since `since`. */
  fresh(schoolId: number, since: Date, now: Date): Promise<FreshResults[]>;
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
    const letters = fresh.flatMap((f) =>
      lists.email.filter((r) => r.studentId === f.studentId).map((r) => ({ ...r, fresh: f, key: notice.key(r.studentId, r.guardianId, f) })),
    );
    const queued = await existingKeys(letters.map((l) => l.key));
    report.alreadyQueued += queued.size;
    // Each letter is queued as soon as it is written, so one pupil's failure loses no other's.
    for (const l of letters) {
      if (queued.has(l.key)) continue;
      await queueLetter(notice.job, school, l.studentId, report, { ...options, now }, async () => {
        const pupil = await db.user.findFirst({
          where: { id: l.studentId, schoolId: school.id },
          select: { lastName: true, firstName: true, enrollments: { where: { endDate: null }, orderBy: { startDate: 'desc' }, take: 1, select: { schoolClass: { select: { gradeLevel: true, letter: true } } } } },
        });
        if (!pupil) return null;
        const cls = pupil.enrollments[0]?.schoolClass;
        const letter = await notice.letter({ actor, school, now, fresh: l.fresh, pupil: { name: `${pupil.lastName} ${pupil.firstName}`, className: cls ? className(cls) : '—' } });
        return letter && { ...letter, schoolId: school.id, kind: notice.kind, recipientUserId: l.guardianId, toAddress: l.email, dedupeKey: l.key };
      });
    }
  }
  return report;
}
