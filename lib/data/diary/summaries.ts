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
  /** The classes («5А») whose marks of the subject this entry includes: the pupil moved here during the period. */
  earlierClasses?: string[];
};

export type DiarySubjectMarks = DiarySubjectSummary & { marks: DiaryMark[] };

type Enrollment = { classId: number; startDate: string; endDate: string | null };

/**
 * One entry per course (courses without marks included), in the courses' order; except that a
 * pupil moved to another class during the period, who has a subject in both classes' courses, gets
 * one entry for it: the new class's, whose teacher sets the period mark from both classes' marks
 * (lib/data/journal/prior-marks.ts). It holds the earlier class's marks of the pupil's days there
 * with its own, and its figures and forecast are the journal's. `enrollments`: the pupil's.
 */
export function summarizeSubjects(courses: readonly DiaryCourse[], marks: readonly DiaryMark[], policy: RoundingPolicy, enrollments: readonly Enrollment[] = []): DiarySubjectMarks[] {
  const byCourse = new Map<number, DiaryMark[]>();
  const into = movedInto(courses, enrollments);
  const earlier = new Map<number, string[]>();
  for (const m of marks) {
    const target = into.get(m.courseId);
    const moved = target && target.days(m.date);
    const courseId = moved ? target.courseId : m.courseId;
    byCourse.set(courseId, [...(byCourse.get(courseId) ?? []), m]);
    if (moved) {
      const names = earlier.get(courseId) ?? [];
      if (!names.includes(target.className)) earlier.set(courseId, [...names, target.className]);
    }
  }
  // The earlier class's course has no entry of its own once its marks have moved on.
  return courses.filter((c) => !into.has(c.id) || byCourse.has(c.id)).map((c) => {
    const own = byCourse.get(c.id) ?? [];
    const figures = subjectFigures(own, policy, c.scale);
    return {
      courseId: c.id,
      subject: c.subject,
      group: c.group,
      teacher: c.teachers[0]?.name ?? null,
      scale: c.scale,
      ...figures,
      ...(earlier.has(c.id) ? { earlierClasses: earlier.get(c.id) } : {}),
      marks: own,
    };
  });
}

/** The summary without the marks list, for the week object. */
export function withoutMarks({ marks: _marks, ...rest }: DiarySubjectMarks): DiarySubjectSummary {
  return rest;
}

/**
 * Earlier course id → the course its marks count in: of the courses of one subject (and scale)
 * in two or more classes, each class's only one, the class the pupil came to last takes the
 * others' marks dated in the pupil's days in their class. Streams (no class) and groups left stay apart.
 */
function movedInto(courses: readonly DiaryCourse[], enrollments: readonly Enrollment[]) {
  const into = new Map<number, { courseId: number; className: string; days: (date: string) => boolean }>();
  const classOf = (c: DiaryCourse) => c.classId ?? c.groupClassId;
  // The latest start in the class: the class the pupil came to last is the one they are in at the end.
  const cameOn = (classId: number) => enrollments.filter((e) => e.classId === classId).map((e) => e.startDate).sort().at(-1);
  const bySubject = new Map<string, DiaryCourse[]>();
  for (const c of courses) {
    if (c.former || classOf(c) === null || cameOn(classOf(c)!) === undefined) continue;
    const key = `${c.subjectId}:${c.scale}`;
    bySubject.set(key, [...(bySubject.get(key) ?? []), c]);
  }
  for (const list of bySubject.values()) {
    const classes = new Set(list.map(classOf));
    if (list.length < 2 || classes.size !== list.length) continue;
    const [last, ...earlier] = [...list].sort((a, b) => cameOn(classOf(b)!)!.localeCompare(cameOn(classOf(a)!)!));
    for (const c of earlier) {
      const classId = classOf(c)!;
      into.set(c.id, { courseId: last.id, className: c.className ?? '', days: (date) => enrollments.some((e) => e.classId === classId && e.startDate <= date && (e.endDate === null || date <= e.endDate)) });
    }
  }
  return into;
}
