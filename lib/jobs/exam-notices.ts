// Notices that ГИА results were published (lib/data/exams.ts): sent when they become visible to
// the family (ExamResult.visibleFrom, the school's resultVisibilityHours after publishing), by the
// final marks' machinery (result-notices.ts): the same consent rule, one letter per pupil, parent,
// school year and moment of visibility, listing the year's results as the diary shows them that
// the parent has not been sent yet. A result changed or taken back before the letter leaves
// cancels it (recheck.ts), and the results still visible and not yet sent get a follow-up letter
// (result-notices.ts); published again, it brings a new one. A result taken back after its letter
// went brings nothing until it is published again. Graduates' retakes (September) reach their
// families too (result-notices.ts).
import 'server-only';
import { getDb } from '../db';
import { diaryResults } from '../data/diary/results';
import { resultKeyScope } from '../mail/outbox';
import { examResultsLetter } from '../mail/templates/exam-results';
import type { EnqueueOptions, EnqueueReport } from './per-pupil';
import { enqueueResultNotices, type ResultNotice } from './result-notices';

const EXAM_RESULTS: ResultNotice = {
  job: 'exam-result-notices',
  kind: 'exam-results',
  async fresh(schoolId, since, now) {
    const rows = await getDb().examResult.groupBy({
      by: ['studentId', 'academicYearId'],
      where: { schoolId, publishedAt: { not: null }, visibleFrom: { lte: now } },
      _max: { visibleFrom: true },
      having: { visibleFrom: { _max: { gt: since } } },
    });
    return rows.map((r) => ({ studentId: r.studentId, scope: r.academicYearId, latest: r._max.visibleFrom! }));
  },
  keyScope: resultKeyScope.examResults,
  async letter({ actor, school, now, fresh, announcedUntil, pupil }) {
    // The results sent already: visible by the time the last letter sent was written (result-notices.ts).
    const told = announcedUntil
      ? new Set((await getDb().examResult.findMany({
          where: { schoolId: school.id, studentId: fresh.studentId, academicYearId: fresh.scope, publishedAt: { not: null }, visibleFrom: { lte: announcedUntil } },
          select: { id: true },
        })).map((r) => r.id))
      : new Set<number>();
    const exams = (await diaryResults(actor, fresh.studentId, now))?.exams.filter((x) => x.academicYearId === fresh.scope && !told.has(x.id)) ?? [];
    if (!exams.length) return null;
    return examResultsLetter({ schoolName: school.name, pupilName: pupil.name, className: pupil.className, exams });
  },
};

export const enqueueExamResultNotices = (options: EnqueueOptions): Promise<EnqueueReport> => enqueueResultNotices(EXAM_RESULTS, options);
