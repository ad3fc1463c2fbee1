// Notices that final marks were published (seeds 001 §7, 002 §3.3): sent when the marks become
// visible to the family (FinalMark.visibleFrom, at most the school's resultVisibilityHours after
// publishing), listing the period's results as the diary shows them that the parent has not been
// sent yet. One letter per pupil, parent, period and moment of visibility: marks published later
// in the period bring a new one (result-notices.ts).
import 'server-only';
import { getDb } from '../db';
import { diaryResults, finalMarkSubject } from '../data/diary/results';
import { resultKeyScope } from '../mail/outbox';
import { finalMarksLetter } from '../mail/templates/final-marks';
import type { EnqueueOptions, EnqueueReport } from './per-pupil';
import { enqueueResultNotices, type ResultNotice } from './result-notices';

const FINAL_MARKS: ResultNotice = {
  job: 'final-mark-notices',
  kind: 'final-marks',
  async fresh(schoolId, since, now) {
    const rows = await getDb().finalMark.groupBy({
      by: ['studentId', 'periodId'],
      where: { schoolId, status: 'PUBLISHED', visibleFrom: { lte: now } },
      _max: { visibleFrom: true },
      having: { visibleFrom: { _max: { gt: since } } },
    });
    return rows.map((r) => ({ studentId: r.studentId, scope: r.periodId, latest: r._max.visibleFrom! }));
  },
  keyScope: resultKeyScope.finalMarks,
  async letter({ actor, school, now, fresh, announcedUntil, pupil }) {
    const results = await diaryResults(actor, fresh.studentId, now);
    const period = results?.periods.find((p) => p.id === fresh.scope);
    if (!results || !period) return null;
    // The marks not sent yet: visible after the last letter sent was written (result-notices.ts).
    const untold = announcedUntil
      ? new Set((await getDb().finalMark.findMany({
          where: { schoolId: school.id, studentId: fresh.studentId, periodId: fresh.scope, status: 'PUBLISHED', visibleFrom: { gt: announcedUntil, lte: now } },
          select: { course: { select: { subject: { select: { name: true } }, group: { select: { name: true } } } } },
        })).map((f) => finalMarkSubject(f.course)))
      : null;
    const marks = results.subjects
      .filter((s) => s.cells[fresh.scope] && (!untold || untold.has(s.subject)))
      .map((s) => ({ subject: s.subject, text: s.cells[fresh.scope].text }));
    if (!marks.length) return null;
    return finalMarksLetter({ schoolName: school.name, pupilName: pupil.name, className: pupil.className, periodName: period.name, marks });
  },
};

export const enqueueFinalMarkNotices = (options: EnqueueOptions): Promise<EnqueueReport> => enqueueResultNotices(FINAL_MARKS, options);
