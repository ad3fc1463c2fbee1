// Adding and ending rows of the regular weekly timetable (/admin/schedule) under 'timetable:manage'.
//
// A row is never deleted nor changed in place: past weeks of the diary, the journal's lesson plan
// and the overdue deadlines are all planned from these rows (diary/week.ts reads the rows valid on
// each day), so rewriting a row would rewrite what pupils and teachers were already shown. Ending
// a row sets its last day (validTo) and keeps it; changing a lesson is ending its row and adding a
// new one from the date the change takes effect. For the same reason both take effect from today
// on: a row added or ended from a past date would rewrite the weeks already shown and the
// deadlines already counted. A row is not ended while its later lessons still carry one-day facts
// (row-facts.ts): the deputy removes those first.
import 'server-only';
import { getDb } from '../../db';
import type { Actor } from '../../auth/actor';
import { writeAudit } from '../../audit';
import { addDays, formatDateRu, isIsoDate } from '../../domain/calendar';
import { toSchoolDate } from '../../domain/timezone';
import type { Prisma } from '../../prisma-client';
import { dbDate, isoDate } from '../dates';
import { className } from '../names';
import { outsideYear, periodOpen, yearEnded } from '../journal/write-context';
import { fail, type Failure, type Result } from '../journal/result';
import { lockTimetable } from './lock';
import { bellSlotExists, sharingPupils } from './slots';
import { oneDayOccupant, regularOccupant, regularTeacherBusy } from './regular';
import { laterFactsRefusal } from './row-facts';

export type EntryInput = { classId: number; courseId: number; weekday: number; slot: number; room: string | null; validFrom: string };
export type EndInput = { entryId: number; endDate: string };

export const ENTRY_MESSAGES = {
  denied: 'Недостаточно прав для изменения расписания',
  classNotFound: 'Класс не найден',
  courseNotFound: 'Выберите предмет этого класса или его группы',
  yearEnded: 'Учебный год этого класса завершён: его расписание только для просмотра',
  sunday: 'В воскресенье уроков нет',
  saturday: 'Учебная неделя — 5-дневная: в субботу уроков нет',
  noSlot: 'Такого урока нет в расписании звонков',
  roomTooLong: 'Кабинет — не длиннее 20 символов',
  noSuchDate: 'Такой даты нет в календаре',
  entryNotFound: 'Запись расписания не найдена',
  beforeStart: 'Запись начинает действовать позже: дата окончания — не раньше её первого дня',
  past: 'Прошедшие недели дневника и журнала уже построены по расписанию: укажите сегодняшнюю дату или более позднюю',
} as const;

type Tx = Prisma.TransactionClient;
const pastRefusal = (actor: Actor, iso: string, now: Date, field: string): Failure | null =>
  iso < toSchoolDate(now, actor.timeZone) ? fail(ENTRY_MESSAGES.past, field) : null;

/** A closed study period is final: its planned lessons stay as they were counted. */
async function closedOn(tx: Tx, schoolId: number, schemeId: number | null, iso: string, field: string): Promise<Failure | null> {
  const closed = await periodOpen(tx, { schoolId, schemeId, date: dbDate(iso) });
  return closed ? fail(closed.error, field) : null;
}

/** «с 11.01.2027 во вторник на 3-м уроке»: the weekday as a refusal says it. */
export const ON_WEEKDAY = ['в понедельник', 'во вторник', 'в среду', 'в четверг', 'в пятницу', 'в субботу'];

const courseSelect = {
  id: true, academicYearId: true, classId: true, groupId: true,
  subject: { select: { name: true } },
  group: { select: { name: true, classId: true } },
  teachers: { select: { teacherId: true, teacher: { select: { lastName: true, firstName: true } } }, orderBy: { teacherId: 'asc' } },
} as const;

/** Adds a row from `validFrom` on; every refusal names its field and writes nothing. */
export async function addTimetableEntry(actor: Actor, input: EntryInput, now = new Date()): Promise<Result<{ entryId: number }>> {
  if (!actor.permissions.has('timetable:manage')) return fail(ENTRY_MESSAGES.denied);
  if (!isIsoDate(input.validFrom)) return fail(ENTRY_MESSAGES.noSuchDate, 'validFrom');
  if (input.room && input.room.length > 20) return fail(ENTRY_MESSAGES.roomTooLong, 'room');
  return getDb().$transaction(async (tx) => {
    // The same lock as the one-day changes (lock.ts): the clash checks below read what they write.
    await lockTimetable(tx, actor.schoolId, 'change');
    const klass = await tx.schoolClass.findFirst({
      where: { id: input.classId, schoolId: actor.schoolId },
      select: { id: true, gradeLevel: true, letter: true, academicYearId: true, periodSchemeId: true, academicYear: { select: { label: true, startDate: true, endDate: true } } },
    });
    if (!klass) return fail(ENTRY_MESSAGES.classNotFound);
    const course = await tx.course.findFirst({
      where: { id: input.courseId, schoolId: actor.schoolId, academicYearId: klass.academicYearId, OR: [{ classId: klass.id }, { group: { classId: klass.id } }] },
      select: courseSelect,
    });
    if (!course) return fail(ENTRY_MESSAGES.courseNotFound, 'courseId');
    const ended = yearEnded(actor, klass.academicYearId);
    if (ended) return fail(ENTRY_MESSAGES.yearEnded);
    const refused = await placeRefusal(tx, actor.schoolId, input.weekday, input.slot)
      ?? outsideYear(klass.academicYear, input.validFrom, 'validFrom')
      ?? pastRefusal(actor, input.validFrom, now, 'validFrom')
      ?? await closedOn(tx, actor.schoolId, klass.periodSchemeId, input.validFrom, 'validFrom');
    if (refused) return refused;
    const when = `с ${formatDateRu(input.validFrom)} ${ON_WEEKDAY[input.weekday - 1]} на ${input.slot}-м уроке`;
    const whose = course.classId ? `класса ${className(klass)}` : `группы «${course.group?.name ?? ''}» ${className(klass)}`;
    const sharing = sharingPupils(course, input.validFrom);
    const span = { from: input.validFrom, to: isoDate(klass.academicYear.endDate) };
    const pupils = await regularOccupant(tx, actor.schoolId, input.weekday, input.slot, span, sharing);
    if (pupils) return fail(`${when} у ${whose} уже есть «${pupils}»`, 'slot');
    const once = await oneDayOccupant(tx, actor.schoolId, input.weekday, input.slot, span, sharing);
    if (once) return fail(`${formatDateRu(once.date)} на ${input.slot}-м уроке у ${whose} уже есть «${once.title}» (перенос или урок, открытый в журнале)`, 'slot');
    for (const { teacherId, teacher } of course.teachers) {
      const name = `${teacher.lastName} ${teacher.firstName}`;
      const busy = await regularTeacherBusy(tx, actor.schoolId, teacherId, input.weekday, input.slot, span, course.id);
      if (busy) return fail(`${when} ${name} уже ведёт «${busy}»`, 'slot');
      const taught = await oneDayOccupant(tx, actor.schoolId, input.weekday, input.slot, span, { id: { not: course.id }, teachers: { some: { teacherId } } }, teacherId);
      if (taught) return fail(`${formatDateRu(taught.date)} на ${input.slot}-м уроке ${name} уже ведёт «${taught.title}»`, 'slot');
    }
    const data = {
      schoolId: actor.schoolId, academicYearId: klass.academicYearId, courseId: course.id,
      weekday: input.weekday, slot: input.slot, room: input.room || null, validFrom: dbDate(input.validFrom),
    };
    const created = await tx.timetableEntry.create({ data, select: { id: true } });
    await writeAudit(tx, {
      schoolId: actor.schoolId, actorId: actor.id, action: 'timetable-entry.create', entityType: 'TimetableEntry', entityId: created.id,
      oldValue: null, newValue: { ...data, validFrom: input.validFrom, validTo: null },
    });
    return { ok: true as const, entryId: created.id };
  });
}

/** Lessons are Monday to Saturday (to Friday in a five-day week), in a slot of the bell schedule. */
async function placeRefusal(tx: Tx, schoolId: number, weekday: number, slot: number): Promise<Failure | null> {
  if (weekday === 7) return fail(ENTRY_MESSAGES.sunday, 'weekday');
  const school = await tx.school.findUniqueOrThrow({ where: { id: schoolId }, select: { schoolDaysPerWeek: true } });
  if (weekday > school.schoolDaysPerWeek) return fail(ENTRY_MESSAGES.saturday, 'weekday');
  return (await bellSlotExists(tx, schoolId, slot)) ? null : fail(ENTRY_MESSAGES.noSlot, 'slot');
}

/** Ends a row: its last day becomes the day before `endDate`; the row itself stays (see above). */
export async function endTimetableEntry(actor: Actor, input: EndInput, now = new Date()): Promise<Result> {
  if (!actor.permissions.has('timetable:manage')) return fail(ENTRY_MESSAGES.denied);
  if (!isIsoDate(input.endDate)) return fail(ENTRY_MESSAGES.noSuchDate, 'endDate');
  return getDb().$transaction(async (tx) => {
    await lockTimetable(tx, actor.schoolId, 'change');
    const entry = await tx.timetableEntry.findFirst({
      where: { id: input.entryId, schoolId: actor.schoolId },
      select: {
        id: true, academicYearId: true, courseId: true, weekday: true, slot: true, room: true, validFrom: true, validTo: true,
        academicYear: { select: { label: true, startDate: true, endDate: true } },
        course: { select: { schoolClass: { select: { periodSchemeId: true } }, group: { select: { schoolClass: { select: { periodSchemeId: true } } } } } },
      },
    });
    if (!entry) return fail(ENTRY_MESSAGES.entryNotFound);
    const ended = yearEnded(actor, entry.academicYearId);
    if (ended) return fail(ENTRY_MESSAGES.yearEnded);
    const outside = outsideYear(entry.academicYear, input.endDate, 'endDate');
    if (outside) return outside;
    if (input.endDate < isoDate(entry.validFrom)) return fail(ENTRY_MESSAGES.beforeStart, 'endDate');
    const past = pastRefusal(actor, input.endDate, now, 'endDate');
    if (past) return past;
    const validTo = addDays(input.endDate, -1);
    const oldTo = entry.validTo ? isoDate(entry.validTo) : null;
    // Moving an end later would bring back lessons whose slot may have been given to another since.
    if (oldTo !== null && validTo >= oldTo) return fail(`Запись уже действует только по ${formatDateRu(oldTo)}`, 'endDate');
    const schemeId = entry.course.schoolClass?.periodSchemeId ?? entry.course.group?.schoolClass?.periodSchemeId ?? null;
    const closed = await closedOn(tx, actor.schoolId, schemeId, input.endDate, 'endDate');
    if (closed) return closed;
    const left = await laterFactsRefusal(tx, actor.schoolId, entry, input.endDate);
    if (left) return fail(left, 'endDate');
    await tx.timetableEntry.update({ where: { id: entry.id }, data: { validTo: dbDate(validTo) } });
    const { academicYear: _year, course: _course, ...row } = entry;
    await writeAudit(tx, {
      schoolId: actor.schoolId, actorId: actor.id, action: 'timetable-entry.end', entityType: 'TimetableEntry', entityId: entry.id,
      oldValue: { ...row, validFrom: isoDate(entry.validFrom), validTo: oldTo },
      newValue: { ...row, validFrom: isoDate(entry.validFrom), validTo },
    });
    return { ok: true as const };
  });
}
