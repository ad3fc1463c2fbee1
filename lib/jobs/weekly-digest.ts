// Weekly digest by e-mail (issue 6 §5) for families with a granted consent, the e-mail form and an
// address: the same content as the paper extract, for the latest week whose digest is due. The
// pupils are those of that week (digest-pupils.ts), not today's roll that deliveryLists shows.
import 'server-only';
import { getDb } from '../db';
import { deliveriesOf } from '../data/consents';
import { lateEntries } from '../data/late-entries';
import { classTeacherName, readExtract } from '../data/extracts/week-extract';
import { dedupeKeys, existingKeys } from '../mail/outbox';
import { digestLetter } from '../mail/templates/digest';
import { digestPupils } from './digest-pupils';
import { dueDigestMonday } from './due';
import { previousDigestsAt } from './late-entries';
import { emptyReport, queueLetter, type EnqueueOptions, type EnqueueReport } from './per-pupil';
import { systemActor } from './system-actor';

export type { EnqueueOptions, EnqueueReport } from './per-pupil';

export async function enqueueWeeklyDigests(options: EnqueueOptions): Promise<EnqueueReport> {
  const now = options.now ?? new Date();
  const report = emptyReport();
  const schools = await getDb().school.findMany({ where: options.schoolId ? { id: options.schoolId } : {}, select: { id: true, timezone: true, schoolDaysPerWeek: true } });
  for (const school of schools) {
    const actor = systemActor(school);
    const monday = dueDigestMonday(now, school.timezone, school.schoolDaysPerWeek);
    const pupils = (await digestPupils(school.id, monday, school.schoolDaysPerWeek)).sort((a, b) => a - b);
    const deliveries = await deliveriesOf(school.id, pupils);
    const recipients = pupils.flatMap((studentId) => {
      const d = deliveries.get(studentId);
      return d?.kind === 'email' ? [{ studentId, guardianId: d.guardianId, email: d.email, key: dedupeKeys.digest(studentId, d.guardianId, monday) }] : [];
    });
    const queued = await existingKeys(recipients.map((r) => r.key));
    report.alreadyQueued += queued.size;
    // The batch's letters are all of this week, so none of them is another's previous letter.
    const previous = await previousDigestsAt(school.id, recipients.filter((r) => !queued.has(r.key)), monday);
    const teachers = new Map<number, Promise<string | null>>();
    const teacherOf = (classId: number | null) => {
      if (classId === null) return Promise.resolve(null);
      if (!teachers.has(classId)) teachers.set(classId, classTeacherName(school.id, classId));
      return teachers.get(classId)!;
    };
    // Each letter is queued as soon as it is written: a large school is not held in memory, and
    // one pupil's failure loses no other family's letter (per-pupil.ts).
    for (const r of recipients) {
      if (queued.has(r.key)) continue;
      await queueLetter('weekly-digest', school, r.studentId, report, { ...options, now }, async () => {
        // The moment this letter's snapshot is taken, stored as its createdAt: the next digest
        // reports what was recorded after it (late-entries.ts). A test's fixed `now` stands for it.
        const builtAt = options.now ?? new Date();
        const since = previous.get(r.key);
        const [extract, late] = await Promise.all([
          readExtract(actor, r.studentId, monday, teacherOf, now),
          since ? lateEntries(school, r.studentId, monday, since, builtAt) : [],
        ]);
        return extract && { ...digestLetter(extract, late), schoolId: school.id, kind: 'digest', recipientUserId: r.guardianId, toAddress: r.email, dedupeKey: r.key, createdAt: builtAt };
      });
    }
  }
  return report;
}
