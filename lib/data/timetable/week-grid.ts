// What /admin/schedule shows: the classes of the current years to choose from, and a chosen
// class's regular week (the rows valid on a date: its own courses, its groups' and the streams its
// pupils are in, as the diary has them) by weekday and bell slot, with the rows still in force
// from that date on for ending, and the class's courses for adding.
import 'server-only';
import { subjectWithGroup } from '../extracts/from-diary-week';
import { getDb } from '../../db';
import type { Actor } from '../../auth/actor';
import { slotTimeOf, type SlotTime } from '../../domain/bell-times';
import { isIsoDate } from '../../domain/calendar';
import { compareRu, shortPersonName } from '../../domain/diary-format';
import { toSchoolDate } from '../../domain/timezone';
import { schoolBells } from '../bells';
import { dbDate, isoDate } from '../dates';
import { className } from '../names';
import { classCourses } from '../class-courses';

export type GridEntry = {
  id: number; weekday: number; slot: number; room: string | null; validFrom: string; validTo: string | null;
  subject: string; group: string | null; teachers: string;
};
export type WeekGrid = {
  today: string; date: string;
  classes: { id: number; name: string }[];
  klass: { id: number; name: string; year: { label: string; startDate: string; endDate: string }; defaultFrom: string } | null;
  days: number;
  slots: SlotTime[];
  /** Rows valid on `date` (the grid) and rows still in force after it (for ending). */
  entries: GridEntry[];
  upcoming: GridEntry[];
  courses: { id: number; label: string }[];
};

const personName = { lastName: true, firstName: true, middleName: true } as const;

/** Null without the right; a class not among the current years' is not chosen. */
export async function weekGrid(actor: Actor, classId: number | null, requested?: string | null, now = new Date()): Promise<WeekGrid | null> {
  if (!actor.permissions.has('timetable:manage')) return null;
  const db = getDb();
  const schoolId = actor.schoolId;
  const today = toSchoolDate(now, actor.timeZone);
  const iso = requested && isIsoDate(requested) ? requested : today;
  const date = dbDate(iso);
  const [rows, school, bells] = await Promise.all([
    db.schoolClass.findMany({
      where: { schoolId, academicYearId: { in: [...actor.currentYears] } },
      select: { id: true, gradeLevel: true, letter: true, academicYearId: true, academicYear: { select: { label: true, startDate: true, endDate: true } } },
    }),
    db.school.findUniqueOrThrow({ where: { id: schoolId }, select: { schoolDaysPerWeek: true } }),
    schoolBells(db, schoolId),
  ]);
  rows.sort((a, b) => a.gradeLevel - b.gradeLevel || compareRu(a.letter, b.letter));
  const chosen = rows.find((c) => c.id === classId) ?? null;
  const base = {
    today, date: iso, days: Math.min(school.schoolDaysPerWeek, 6),
    classes: rows.map((c) => ({ id: c.id, name: className(c) })),
    slots: bells.map(slotTimeOf),
  };
  if (!chosen) return { ...base, klass: null, entries: [], upcoming: [], courses: [] };
  const year = { label: chosen.academicYear.label, startDate: isoDate(chosen.academicYear.startDate), endDate: isoDate(chosen.academicYear.endDate) };
  const [found, courses] = await Promise.all([
    db.timetableEntry.findMany({
      where: {
        schoolId, academicYearId: chosen.academicYearId,
        OR: [{ validTo: null }, { validTo: { gte: date } }],
        course: { AND: [{ schoolId }, classCourses(chosen.id, date, date)] },
      },
      select: {
        id: true, weekday: true, slot: true, room: true, validFrom: true, validTo: true,
        course: { select: { subject: { select: { name: true } }, group: { select: { name: true } }, teachers: { select: { teacher: { select: personName } }, orderBy: [{ isPrimary: 'desc' }, { teacherId: 'asc' }] } } },
      },
      orderBy: [{ weekday: 'asc' }, { slot: 'asc' }, { validFrom: 'asc' }, { id: 'asc' }],
    }),
    db.course.findMany({
      where: { schoolId, academicYearId: chosen.academicYearId, OR: [{ classId: chosen.id }, { group: { classId: chosen.id } }] },
      select: { id: true, subject: { select: { name: true } }, group: { select: { name: true } } },
    }),
  ]);
  const all = found.map((e): GridEntry => ({
    id: e.id, weekday: e.weekday, slot: e.slot, room: e.room, validFrom: isoDate(e.validFrom), validTo: e.validTo ? isoDate(e.validTo) : null,
    subject: e.course.subject.name, group: e.course.group?.name ?? null, teachers: e.course.teachers.map((t) => shortPersonName(t.teacher)).join(', '),
  }));
  return {
    ...base,
    klass: { id: chosen.id, name: className(chosen), year, defaultFrom: today < year.startDate ? year.startDate : today },
    entries: all.filter((e) => e.validFrom <= iso),
    upcoming: all,
    courses: courses
      .map((c) => ({ id: c.id, label: subjectWithGroup(c.subject.name, c.group?.name ?? null) }))
      .sort((a, b) => compareRu(a.label, b.label)),
  };
}
