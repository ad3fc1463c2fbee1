// Recording and removing the day's timetable changes (замены и изменения расписания, seed 002
// §3.4) by the deputy director or the administrator: a substitute teacher, a cancelled lesson, a
// lesson moved to another day or slot, another room. The diary, the journal (the substitute opens
// the lesson: journal/lessons.ts openLesson) and the extracts read these rows.
//
// One lesson (course, date, slot) holds at most one change of each kind; a cancelled or moved
// lesson has no substitute, and a lesson cannot be both cancelled and moved. A second change of a
// kind is refused rather than replacing the first: the person removes the old one, seeing it.
// A lesson moved to another day is changed there like any other (a substitute, a room, cancelled
// or moved once more): the change is recorded at its new place, and the move itself is removed
// only once those are.
import 'server-only';
import { getDb } from '../../db';
import type { Actor } from '../../auth/actor';
import { writeAudit } from '../../audit';
import { formatDateRu, isIsoDate, isoWeekday, WEEKDAY_NAMES_RU } from '../../domain/calendar';
import type { TimetableChangeKind } from '../../generated/prisma/enums';
import type { Prisma } from '../../prisma-client';
import { dbDate, isoDate } from '../dates';
import { className } from '../names';
import { handOverLesson } from '../journal/hand-over';
import { outsideYear, periodOpen, TX_OPTIONS } from '../journal/write-context';
import { fail, type Failure, type Result } from '../journal/result';
import { carryLesson, dropEmptyLesson } from './lesson-rows';
import { bellSlotExists, heldSelect, sharingPupils, slotOccupants, teacherBusyWith, wasHeld } from './slots';
import { lockTimetable } from './lock';
import { holidayRefusal } from '../holiday-day';

export type ChangeInput = {
  courseId: number;
  date: string;
  slot: number;
  kind: TimetableChangeKind;
  substituteTeacherId: number | null;
  newDate: string | null;
  newSlot: number | null;
  room: string | null;
  reason: string | null;
};

export const CHANGE_MESSAGES = {
  denied: 'Недостаточно прав для изменения расписания',
  lessonNotFound: 'Урок не найден',
  notScheduled: 'В этот день у класса нет такого урока: выберите урок из расписания дня',
  noSlot: 'Такого урока нет в расписании звонков',
  sameKind: 'Такое изменение этого урока уже записано. Удалите его, чтобы записать другое.',
  cancelledOrMoved: 'Урок уже отменён или перенесён: сначала удалите это изменение',
  hasSubstitute: 'На урок назначена замена: сначала удалите её',
  held: 'Урок уже проведён (выставлены отметки или отмечена посещаемость): отменить или перенести его нельзя',
  heldBySomeoneElse: 'Урок уже проведён (выставлены отметки или отмечена посещаемость) другим учителем: замену на него записать нельзя',
  chooseSubstitute: 'Выберите замещающего учителя',
  substituteNotFound: 'Замещающий учитель не найден среди работающих учителей школы',
  ownTeacher: 'Это учитель самого курса: выберите другого',
  chooseNewDate: 'Укажите дату, на которую переносится урок',
  chooseNewSlot: 'Укажите номер урока, на который он переносится',
  samePlace: 'Урок переносится туда же, где он стоит',
  chooseRoom: 'Укажите кабинет',
  roomTooLong: 'Кабинет — не длиннее 20 символов',
  reasonTooLong: 'Причина — не длиннее 300 символов',
  changeNotFound: 'Изменение не найдено',
  substituteHeld: 'Урок уже проведён замещающим учителем (выставлены отметки или отмечена посещаемость): замену удалить нельзя',
  written: 'Урок уже открыт в журнале и в нём записаны тема, домашнее задание или запланированная контрольная: сначала уберите их в журнале',
  occupied: 'На прежнем месте урока уже открыт другой урок этого курса: удалить перенос нельзя',
  movedHeld: 'Перенесённый урок уже проведён (выставлены отметки или отмечена посещаемость): перенос удалить нельзя',
  movedChanged: 'На новом месте урока уже записаны его изменения (замена, отмена, перенос или кабинет): сначала удалите их',
  backWhereMoved: 'На этом месте урок этого курса отменён или перенесён: чтобы вернуть его сюда, удалите то изменение',
  cannotReturn: 'Вернуть урок на место нельзя',
  cannotUnsubstitute: 'Снять замену нельзя',
} as const;

const courseSelect = {
  id: true, academicYearId: true, classId: true, groupId: true,
  academicYear: { select: { label: true, startDate: true, endDate: true } },
  subject: { select: { name: true } },
  schoolClass: { select: { id: true, gradeLevel: true, letter: true, periodSchemeId: true } },
  group: { select: { name: true, classId: true, schoolClass: { select: { id: true, gradeLevel: true, letter: true, periodSchemeId: true } } } },
  teachers: { select: { teacherId: true, teacher: { select: { lastName: true, firstName: true } } }, orderBy: { teacherId: 'asc' } },
} as const;

type Tx = Prisma.TransactionClient;
type CourseRow = Prisma.CourseGetPayload<{ select: typeof courseSelect }>;

/** Records a change; every refusal names its field and changes nothing. */
export async function recordTimetableChange(actor: Actor, input: ChangeInput): Promise<Result<{ changeId: number }>> {
  if (!actor.permissions.has('timetable:manage')) return fail(CHANGE_MESSAGES.denied);
  if (!isIsoDate(input.date)) return fail('Такой даты нет в календаре', 'date');
  if (input.reason && input.reason.length > 300) return fail(CHANGE_MESSAGES.reasonTooLong, 'reason');
  if (input.room && input.room.length > 20) return fail(CHANGE_MESSAGES.roomTooLong, 'room');
  const db = getDb();
  return db.$transaction(async (tx) => {
    // One writer of a school's changes at a time, and no lesson row written meanwhile (lock.ts):
    // the checks below read what the others write.
    await lockTimetable(tx, actor.schoolId, 'change');
    const course = await tx.course.findFirst({ where: { id: input.courseId, schoolId: actor.schoolId }, select: courseSelect });
    if (!course) return fail(CHANGE_MESSAGES.lessonNotFound, 'lesson');
    const refused = await placeRefusal(tx, actor.schoolId, course, input.date, input.slot, 'date', 'lesson')
      ?? await scheduledRefusal(tx, actor.schoolId, course.id, input.date, input.slot)
      ?? await closedRefusal(tx, actor.schoolId, course, input.date, 'date')
      ?? await overlapRefusal(tx, actor.schoolId, input)
      ?? await kindRefusal(tx, actor.schoolId, course, input);
    if (refused) return refused;
    const rowRefused = await followLessonRow(tx, { schoolId: actor.schoolId, actorId: actor.id }, course.id, input);
    if (rowRefused) return rowRefused;
    const data = {
      schoolId: actor.schoolId, courseId: course.id, date: dbDate(input.date), slot: input.slot, kind: input.kind,
      substituteTeacherId: input.kind === 'SUBSTITUTION' ? input.substituteTeacherId : null,
      newDate: input.kind === 'MOVED' && input.newDate ? dbDate(input.newDate) : null,
      newSlot: input.kind === 'MOVED' ? input.newSlot : null,
      room: input.room || null,
      reason: input.reason || null,
      createdById: actor.id,
    };
    const created = await tx.timetableChange.create({ data, select: { id: true } });
    await writeAudit(tx, {
      schoolId: actor.schoolId, actorId: actor.id, action: 'timetable-change.create', entityType: 'TimetableChange', entityId: created.id,
      oldValue: null, newValue: { ...data, date: input.date, newDate: data.newDate ? input.newDate : null },
    });
    return { ok: true as const, changeId: created.id };
  }, TX_OPTIONS); // lesson writes hold the lock shared for up to TX_OPTIONS too
}

/**
 * The journal's lesson row already opened (not held: kindRefusal) follows the change: it passes to
 * the substitute at once, so that it has one owner from then on; it goes with a move; an empty one
 * goes with a cancellation (timetable/lesson-rows.ts).
 */
async function followLessonRow(tx: Tx, by: { schoolId: number; actorId: number }, courseId: number, input: ChangeInput): Promise<Failure | null> {
  const here = { date: dbDate(input.date), slot: input.slot };
  if (input.kind === 'SUBSTITUTION' && input.substituteTeacherId) {
    const opened = await tx.lesson.findFirst({ where: { schoolId: by.schoolId, courseId, ...here }, select: { id: true } });
    const handed = opened ? await handOverLesson(tx, by, opened.id, input.substituteTeacherId) : 'done';
    return handed === 'held' ? fail(CHANGE_MESSAGES.heldBySomeoneElse, 'kind') : null;
  }
  const row = input.kind === 'CANCELLED' ? await dropEmptyLesson(tx, by, courseId, here)
    : input.kind === 'MOVED' && input.newDate && input.newSlot ? await carryLesson(tx, by, courseId, here, { date: dbDate(input.newDate), slot: input.newSlot })
    : null;
  return row ? fail(CHANGE_MESSAGES[row], 'kind') : null;
}

/** The date is in the course's year and no holiday of its grade, the slot is in the bell schedule. */
async function placeRefusal(tx: Tx, schoolId: number, course: CourseRow, iso: string, slot: number, dateField: string, slotField: string): Promise<Failure | null> {
  const outside = outsideYear(course.academicYear, iso, dateField);
  if (outside) return outside;
  if (!(await bellSlotExists(tx, schoolId, slot))) return fail(CHANGE_MESSAGES.noSlot, slotField);
  return holidayRefusal(tx, schoolId, course, iso, dateField);
}

/**
 * A closed study period is final (write-context.ts periodOpen): a cancellation or a move there
 * would change its plan-vs-held figures and overdue report after the fact.
 */
type SchemeOf = { schoolClass: { periodSchemeId: number } | null; group: { schoolClass: { periodSchemeId: number } | null } | null };

async function closedRefusal(tx: Tx, schoolId: number, course: SchemeOf, iso: string, field?: string): Promise<Failure | null> {
  const schemeId = course.schoolClass?.periodSchemeId ?? course.group?.schoolClass?.periodSchemeId ?? null;
  const closed = await periodOpen(tx, { schoolId, schemeId, date: dbDate(iso) });
  return closed ? fail(closed.error, field) : null;
}

/** A change is recorded for a lesson of the day: a timetable row valid on the date, a lesson moved there, or a lesson opened then. */
async function scheduledRefusal(tx: Tx, schoolId: number, courseId: number, iso: string, slot: number): Promise<Failure | null> {
  const date = dbDate(iso);
  const [entry, movedIn, lesson] = await Promise.all([
    tx.timetableEntry.count({ where: { schoolId, courseId, weekday: isoWeekday(iso), slot, validFrom: { lte: date }, OR: [{ validTo: null }, { validTo: { gte: date } }], academicYear: { startDate: { lte: date }, endDate: { gte: date } } } }),
    tx.timetableChange.count({ where: { schoolId, courseId, kind: 'MOVED', newDate: date, newSlot: slot } }),
    tx.lesson.count({ where: { schoolId, courseId, date, slot } }),
  ]);
  return entry || movedIn || lesson ? null : fail(CHANGE_MESSAGES.notScheduled, 'lesson');
}

/** One change of each kind; cancelled and moved exclude each other and a substitute. */
async function overlapRefusal(tx: Tx, schoolId: number, input: ChangeInput): Promise<Failure | null> {
  const kinds = (await tx.timetableChange.findMany({ where: { schoolId, courseId: input.courseId, date: dbDate(input.date), slot: input.slot }, select: { kind: true } })).map((c) => c.kind);
  if (kinds.includes(input.kind)) return fail(CHANGE_MESSAGES.sameKind, 'kind');
  const gone = kinds.includes('CANCELLED') || kinds.includes('MOVED');
  if (gone && input.kind !== 'ROOM') return fail(CHANGE_MESSAGES.cancelledOrMoved, 'kind');
  if (kinds.includes('SUBSTITUTION') && (input.kind === 'CANCELLED' || input.kind === 'MOVED')) return fail(CHANGE_MESSAGES.hasSubstitute, 'kind');
  return null;
}

async function kindRefusal(tx: Tx, schoolId: number, course: CourseRow, input: ChangeInput): Promise<Failure | null> {
  if (input.kind !== 'ROOM') {
    const lesson = await tx.lesson.findFirst({ where: { schoolId, courseId: course.id, date: dbDate(input.date), slot: input.slot }, select: { teacherId: true, isSubstitution: true, ...heldSelect } });
    if (lesson && wasHeld(lesson)) {
      // A substitution written down after the fact, for the substitute who held it, is a record;
      // for a lesson someone else held, it would hand their marks to another teacher.
      const recordsHolder = input.kind === 'SUBSTITUTION' && lesson.isSubstitution && lesson.teacherId === input.substituteTeacherId;
      if (!recordsHolder) return fail(input.kind === 'SUBSTITUTION' ? CHANGE_MESSAGES.heldBySomeoneElse : CHANGE_MESSAGES.held, 'kind');
    }
  }
  if (input.kind === 'SUBSTITUTION') return substituteRefusal(tx, schoolId, course, input);
  if (input.kind === 'MOVED') return moveRefusal(tx, schoolId, course, input);
  if (input.kind === 'ROOM' && !input.room) return fail(CHANGE_MESSAGES.chooseRoom, 'room');
  return null;
}

async function substituteRefusal(tx: Tx, schoolId: number, course: CourseRow, input: ChangeInput): Promise<Failure | null> {
  const teacherId = input.substituteTeacherId;
  if (!teacherId) return fail(CHANGE_MESSAGES.chooseSubstitute, 'substituteTeacherId');
  const teacher = await tx.user.findFirst({ where: { id: teacherId, schoolId, active: true, roles: { some: { role: 'TEACHER' } } }, select: { lastName: true, firstName: true } });
  if (!teacher) return fail(CHANGE_MESSAGES.substituteNotFound, 'substituteTeacherId');
  if (course.teachers.some((t) => t.teacherId === teacherId)) return fail(CHANGE_MESSAGES.ownTeacher, 'substituteTeacherId');
  const busy = await teacherBusyWith(tx, schoolId, teacherId, input.date, input.slot, course.id);
  return busy ? fail(`${teacher.lastName} ${teacher.firstName} в этот урок уже ведёт «${busy}»`, 'substituteTeacherId') : null;
}

async function moveRefusal(tx: Tx, schoolId: number, course: CourseRow, input: ChangeInput): Promise<Failure | null> {
  if (!input.newDate || !isIsoDate(input.newDate)) return fail(CHANGE_MESSAGES.chooseNewDate, 'newDate');
  if (!input.newSlot) return fail(CHANGE_MESSAGES.chooseNewSlot, 'newSlot');
  if (input.newDate === input.date && input.newSlot === input.slot) return fail(CHANGE_MESSAGES.samePlace, 'newSlot');
  const place = await placeRefusal(tx, schoolId, course, input.newDate, input.newSlot, 'newDate', 'newSlot')
    ?? await weekdayRefusal(tx, schoolId, input.newDate)
    ?? await closedRefusal(tx, schoolId, course, input.newDate, 'newDate');
  if (place) return place;
  // The course's own lesson cancelled or moved away from there: the diary would show one of the
  // two in that slot; moving a moved lesson back where it came from is removing the move.
  const vacated = await tx.timetableChange.count({ where: { schoolId, courseId: course.id, date: dbDate(input.newDate), slot: input.newSlot, kind: { in: ['CANCELLED', 'MOVED'] } } });
  if (vacated) return fail(CHANGE_MESSAGES.backWhereMoved, 'newSlot');
  const where = `${formatDateRu(input.newDate)} на ${input.newSlot}-м уроке`;
  const taken = await slotOccupants(tx, schoolId, input.newDate, input.newSlot, sharingPupils(course, input.newDate));
  if (taken.length) return fail(`${where} у ${pupilsName(course)} уже есть «${taken[0].title}»`, 'newSlot');
  // The lesson's teachers go with it: none of them may be teaching elsewhere then.
  for (const { teacherId, teacher } of course.teachers) {
    const busy = await teacherBusyWith(tx, schoolId, teacherId, input.newDate, input.newSlot, course.id);
    if (busy) return fail(`${where} ${teacher.lastName} ${teacher.firstName} уже ведёт «${busy}»`, 'newSlot');
  }
  return null;
}

/** Lessons are held Monday to Saturday, or to Friday in a school with a five-day week. */
async function weekdayRefusal(tx: Tx, schoolId: number, iso: string): Promise<Failure | null> {
  const school = await tx.school.findUniqueOrThrow({ where: { id: schoolId }, select: { schoolDaysPerWeek: true } });
  const weekday = isoWeekday(iso);
  if (weekday <= school.schoolDaysPerWeek && weekday <= 6) return null;
  const rule = weekday === 7 ? '' : `, а учебная неделя — ${school.schoolDaysPerWeek}-дневная`;
  return fail(`${formatDateRu(iso)} — ${WEEKDAY_NAMES_RU[weekday - 1]}${rule}: уроков нет`, 'newDate');
}

/** Removes a change; a substitution not yet held gives the lesson back to the teacher it had. */
export async function removeTimetableChange(actor: Actor, changeId: number): Promise<Result> {
  if (!actor.permissions.has('timetable:manage')) return fail(CHANGE_MESSAGES.denied);
  const db = getDb();
  return db.$transaction(async (tx) => {
    await lockTimetable(tx, actor.schoolId, 'change');
    const change = await tx.timetableChange.findFirst({
      where: { id: changeId, schoolId: actor.schoolId },
      select: {
        id: true, courseId: true, date: true, slot: true, kind: true, substituteTeacherId: true, newDate: true, newSlot: true, room: true, reason: true,
        course: {
          select: {
            teachers: { select: { teacherId: true, teacher: { select: { lastName: true, firstName: true } } }, orderBy: [{ isPrimary: 'desc' }, { teacherId: 'asc' }] },
            academicYearId: true, classId: true, groupId: true,
            schoolClass: { select: { gradeLevel: true, letter: true, periodSchemeId: true } },
            group: { select: { name: true, classId: true, schoolClass: { select: { gradeLevel: true, letter: true, periodSchemeId: true } } } },
          },
        },
      },
    });
    if (!change) return fail(CHANGE_MESSAGES.changeNotFound);
    const closed = await closedRefusal(tx, actor.schoolId, change.course, isoDate(change.date))
      ?? (change.newDate ? await closedRefusal(tx, actor.schoolId, change.course, isoDate(change.newDate)) : null);
    if (closed) return closed;
    // A move removed puts the lesson back on its old date, which may have become a holiday since.
    const holiday = change.kind === 'MOVED' ? await holidayRefusal(tx, actor.schoolId, change.course, isoDate(change.date)) : null;
    if (holiday) return fail(`${CHANGE_MESSAGES.cannotReturn}: ${holiday.error}`);
    // Removing a cancellation or a move puts the lesson back in its slot, and removing a
    // substitution gives it back to its teachers: the slot may have been filled since.
    const returned = change.kind === 'ROOM' ? null : await returnRefusal(tx, actor.schoolId, change.courseId, change.course, isoDate(change.date), change.slot, change.kind !== 'SUBSTITUTION');
    if (returned) return returned;
    if (change.kind === 'SUBSTITUTION' && change.substituteTeacherId) {
      const given = await giveBack(tx, actor, change);
      if (given) return given;
    }
    if (change.kind === 'MOVED' && change.newDate) {
      // Changes recorded where the lesson was moved to would be left on a place with no lesson.
      const there = await tx.timetableChange.count({ where: { schoolId: actor.schoolId, courseId: change.courseId, date: change.newDate, slot: change.newSlot ?? change.slot } });
      if (there) return fail(CHANGE_MESSAGES.movedChanged);
      // The lesson row, opened where it was moved to, goes back with it.
      const back = await carryLesson(tx, { schoolId: actor.schoolId, actorId: actor.id }, change.courseId, { date: change.newDate, slot: change.newSlot ?? change.slot }, { date: change.date, slot: change.slot });
      if (back) return fail(back === 'held' ? CHANGE_MESSAGES.movedHeld : CHANGE_MESSAGES.occupied);
    }
    await tx.timetableChange.delete({ where: { id: change.id } });
    const { course: _course, ...old } = change;
    await writeAudit(tx, {
      schoolId: actor.schoolId, actorId: actor.id, action: 'timetable-change.delete', entityType: 'TimetableChange', entityId: change.id,
      oldValue: { ...old, date: isoDate(change.date), newDate: change.newDate ? isoDate(change.newDate) : null }, newValue: null,
    });
    return { ok: true as const };
  }, TX_OPTIONS); // lesson writes hold the lock shared for up to TX_OPTIONS too
}

type ReturningCourse = PupilsOfCourse & {
  teachers: { teacherId: number; teacher: { lastName: string; firstName: string } }[];
};

/**
 * The lesson coming back to its slot finds it free: for its pupils (another lesson moved or
 * substituted there, or a timetable row added since: slots.ts sharingPupils) and for each of its
 * teachers.
 */
async function returnRefusal(tx: Tx, schoolId: number, courseId: number, course: ReturningCourse, iso: string, slot: number, checkClass: boolean): Promise<Failure | null> {
  const where = `${formatDateRu(iso)} на ${slot}-м уроке`;
  if (checkClass) {
    const taken = await slotOccupants(tx, schoolId, iso, slot, sharingPupils(course, iso), [courseId]);
    if (taken.length) return fail(`${CHANGE_MESSAGES.cannotReturn}: ${where} у ${pupilsName(course)} уже есть «${taken[0].title}»`);
  }
  // Removing a substitution returns the lesson to its teacher, not to a place.
  const refused = checkClass ? CHANGE_MESSAGES.cannotReturn : CHANGE_MESSAGES.cannotUnsubstitute;
  for (const { teacherId, teacher } of course.teachers) {
    const busy = await teacherBusyWith(tx, schoolId, teacherId, iso, slot, courseId);
    if (busy) return fail(`${refused}: ${where} ${teacher.lastName} ${teacher.firstName} уже ведёт «${busy}»`);
  }
  return null;
}

type PupilsOfCourse = {
  classId: number | null; groupId: number | null;
  schoolClass: { gradeLevel: number; letter: string } | null;
  group: { name: string; classId: number | null; schoolClass: { gradeLevel: number; letter: string } | null } | null;
};

/** «класса 5А», «группы «1 группа» 5А»: whose slot is taken, in a refusal. */
function pupilsName(course: PupilsOfCourse): string {
  if (course.schoolClass) return `класса ${className(course.schoolClass)}`;
  const klass = course.group?.schoolClass;
  return `группы «${course.group?.name ?? ''}»${klass ? ` ${className(klass)}` : ''}`;
}

type SubstitutionRow = { courseId: number; date: Date; slot: number; substituteTeacherId: number | null; course: { teachers: { teacherId: number }[] } };

/**
 * The lesson the substitute opened goes back to the teacher it had (as journal/lessons.ts
 * updateLesson does when a substitute is removed); once held by the substitute, the substitution
 * is a fact and stays.
 */
async function giveBack(tx: Tx, actor: Actor, change: SubstitutionRow): Promise<Failure | null> {
  const lesson = await tx.lesson.findFirst({
    where: { schoolId: actor.schoolId, courseId: change.courseId, date: change.date, slot: change.slot, teacherId: change.substituteTeacherId!, isSubstitution: true },
    select: { id: true, teacherId: true, regularTeacherId: true, ...heldSelect },
  });
  if (!lesson) return null;
  if (wasHeld(lesson)) return fail(CHANGE_MESSAGES.substituteHeld);
  const teacherId = lesson.regularTeacherId ?? change.course.teachers[0]?.teacherId ?? lesson.teacherId;
  await tx.lesson.update({ where: { id: lesson.id }, data: { teacherId, isSubstitution: false, regularTeacherId: null, version: { increment: 1 } } });
  await writeAudit(tx, {
    schoolId: actor.schoolId, actorId: actor.id, action: 'lesson.update', entityType: 'Lesson', entityId: lesson.id,
    oldValue: { teacherId: lesson.teacherId, isSubstitution: true, regularTeacherId: lesson.regularTeacherId },
    newValue: { teacherId, isSubstitution: false, regularTeacherId: null },
  });
  return null;
}
