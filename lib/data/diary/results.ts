// Final results as families see them: period and year marks and ГИА results, only once published
// and past their visibility time (status PUBLISHED and visibleFrom ≤ now), with deferrals shown as
// such; and who in the family has acknowledged each period's marks (seed 003 §9), with the class
// teacher's answers to the reader's own messages (class-reply.ts).
import 'server-only';
import { getDb } from '../../db';
import type { Actor } from '../../auth/actor';
import { compareRu, EXAM_KIND_LABELS, FINAL_SPECIAL_LABELS, formatInstantRu, groupLabel, resultsDelayRu, shortPersonName, type ExamKindName } from '../../domain/diary-format';
import { formatDateRu } from '../../domain/calendar';
import { toSchoolDate } from '../../domain/timezone';
import { isoDate } from '../dates';
import { enrollmentOn, lastReadableDay, loadDiaryStudent, ownStudent, readableOn } from './context';
import { periodsOfEnrollment, type DiaryPeriod } from './calendar';
import type { GradingScaleKind } from '../../domain/grading';

export type FinalCell =
  | { kind: 'mark'; text: string; scale: GradingScaleKind }
  | { kind: 'special'; text: string; special: keyof typeof FINAL_SPECIAL_LABELS }
  | { kind: 'deferred'; text: string; until: string; reason: string | null };

export type ResultsPeriod = DiaryPeriod & {
  /** «2025/2026» for a period of an earlier school year, null for this year's. */
  yearLabel: string | null;
  hasResults: boolean;
  /**
   * `at`: «24.11.2026, 19:40» on the school's clock. `outdated`: marks of the period were published
   * (or corrected and published again) after this acknowledgement, so it does not cover them.
   */
  acks: { parent: string; parentId: number; at: string; message: string | null; reply: Reply | null; outdated: boolean }[];
  /** The actor is a guardian who has not acknowledged these results yet, or not since their last publication. */
  canAcknowledge: boolean;
  acknowledgedByMe: boolean;
};

/**
 * The class teacher's answer to a message; `at` on the school's clock. `isNew`: its reader (the
 * parent who wrote) has not opened this page since it came (markRepliesRead, reply-read.ts).
 */
export type Reply = { from: string; at: string; body: string; isNew: boolean };

export type DiaryResults = {
  studentId: number;
  periods: ResultsPeriod[];
  subjects: { subject: string; cells: Record<number, FinalCell> }[];
  exams: { id: number; academicYearId: number; kind: string; subject: string; date: string; score: number | null; mark: string | null }[];
  isGuardian: boolean;
  /**
   * The reader's other messages about the pupil that the class teacher answered: those not shown
   * with a current acknowledgement above (a question, a message of an acknowledgement made again since), newest first.
   */
  replies: { at: string; body: string; reply: Reply }[];
  /** When results published now appear here, by the school's setting: «через сутки», «через 72 часа»; each published result keeps the time set when it was published. */
  visibleAfter: string;
};

function cellOf(f: { value: string | null; course: { gradingScale: { kind: GradingScaleKind } }; special: keyof typeof FINAL_SPECIAL_LABELS | null; deferredUntil: Date | null; deferralReason: string | null }): FinalCell {
  if (f.value !== null) return { kind: 'mark', text: f.value, scale: f.course.gradingScale.kind };
  if (f.special !== null) return { kind: 'special', text: FINAL_SPECIAL_LABELS[f.special], special: f.special };
  const until = isoDate(f.deferredUntil!);
  return { kind: 'deferred', text: `отсрочка до ${formatDateRu(until)}`, until, reason: f.deferralReason };
}

/** A final mark's row on the results page: «Английский язык (1 группа)» for a group's course (also the results notices' lines). */
export function finalMarkSubject(course: { subject: { name: string }; group: { name: string } | null }): string {
  const group = groupLabel(course.subject.name, course.group?.name ?? null);
  return group ? `${course.subject.name} (${group})` : course.subject.name;
}

export async function diaryResults(actor: Actor, studentId: number, now = new Date()): Promise<DiaryResults | null> {
  const db = getDb();
  const student = ownStudent(actor, studentId);
  const names = { select: { lastName: true, firstName: true, middleName: true } } as const;
  const reply = { select: { body: true, createdAt: true, readAt: true, sender: names } } as const;
  const [pupil, allFinals, allExams, allAcks, answered] = await Promise.all([
    loadDiaryStudent(actor, studentId),
    db.finalMark.findMany({
      where: { schoolId: actor.schoolId, studentId, student, status: 'PUBLISHED', visibleFrom: { lte: now } },
      select: {
        periodId: true, value: true, special: true, deferredUntil: true, deferralReason: true, visibleFrom: true,
        course: { select: { subject: { select: { name: true } }, group: { select: { name: true } }, gradingScale: { select: { kind: true } } } },
      },
    }),
    db.examResult.findMany({
      where: { schoolId: actor.schoolId, studentId, student, publishedAt: { not: null }, visibleFrom: { lte: now } },
      select: { id: true, academicYearId: true, kind: true, examDate: true, score: true, mark: true, subject: { select: { name: true } } },
      orderBy: [{ examDate: 'asc' }, { id: 'asc' }],
    }),
    db.finalMarkAck.findMany({
      where: { schoolId: actor.schoolId, studentId, student },
      select: { periodId: true, parentId: true, acknowledgedAt: true, parent: names, message: { select: { body: true, reply } } },
      orderBy: { acknowledgedAt: 'asc' },
    }),
    // A message is its writer's (below): only the reader's own, and only answered ones.
    db.message.findMany({
      where: { schoolId: actor.schoolId, senderId: actor.id, studentId, student, acks: { none: {} }, reply: { isNot: null } },
      select: { body: true, createdAt: true, reply },
      orderBy: { createdAt: 'desc' },
      take: 20,
    }),
  ]);
  if (!pupil) return null;
  const replyOf = (r: { body: string; createdAt: Date; readAt: Date | null; sender: Parameters<typeof shortPersonName>[0] }): Reply =>
    ({ from: shortPersonName(r.sender), at: formatInstantRu(r.createdAt, pupil.school.timezone), body: r.body, isNew: r.readAt === null });
  // A former class teacher (readableUntil, context.ts) sees the results of periods over by the
  // pupil's last day in their class and the exams before it: a period's results are given at its
  // end, so one ending after the move is the new class's, as are the marks it closes.
  const periods = pupil.periods.filter((p) => readableOn(pupil, p.endDate));
  const readable = new Set(periods.map((p) => p.id));
  const finals = allFinals.filter((f) => readable.has(f.periodId));
  const exams = allExams.filter((e) => readableOn(pupil, isoDate(e.examDate)));
  const acks = allAcks.filter((a) => readable.has(a.periodId));

  const today = lastReadableDay(pupil, toSchoolDate(now, pupil.school.timezone));
  const isGuardian = pupil.visitor === 'guardian';
  const withResults = new Set(finals.map((f) => f.periodId));
  // When each period's results last changed for the family: the latest publication they can see.
  const lastShown = new Map<number, number>();
  for (const f of finals) lastShown.set(f.periodId, Math.max(lastShown.get(f.periodId) ?? 0, f.visibleFrom!.getTime()));
  const own = periodsOfEnrollment(periods, enrollmentOn(pupil, today));
  // Periods of earlier classes that have results stay visible too, the latest school year first;
  // those of earlier years carry the year's label, as their names repeat every year.
  const earlier = periods
    .filter((p) => withResults.has(p.id) && !own.some((o) => o.id === p.id))
    .sort((a, b) => (a.academicYearId === b.academicYearId ? 0 : a.startDate < b.startDate ? 1 : -1));
  const thisYear = own[0]?.academicYearId ?? null;
  const earlierYears = [...new Set(earlier.map((p) => p.academicYearId))].filter((id) => id !== thisYear);
  const yearLabels = new Map(earlierYears.length
    ? (await db.academicYear.findMany({ where: { schoolId: actor.schoolId, id: { in: earlierYears } }, select: { id: true, label: true } })).map((y) => [y.id, y.label])
    : []);
  const shown = [...own, ...earlier];

  const rows = new Map<string, Record<number, FinalCell>>();
  for (const f of finals) {
    const subject = finalMarkSubject(f.course);
    if (!rows.has(subject)) rows.set(subject, {});
    rows.get(subject)![f.periodId] = cellOf(f);
  }

  return {
    studentId,
    isGuardian,
    visibleAfter: resultsDelayRu(pupil.school.resultVisibilityHours),
    periods: shown.map((p) => {
      const outdated = (a: { acknowledgedAt: Date }) => a.acknowledgedAt.getTime() < (lastShown.get(p.id) ?? 0);
      const periodAcks = acks.filter((a) => a.periodId === p.id);
      const mine = periodAcks.find((a) => a.parentId === actor.id);
      const acknowledgedByMe = !!mine;
      return {
        ...p,
        yearLabel: yearLabels.get(p.academicYearId) ?? null,
        hasResults: withResults.has(p.id),
        // A message to the class teacher is its writer's: the pupil and another guardian (parents
        // who live apart) see that the marks were acknowledged, not what was written.
        acks: periodAcks.map((a) => ({
          parent: shortPersonName(a.parent), parentId: a.parentId, at: formatInstantRu(a.acknowledgedAt, pupil.school.timezone),
          message: a.parentId === actor.id ? (a.message?.body ?? null) : null,
          reply: a.parentId === actor.id && a.message?.reply ? replyOf(a.message.reply) : null,
          outdated: outdated(a),
        })),
        acknowledgedByMe,
        canAcknowledge: isGuardian && withResults.has(p.id) && (!mine || outdated(mine)),
      };
    }),
    replies: answered.map((m) => ({ at: formatInstantRu(m.createdAt, pupil.school.timezone), body: m.body, reply: replyOf(m.reply!) })),
    subjects: [...rows.entries()].sort((a, b) => compareRu(a[0], b[0])).map(([subject, cells]) => ({ subject, cells })),
    exams: exams.map((e) => ({
      id: e.id,
      academicYearId: e.academicYearId,
      kind: EXAM_KIND_LABELS[e.kind as ExamKindName],
      subject: e.subject.name,
      date: isoDate(e.examDate),
      score: e.score,
      mark: e.mark,
    })),
  };
}
