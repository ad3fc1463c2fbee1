// The teachers who work with the pupil's class and groups (seed 000 §2): the class teacher and,
// per subject, the teachers of the course the pupil attends today.
import 'server-only';
import type { Actor } from '../../auth/actor';
import { toSchoolDate } from '../../domain/timezone';
import { enrollmentOn, lastReadableDay, loadDiaryStudent } from './context';
import { coursesBetween } from './courses';

export type DiaryTeachers = {
  className: string | null;
  classTeacher: { id: number; name: string; fullName: string } | null;
  groups: { id: number; name: string }[];
  subjects: { courseId: number; subject: string; group: string | null; teachers: { id: number; fullName: string }[] }[];
};

export async function diaryTeachers(actor: Actor, studentId: number, now = new Date()): Promise<DiaryTeachers | null> {
  const student = await loadDiaryStudent(actor, studentId);
  if (!student) return null;
  // A former class teacher sees the pupil's teachers as they were on the last day in their class.
  const today = lastReadableDay(student, toSchoolDate(now, student.school.timezone));
  const enrollment = enrollmentOn(student, today);
  const day = enrollment && enrollment.endDate !== null && enrollment.endDate < today ? enrollment.endDate : today;
  const courses = coursesBetween(student, day, day);
  // Only groups with a course today: last year's subgroups and a left class's groups are history.
  const groupIds = new Set(courses.map((c) => c.groupId));
  return {
    className: enrollment?.className ?? null,
    classTeacher: enrollment?.classTeacher ?? null,
    groups: student.groups.filter((g) => groupIds.has(g.id)).map((g) => ({ id: g.id, name: g.name })),
    subjects: courses.map((c) => ({
      courseId: c.id,
      subject: c.subject,
      group: c.group,
      teachers: c.teachers.map((t) => ({ id: t.id, fullName: t.fullName })),
    })),
  };
}
