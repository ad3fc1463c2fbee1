// What every diary page does first: the pupil (or null, for someone else's child), the family's
// list of children for the switcher, and the day's visit recorded.
import 'server-only';
import type { Actor } from '../../auth/actor';
import { familyChildren, type FamilyChild } from './family';
import { enrollmentOn, lastReadableDay, loadDiaryStudent, studentName, type DiaryStudent } from './context';
import { recordDiaryVisit } from './visits';
import { toSchoolDate } from '../../domain/timezone';
import { parseId } from '../../ids';

export type OpenDiary = {
  student: DiaryStudent;
  name: string;
  className: string | null;
  /** The actor's own pupils (children, or themself) for the switcher. */
  children: FamilyChild[];
  today: string;
};

export async function openDiary(actor: Actor, studentId: number, now = new Date()): Promise<OpenDiary | null> {
  // Only a parent has children to switch between; a pupil's list would be themself alone.
  const [student, children] = await Promise.all([loadDiaryStudent(actor, studentId), familyChildren(actor)]);
  if (!student) return null;
  await recordDiaryVisit(actor, student, now);
  const today = toSchoolDate(now, student.school.timezone);
  // A former class teacher's header names the class the pupil was in on the last day they may read.
  const className = enrollmentOn(student, lastReadableDay(student, today))?.className ?? null;
  return { student, name: studentName(student), className, children, today };
}

/** A route segment as a pupil id; NaN (matches nothing) for anything else (see lib/ids.ts). */
export function parseStudentId(segment: string): number {
  return parseId(segment) ?? NaN;
}
