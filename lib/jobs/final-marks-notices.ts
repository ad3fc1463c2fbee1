// Notices that final marks were published (seeds 001 §7, 002 §3.3): sent when the marks become
// visible to the family (FinalMark.visibleFrom, at most the school's resultVisibilityHours after
// publishing), listing the period's results as the diary shows them. One letter per pupil,
// parent, period and moment of visibility: marks published later in the period bring a new one.
import 'server-only';
import { getDb } from '../db';
import { deliveryLists } from '../data/consents';
import { className } from '../data/names';
import { diaryResults } from '../data/diary/results';
import { dedupeKeys, existingKeys } from '../mail/outbox';
import { finalMarksLetter } from '../mail/templates/final-marks';
import { FINAL_NOTICE_LOOKBACK_MS } from './due';
import { emptyReport, queueLetter, type EnqueueOptions, type EnqueueReport } from './per-pupil';
import { systemActor } from './system-actor';

export async function enqueueFinalMarkNotices(options: EnqueueOptions): Promise<EnqueueReport> {
  const now = options.now ?? new Date();
  const since = new Date(now.getTime() - FINAL_NOTICE_LOOKBACK_MS);
  const report = emptyReport();
  const db = getDb();
  const schools = await db.school.findMany({ where: options.schoolId ? { id: options.schoolId } : {}, select: { id: true, name: true, timezone: true } });
  for (const school of schools) {
    const fresh = await db.finalMark.groupBy({
      by: ['studentId', 'periodId'],
      where: { schoolId: school.id, status: 'PUBLISHED', visibleFrom: { lte: now } },
      _max: { visibleFrom: true },
      having: { visibleFrom: { _max: { gt: since } } },
    });
    if (!fresh.length) continue;
    const actor = systemActor(school);
    const lists = await deliveryLists(actor, {}, now);
    if (!lists) continue;
    const letters = fresh.flatMap((f) =>
      lists.email.filter((r) => r.studentId === f.studentId).map((r) => ({ ...r, periodId: f.periodId, key: dedupeKeys.finalMarks(r.studentId, r.guardianId, f.periodId, f._max.visibleFrom!) })),
    );
    const queued = await existingKeys(letters.map((l) => l.key));
    report.alreadyQueued += queued.size;
    // Each letter is queued as soon as it is written, so one pupil's failure loses no other's.
    for (const l of letters) {
      if (queued.has(l.key)) continue;
      await queueLetter('final-mark-notices', school, l.studentId, report, { ...options, now }, async () => {
        const results = await diaryResults(actor, l.studentId, now);
        const period = results?.periods.find((p) => p.id === l.periodId);
        if (!results || !period) return null;
        const marks = results.subjects.filter((s) => s.cells[l.periodId]).map((s) => ({ subject: s.subject, text: s.cells[l.periodId].text }));
        const pupil = await db.user.findFirst({ where: { id: l.studentId, schoolId: school.id }, select: { lastName: true, firstName: true, enrollments: { where: { endDate: null }, orderBy: { startDate: 'desc' }, take: 1, select: { schoolClass: { select: { gradeLevel: true, letter: true } } } } } });
        if (!pupil || !marks.length) return null;
        const cls = pupil.enrollments[0]?.schoolClass;
        const letter = finalMarksLetter({ schoolName: school.name, pupilName: `${pupil.lastName} ${pupil.firstName}`, className: cls ? className(cls) : '—', periodName: period.name, marks });
        return { ...letter, schoolId: school.id, kind: 'final-marks', recipientUserId: l.guardianId, toAddress: l.email, dedupeKey: l.key };
      });
    }
  }
  return report;
}
