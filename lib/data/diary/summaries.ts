// Per-subject figures of a period from already loaded courses and marks (no queries here).
import type { RoundingPolicy } from '../../domain/rounding';
import type { Forecast } from '../../domain/forecast';
import type { GradingScaleKind } from '../../domain/grading';
import { subjectFigures } from '../../domain/diary-marks';
import type { DiaryCourse, DiaryMark } from './courses';

export type DiarySubjectSummary = {
  courseId: number;
  subject: string;
  group: string | null;
  /** The primary teacher, «Петрова А. И.». */
  teacher: string | null;
  scale: GradingScaleKind;
  /** Marks of the period, numeric or not. */
  count: number;
  average: number | null;
  weightedAverage: number | null;
  /** Five-point courses only; the same computation as the journal's proposal. */
  forecast: Forecast | null;
};

export type DiarySubjectMarks = DiarySubjectSummary & { marks: DiaryMark[] };

/** One entry per course (courses without marks included), in the courses' order. */
export function summarizeSubjects(courses: readonly DiaryCourse[], marks: readonly DiaryMark[], policy: RoundingPolicy): DiarySubjectMarks[] {
  const byCourse = new Map<number, DiaryMark[]>();
  for (const m of marks) byCourse.set(m.courseId, [...(byCourse.get(m.courseId) ?? []), m]);
  return courses.map((c) => {
    const own = byCourse.get(c.id) ?? [];
    const figures = subjectFigures(own, policy, c.scale);
    return {
      courseId: c.id,
      subject: c.subject,
      group: c.group,
      teacher: c.teachers[0]?.name ?? null,
      scale: c.scale,
      ...figures,
      marks: own,
    };
  });
}

/** The summary without the marks list, for the week object. */
export function withoutMarks({ marks: _marks, ...rest }: DiarySubjectMarks): DiarySubjectSummary {
  return rest;
}
