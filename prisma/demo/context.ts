// What the generator steps share about one school once its reference rows exist.
import type { LessonKind } from '../../lib/generated/prisma/enums';
import type { CoursePlan, DemoTeachers } from './assignments';
import type { SchoolCalendar } from './calendar';
import type { SubjectCode } from './curriculum';
import type { ClassPlan, Family, Pupil, Staff, Teacher } from './people';
import type { Rng } from './rng';
import type { Timetable } from './timetable';

export const WORK_TYPES = [
  { name: 'Ответ на уроке', shortName: 'Отв.', weight: 1 },
  { name: 'Домашняя работа', shortName: 'Д/з', weight: 1 },
  { name: 'Самостоятельная работа', shortName: 'С/р', weight: 1.5 },
  { name: 'Диктант', shortName: 'Дикт.', weight: 2 },
  { name: 'Контрольная работа', shortName: 'К/р', weight: 2 },
  { name: 'Лабораторная работа', shortName: 'Л/р', weight: 1.5 },
  { name: 'Практическая работа', shortName: 'П/р', weight: 1.5 },
  { name: 'Проект', shortName: 'Проект', weight: 2 },
] as const;

export type WorkTypeName = (typeof WORK_TYPES)[number]['name'];

export type PlannedTopicRef = { id: number; title: string; kind: LessonKind };

export type SchoolContext = {
  rng: Rng;
  cal: SchoolCalendar;
  schoolIndex: number;
  schoolId: number;
  academicYearId: number;
  classes: ClassPlan[];
  teachers: Teacher[];
  staff: Staff;
  demo: DemoTeachers;
  courses: CoursePlan[];
  families: Family[];
  pupils: Pupil[];
  timetable: Timetable;
  subjectIds: Record<SubjectCode, number>;
  workTypes: Record<WorkTypeName, { id: number; weight: number }>;
  /** Study period ids: quarters and half-years by ordinal − 1, and the year. */
  periodIds: { quarters: number[]; halves: number[]; year: number };
  /** KTP rows per course key, by ordinal − 1. */
  ktp: Map<string, PlannedTopicRef[]>;
  /** Members of each English subgroup course, by course key. */
  groupMembers: Map<string, Pupil[]>;
};

/** Pupils who are in the class of a course on a date. */
export function pupilsOf(ctx: SchoolContext, course: CoursePlan, date: string, byClass: Map<number, Pupil[]>): Pupil[] {
  const list = course.subgroup ? ctx.groupMembers.get(course.key) ?? [] : byClass.get(course.classIdx) ?? [];
  return list.filter((p) => p.enrollments.some((e) => e.classIdx === course.classIdx && e.start <= date && (e.end === null || date <= e.end)));
}

/** Everyone who was ever in each class this year. */
export function pupilsByClass(pupils: readonly Pupil[]): Map<number, Pupil[]> {
  const map = new Map<number, Pupil[]>();
  for (const p of pupils) {
    for (const e of p.enrollments) {
      if (!map.has(e.classIdx)) map.set(e.classIdx, []);
      map.get(e.classIdx)!.push(p);
    }
  }
  return map;
}
