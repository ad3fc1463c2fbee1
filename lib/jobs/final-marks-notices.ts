// Notices that final marks were published (seeds 001 §7, 002 §3.3): sent when the marks become
// visible to the family (FinalMark.visibleFrom, at most the school's resultVisibilityHours after
// publishing), listing the period's results as the diary shows them. One letter per pupil,
// parent, period and moment of visibility: marks published later in the period bring a new one
// (result-notices.ts).
import 'server-only';
import { getDb } from '../db';
import { diaryResults } from '../data/diary/results';
import { dedupeKeys } from '../mail/outbox';
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
  key: (studentId, guardianId, f) => dedupeKeys.finalMarks(studentId, guardianId, f.scope, f.latest),
  async letter({ actor, school, now, fresh, pupil }) {
    const results = await diaryResults(actor, fresh.studentId, now);
    const period = results?.periods.find((p) => p.id === fresh.scope);
    if (!results || !period) return null;
    const marks = results.subjects.filter((s) => s.cells[fresh.scope]).map((s) => ({ subject: s.subject, text: s.cells[fresh.scope].text }));
    if (!marks.length) return null;
    return finalMarksLetter({ schoolName: school.name, pupilName: pupil.name, className: pupil.className, periodName: period.name, marks });
  },
};

export const enqueueFinalMarkNotices = (options: EnqueueOptions): Promise<EnqueueReport> => enqueueResultNotices(FINAL_MARKS, options);
