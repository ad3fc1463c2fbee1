// Period results: for every period that ended before `today`, a final mark for every pupil and
// course of the classes on that scheme (grade 1 is unmarked), proposed from the weighted average by
// the school's rounding policy; осв. for pupils exempt from PE, н/а without enough marks, and the
// scripted deferral for illness. Published a few days after the period's end.
import type { FinalMarkSpecial } from '../../lib/generated/prisma/enums';
import type { Prisma } from '../../lib/prisma-client';
import { addDays } from '../../lib/domain/calendar';
import { proposePeriodMark, ROUNDING_PRESETS } from '../../lib/domain/rounding';
import { moscowInstant, periodsFor } from './calendar';
import { SUBJECT_BY_CODE } from './curriculum';
import type { SchoolContext } from './context';
import type { Pupil } from './people';
import type { MarkLogEntry, Scripted } from './records';

export const ROUNDING_POLICY = ROUNDING_PRESETS.standard;

export type PeriodResults = {
  finals: Prisma.FinalMarkCreateManyInput[];
  /** Periods whose results were published: they are closed. */
  closed: { periodId: number; closedAt: Date }[];
  /** Published term results per pupil, for parents' acknowledgements. */
  published: { pupil: Pupil; periodId: number; publishedAt: Date }[];
};

type Outcome = { value: string | null; special: FinalMarkSpecial | null; deferredUntil: string | null; numeric: number | null };

function termOutcome(marks: readonly MarkLogEntry[], passFail: boolean): Outcome {
  const none = { value: null, special: 'NOT_ATTESTED' as const, deferredUntil: null, numeric: null };
  if (passFail) {
    if (marks.length < 2) return none;
    const passed = marks.filter((m) => m.passed).length;
    return { value: passed * 2 >= marks.length ? 'зач' : 'незач', special: null, deferredUntil: null, numeric: null };
  }
  const proposal = proposePeriodMark(
    marks.map((m) => ({ value: m.value!, weight: m.weight })),
    ROUNDING_POLICY,
  );
  if (proposal.kind === 'insufficient') return none;
  const v = proposal.kind === 'mark' ? proposal.value : proposal.upper;
  return { value: String(v), special: null, deferredUntil: null, numeric: v };
}

export function planResults(ctx: SchoolContext, log: Map<string, MarkLogEntry[]>, byClass: Map<number, Pupil[]>, scripted: Scripted): PeriodResults {
  const rng = ctx.rng.fork('results');
  const { cal } = ctx;
  const out: PeriodResults = { finals: [], closed: [], published: [] };
  /** Term values per `${pupilId}:${courseKey}` for the year mark. */
  const termValues = new Map<string, Outcome[]>();

  const schemes = [
    { periods: cal.quarters, ids: ctx.periodIds.quarters, grades: [2, 3, 4, 5, 6, 7, 8, 9] },
    { periods: cal.halfYears, ids: ctx.periodIds.halves, grades: [10, 11] },
  ];
  const push = (pupil: Pupil, courseId: number, teacherId: number, periodId: number, o: Outcome, day: string, published: boolean, reason: string | null) => {
    const createdAt = moscowInstant(day, 14 * 60 + rng.int(0, 120));
    const publishedAt = published ? moscowInstant(day, 16 * 60 + 30) : null;
    out.finals.push({
      schoolId: ctx.schoolId,
      studentId: pupil.person.id,
      courseId,
      periodId,
      value: o.value,
      special: o.special,
      deferredUntil: o.deferredUntil ? new Date(`${o.deferredUntil}T00:00:00Z`) : null,
      deferralReason: reason,
      status: published ? 'PUBLISHED' : 'DRAFT',
      publishedAt,
      visibleFrom: publishedAt,
      createdById: teacherId,
      updatedById: teacherId,
      createdAt,
      updatedAt: publishedAt ?? createdAt,
    });
  };

  for (const scheme of schemes) {
    scheme.periods.forEach((period, pIdx) => {
      if (period.endDate >= cal.today) return;
      const day = addDays(period.endDate, rng.int(2, 4));
      const published = day < cal.today;
      const periodId = scheme.ids[pIdx];
      for (const c of ctx.classes.filter((x) => scheme.grades.includes(x.grade))) {
        const pupils = (byClass.get(c.idx) ?? []).filter((p) =>
          p.enrollments.some((e) => e.classIdx === c.idx && e.start <= period.endDate && (e.end === null || e.end >= period.endDate)),
        );
        const courses = ctx.courses.filter((k) => k.classIdx === c.idx);
        for (const pupil of pupils) {
          const mine = courses.filter((k) => !k.subgroup || ctx.groupMembers.get(k.key)?.includes(pupil));
          const deferral = scripted.deferral?.pupil === pupil && pIdx === 0 ? pickDeferred(mine.map((k) => k.key), log, pupil) : null;
          for (const course of mine) {
            const marks = log.get(`${pupil.person.id}:${course.subject}:${pIdx}`) ?? [];
            let o: Outcome;
            let reason: string | null = null;
            if (course.subject === 'pe' && pupil.peExempt) o = { value: null, special: 'EXEMPT', deferredUntil: null, numeric: null };
            else if (deferral === course.key) {
              o = { value: null, special: null, deferredUntil: addDays(period.endDate, 24), numeric: null };
              reason = 'болезнь';
            } else o = termOutcome(marks, SUBJECT_BY_CODE[course.subject].scale === 'PASS_FAIL');
            push(pupil, course.id, course.teacher!.person.id, periodId, o, day, published, reason);
            const key = `${pupil.person.id}:${course.key}`;
            termValues.set(key, [...(termValues.get(key) ?? []), o]);
          }
          if (published) out.published.push({ pupil, periodId, publishedAt: moscowInstant(day, 16 * 60 + 30) });
        }
      }
      if (published && !out.closed.some((x) => x.periodId === periodId)) out.closed.push({ periodId, closedAt: moscowInstant(addDays(day, 1), 10 * 60) });
    });
  }

  // After the year's end (a summer `today`): year marks from the term marks.
  if (cal.yearEnd < cal.today) {
    const day = addDays(cal.yearEnd, 3);
    const published = day < cal.today;
    for (const c of ctx.classes.filter((x) => x.grade >= 2)) {
      const periods = periodsFor(cal, c.grade);
      const last = periods[periods.length - 1];
      const pupils = (byClass.get(c.idx) ?? []).filter((p) => p.enrollments.some((e) => e.classIdx === c.idx && e.end === null && e.start <= last.endDate));
      for (const pupil of pupils) {
        for (const course of ctx.courses.filter((k) => k.classIdx === c.idx && (!k.subgroup || ctx.groupMembers.get(k.key)?.includes(pupil)))) {
          const terms = termValues.get(`${pupil.person.id}:${course.key}`) ?? [];
          let o: Outcome;
          if (course.subject === 'pe' && pupil.peExempt) o = { value: null, special: 'EXEMPT', deferredUntil: null, numeric: null };
          else if (SUBJECT_BY_CODE[course.subject].scale === 'PASS_FAIL') o = { value: terms.some((t) => t.value === 'незач') ? 'незач' : 'зач', special: null, deferredUntil: null, numeric: null };
          else {
            const nums = terms.filter((t) => t.numeric !== null).map((t) => t.numeric!);
            o = nums.length ? yearMark(nums) : { value: null, special: 'NOT_ATTESTED', deferredUntil: null, numeric: null };
          }
          push(pupil, course.id, course.teacher!.person.id, ctx.periodIds.year, o, day, published, null);
        }
      }
    }
    if (published) out.closed.push({ periodId: ctx.periodIds.year, closedAt: moscowInstant(addDays(day, 1), 10 * 60) });
  }
  return out;
}

/** The year mark: the average of the term marks, rounded by the same thresholds. */
function yearMark(values: number[]): Outcome {
  const avg = values.reduce((s, v) => s + v, 0) / values.length;
  const t = ROUNDING_POLICY.thresholds;
  const v = avg >= t[5] ? 5 : avg >= t[4] ? 4 : avg >= t[3] ? 3 : 2;
  return { value: String(v), special: null, deferredUntil: null, numeric: v };
}

/** The deferred course: the one where the ill pupil has the fewest marks in the term. */
function pickDeferred(courseKeys: string[], log: Map<string, MarkLogEntry[]>, pupil: Pupil): string | null {
  let best: string | null = null;
  let fewest = Infinity;
  for (const key of courseKeys) {
    const subject = key.split(':')[1];
    if (subject === 'pe' || subject === 'music' || subject === 'art' || subject === 'tech') continue;
    const n = log.get(`${pupil.person.id}:${subject}:0`)?.length ?? 0;
    if (n < fewest) {
      fewest = n;
      best = key;
    }
  }
  return best;
}
