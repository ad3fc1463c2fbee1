// Everything the lesson page shows: the lesson, its substitution, the next КТП topic to offer,
// class and individual homework with attachments, the pupils (for individual homework) and the
// school's teachers (for recording a substitute).
import 'server-only';
import { getDb } from '../../db';
import type { Actor } from '../../auth/actor';
import { slotTime } from '../../domain/bell-times';
import { schoolBellsWhere } from '../bells';
import { isoDate } from '../dates';
import { courseTitle, courseTitleSelect } from '../names';
import { readableCourses, writableLessons } from '../scope';
import { courseMembersOn, notHeldYet } from './write-context';

export async function lessonDetails(actor: Actor, lessonId: number, now = new Date()) {
  const db = getDb();
  const lesson = await db.lesson.findFirst({
    where: { id: lessonId, course: readableCourses(actor) },
    select: {
      id: true, courseId: true, date: true, slot: true, topic: true, plannedTopicId: true, lessonKind: true, plannedTest: true,
      isSubstitution: true, version: true, attendanceEnteredAt: true, topicEnteredAt: true, noHomeworkAt: true,
      teacher: { select: { id: true, lastName: true, firstName: true, middleName: true } },
      course: { select: { ...courseTitleSelect, academicYearId: true, classId: true, groupId: true, group: { select: { name: true, classId: true, schoolClass: { select: { gradeLevel: true, letter: true } } } } } },
    },
  });
  if (!lesson) return null;
  const c = lesson.course;
  const members = courseMembersOn({ schoolId: actor.schoolId, classId: c.classId, groupId: c.groupId, groupClassId: c.group?.classId ?? null }, lesson.date);
  const [writable, usedTopics, topics, homework, pupils, teachers, bell, change] = await Promise.all([
    db.lesson.count({ where: { AND: [{ id: lessonId }, writableLessons(actor)] } }),
    db.lesson.findMany({ where: { courseId: lesson.courseId, course: readableCourses(actor), plannedTopicId: { not: null }, id: { not: lessonId } }, select: { plannedTopicId: true } }),
    db.plannedTopic.findMany({ where: { courseId: lesson.courseId, course: readableCourses(actor) }, orderBy: { ordinal: 'asc' }, select: { id: true, ordinal: true, title: true, lessonKind: true } }),
    db.homework.findMany({
      where: { lessonId, lesson: { course: readableCourses(actor) } },
      orderBy: { id: 'asc' },
      select: { id: true, studentId: true, text: true, dueDate: true, createdAt: true, updatedAt: true, student: { select: { lastName: true, firstName: true } }, attachments: { select: { id: true, fileName: true, size: true } } },
    }),
    db.user.findMany({ where: members, orderBy: [{ lastName: 'asc' }, { firstName: 'asc' }], select: { id: true, lastName: true, firstName: true } }),
    db.user.findMany({ where: { schoolId: actor.schoolId, active: true, roles: { some: { role: 'TEACHER' } } }, orderBy: [{ lastName: 'asc' }, { firstName: 'asc' }], select: { id: true, lastName: true, firstName: true, middleName: true } }),
    db.bellSlot.findFirst({ where: { ...schoolBellsWhere(actor.schoolId), slot: lesson.slot }, select: { startMinute: true, endMinute: true } }),
    db.timetableChange.findFirst({ where: { schoolId: actor.schoolId, courseId: lesson.courseId, date: lesson.date, slot: lesson.slot }, orderBy: { id: 'desc' }, select: { kind: true, reason: true, substituteTeacherId: true } }),
  ]);
  const used = new Set(usedTopics.map((u) => u.plannedTopicId));
  const nextTopic = topics.find((t) => !used.has(t.id)) ?? null;
  const name = (u: { lastName: string; firstName: string; middleName?: string | null }) => [u.lastName, u.firstName, u.middleName].filter(Boolean).join(' ');
  return {
    id: lesson.id,
    courseId: lesson.courseId,
    courseTitle: courseTitle(c),
    date: isoDate(lesson.date),
    slot: lesson.slot,
    time: bell ? slotTime(bell) : null,
    topic: lesson.topic,
    plannedTopicId: lesson.plannedTopicId,
    lessonKind: lesson.lessonKind,
    plannedTest: lesson.plannedTest,
    version: lesson.version,
    attendanceTaken: lesson.attendanceEnteredAt !== null,
    /** After today on the school's clock: attendance waits until it is held (notHeldYet). */
    notHeld: notHeldYet(actor, { isoDate: isoDate(lesson.date) }, undefined, now) !== null,
    /** The teacher recorded «домашнее задание не задано». */
    noHomework: lesson.noHomeworkAt !== null,
    teacher: { id: lesson.teacher.id, name: name(lesson.teacher) },
    isSubstitution: lesson.isSubstitution,
    timetableChange: change,
    /** The course's school year is no longer current: read only (write-context.ts yearEnded). */
    yearEnded: !actor.currentYears.includes(c.academicYearId),
    writable: writable > 0 && actor.currentYears.includes(c.academicYearId),
    nextTopic,
    topics,
    classHomework: homework.filter((h) => h.studentId === null).map(hw),
    individualHomework: homework.filter((h) => h.studentId !== null).map((h) => ({ ...hw(h), pupil: h.student ? `${h.student.lastName} ${h.student.firstName}` : '' })),
    pupils: pupils.map((p) => ({ id: p.id, name: `${p.lastName} ${p.firstName}` })),
    teachers: teachers.map((t) => ({ id: t.id, name: name(t) })),
  };
}

function hw(h: { id: number; studentId: number | null; text: string; dueDate: Date | null; updatedAt: Date; attachments: { id: number; fileName: string; size: number }[] }) {
  // `seen`: when the page read it; a save of the class assignment says what it replaces (saveHomework).
  return { id: h.id, studentId: h.studentId, text: h.text, dueDate: h.dueDate ? isoDate(h.dueDate) : null, seen: h.updatedAt.toISOString(), attachments: h.attachments };
}

export type LessonDetails = NonNullable<Awaited<ReturnType<typeof lessonDetails>>>;
