// A pupil's class during the year, under 'users:manage' (the right that enrols pupils): a transfer
// to another class of the same year (перевод), leaving the school (выбытие), and an enrolment of a
// pupil with no class today (зачисление: a leaver back, a newcomer). A pupil is in one class at a
// time (the enrollments' no-overlap rule), so a transfer ends today's enrollment the day before the
// first day in the new class. Each change is one transaction under the promotion's locks (the
// years and the pupils' classes cannot change under it) with one audit row.
import 'server-only';
import { getDb } from '../db';
import { writeAudit } from '../audit';
import type { Actor } from '../auth/actor';
import type { Prisma } from '../prisma-client';
import { addDays, formatDateRu } from '../domain/calendar';
import { toSchoolDate } from '../domain/timezone';
import { dbDate, isoDate } from './dates';
import { isEnrollmentOverlap } from './db-errors';
import { className } from './names';
import { lockForPromotion } from './promotion';
import { enrollmentOn, enrollmentsVersion, pupilEnrollments, type PupilEnrollment } from './pupil-class';
import { writeActive, type Failure } from './users';

export type PupilClassDone = { ok: true; message: string; groupsLink: string | null };
type Outcome = PupilClassDone | Failure;
type Tx = Prisma.TransactionClient;

export const REASON_MAX = 200;
const denied: Failure = { ok: false, error: 'Недостаточно прав для этого действия' };
const notPupil: Failure = { ok: false, error: 'Ученик не найден' };
const stale: Failure = { ok: false, error: 'Классы ученика изменились, пока форма была открыта (другой пользователь, перевод на новый учебный год или импорт). Обновите страницу и повторите.' };
const overlap: Failure = { ok: false, field: 'date', error: 'Даты пересекаются с другим зачислением ученика: ученик не может учиться в двух классах сразу. Обновите страницу и выберите другую дату.' };
const canManage = (actor: Actor) => actor.permissions.has('users:manage');

/** Runs a change under the promotion's locks; the database's no-overlap refusal becomes a message. */
async function run(actor: Actor, work: (tx: Tx) => Promise<Outcome>): Promise<Outcome> {
  try {
    return await getDb().$transaction(async (tx: Tx) => {
      await lockForPromotion(tx, actor.schoolId);
      return work(tx);
    });
  } catch (error) {
    if (isEnrollmentOverlap(error)) return overlap;
    throw error;
  }
}

type Loaded = { pupil: { id: number; active: boolean }; list: PupilEnrollment[] };

/** The pupil of the actor's school and their enrollments, if they are still as the form showed them. */
async function load(tx: Tx, actor: Actor, studentId: number, version: string): Promise<Loaded | Failure> {
  const pupil = await tx.user.findFirst({ where: { id: studentId, schoolId: actor.schoolId, roles: { some: { role: 'STUDENT' } } }, select: { id: true, active: true } });
  if (!pupil) return notPupil;
  const list = await pupilEnrollments(tx, actor.schoolId, studentId);
  if (enrollmentsVersion(list) !== version) return stale;
  return { pupil, list };
}

const isFailure = (r: Loaded | Failure): r is Failure => 'ok' in r;

/**
 * The pupil's marks, attendance and final marks in class `classId`'s courses (its own and its
 * groups') dated `from` or later: after the pupil's last day there they would drop out of the
 * class's journal (its rows end on that day), so a change dated before them is refused.
 */
async function recordsFrom(tx: Tx, schoolId: number, studentId: number, { classId, className: name }: PupilEnrollment, from: string): Promise<string | null> {
  const ofClass: Prisma.CourseWhereInput = { schoolId, OR: [{ classId }, { group: { classId } }] };
  const since = dbDate(from);
  const [marks, attendance, finals] = await Promise.all([
    tx.mark.findMany({ where: { schoolId, studentId, course: ofClass, OR: [{ lesson: { date: { gte: since } } }, { lessonId: null, createdAt: { gte: since } }] }, select: { createdAt: true, lesson: { select: { date: true } } } }),
    tx.attendance.findMany({ where: { schoolId, studentId, lesson: { date: { gte: since }, course: ofClass } }, select: { lesson: { select: { date: true } } } }),
    tx.finalMark.findMany({ where: { schoolId, studentId, course: ofClass, period: { endDate: { gte: since } } }, select: { period: { select: { endDate: true } } } }),
  ]);
  const dates = [
    ...marks.map((m) => isoDate(m.lesson?.date ?? m.createdAt)),
    ...attendance.map((a) => isoDate(a.lesson.date)),
    ...finals.map((f) => isoDate(f.period.endDate)),
  ].sort();
  if (!dates.length) return null;
  const last = dates[dates.length - 1];
  const kinds = [['отметок', marks.length], ['записей посещаемости', attendance.length], ['итоговых отметок', finals.length]] as const;
  const counted = kinds.filter(([, n]) => n > 0).map(([what, n]) => `${what} — ${n}`).join(', ');
  return `В журнале ${name} у ученика есть записи с ${formatDateRu(from)} (${counted}), последняя — за ${formatDateRu(last)}. `
    + `После изменения они пропали бы из журнала класса: выберите дату после ${formatDateRu(last)} или сначала удалите эти записи.`;
}

/** The class's teaching-load page when the class has split groups: the pupil must be put into one. */
async function groupsLink(tx: Tx, schoolId: number, classId: number): Promise<string | null> {
  const groups = await tx.studyGroup.count({ where: { schoolId, classId, courses: { some: {} } } });
  return groups ? `/admin/courses?class=${classId}` : null;
}
const groupsNote = (link: string | null) => (link ? ' В классе есть группы (деление на подгруппы): распределите ученика в группу на странице учебной нагрузки класса.' : '');

const row = (e: PupilEnrollment) => ({ id: e.id, classId: e.classId, className: e.className, startDate: e.startDate, endDate: e.endDate });
const range = (e: PupilEnrollment) => `${formatDateRu(e.startDate)} – ${e.endDate ? formatDateRu(e.endDate) : 'по настоящее время'}`;

export type TransferInput = { studentId: number; classId: number; date?: string | null; version: string };

/** Moves the pupil from today's class into `classId` of the same year from `date` (today by default). */
export async function transferPupil(actor: Actor, input: TransferInput, now = new Date()): Promise<Outcome> {
  if (!canManage(actor)) return denied;
  const today = toSchoolDate(now, actor.timeZone);
  const date = input.date || today;
  return run(actor, async (tx) => {
    const loaded = await load(tx, actor, input.studentId, input.version);
    if (isFailure(loaded)) return loaded;
    const current = enrollmentOn(loaded.list, today);
    if (!current) return { ok: false, field: 'classId', error: 'Ученик сегодня не учится ни в одном классе: переводить неоткуда. Зачислите его в класс.' };
    // Never placed after last year (promotion-stranded.ts): a class of this year is chosen there.
    if (current.yearEnd < today) return { ok: false, field: 'classId', error: `Ученик всё ещё числится в ${current.className} прошлого учебного года (${current.yearLabel}): определите его в класс этого года на странице «Переход на новый учебный год»` };
    if (input.classId === current.classId) return { ok: false, field: 'classId', error: `Ученик уже учится в ${current.className}: выберите другой класс` };
    const target = await tx.schoolClass.findFirst({ where: { id: input.classId, schoolId: actor.schoolId, academicYearId: current.academicYearId }, select: { id: true, gradeLevel: true, letter: true } });
    if (!target) return { ok: false, field: 'classId', error: `Класс не найден среди классов ${current.yearLabel} учебного года этой школы` };
    const first = addDays(current.startDate, 1);
    const last = current.endDate ?? current.yearEnd;
    if (date < first || date > last) return { ok: false, field: 'date', error: `Первый день в новом классе должен быть в пределах учебного года и после начала учёбы в ${current.className}: с ${formatDateRu(first)} по ${formatDateRu(last)}` };
    const records = await recordsFrom(tx, actor.schoolId, input.studentId, current, date);
    if (records) return { ok: false, field: 'date', error: records };

    await tx.enrollment.update({ where: { id: current.id, schoolId: actor.schoolId }, data: { endDate: dbDate(addDays(date, -1)) } });
    // To the old one's end: a pupil already moved up to next year's class keeps that move.
    const created = await tx.enrollment.create({ data: { schoolId: actor.schoolId, studentId: input.studentId, classId: target.id, startDate: dbDate(date), endDate: current.endDate ? dbDate(current.endDate) : null }, select: { id: true } });
    const name = className(target);
    await writeAudit(tx, {
      schoolId: actor.schoolId, actorId: actor.id, action: 'pupil.transfer', entityType: 'User', entityId: input.studentId,
      oldValue: { enrollment: row(current) },
      newValue: { ended: { ...row(current), endDate: addDays(date, -1) }, created: { id: created.id, classId: target.id, className: name, startDate: date, endDate: current.endDate } },
    });
    const link = await groupsLink(tx, actor.schoolId, target.id);
    return { ok: true, message: `Ученик переведён из ${current.className} в ${name}: последний день в ${current.className} — ${formatDateRu(addDays(date, -1))}, в ${name} — с ${formatDateRu(date)}.${groupsNote(link)}`, groupsLink: link };
  });
}

export type LeaveInput = { studentId: number; date?: string | null; reason: string; disableLogin: boolean; version: string };

/** Ends today's enrollment on `date`, the pupil's last day in the school; optionally turns their login off. */
export async function pupilLeaves(actor: Actor, input: LeaveInput, now = new Date()): Promise<Outcome> {
  if (!canManage(actor)) return denied;
  const today = toSchoolDate(now, actor.timeZone);
  const date = input.date || today;
  const reason = input.reason.trim();
  if (reason.length > REASON_MAX) return { ok: false, field: 'reason', error: `Не длиннее ${REASON_MAX} символов` };
  return run(actor, async (tx) => {
    const loaded = await load(tx, actor, input.studentId, input.version);
    if (isFailure(loaded)) return loaded;
    const current = enrollmentOn(loaded.list, today);
    if (!current) return { ok: false, field: 'date', error: 'Ученик сегодня не учится ни в одном классе: выбытие уже записано или ученик не зачислен' };
    const last = current.endDate ?? current.yearEnd;
    if (date < current.startDate || date > last) return { ok: false, field: 'date', error: `Последний день в школе должен быть с ${formatDateRu(current.startDate)} по ${formatDateRu(last)}` };
    const later = loaded.list.find((e) => e.startDate > current.startDate);
    if (later) {
      // Next year's class from the promotion, or a transfer dated ahead: the leaving is recorded from that class once it begins.
      const fix = later.academicYearId === current.academicYearId ? 'запишите выбытие из этого класса, когда учёба в нём начнётся' : 'сначала верните ученика в класс этого года на странице «Переход на новый учебный год»';
      return { ok: false, field: 'date', error: `Ученик уже зачислен в ${later.className} (${later.yearLabel}) с ${formatDateRu(later.startDate)}: ${fix}` };
    }
    const records = await recordsFrom(tx, actor.schoolId, input.studentId, current, addDays(date, 1));
    if (records) return { ok: false, field: 'date', error: records };

    await tx.enrollment.update({ where: { id: current.id, schoolId: actor.schoolId }, data: { endDate: dbDate(date) } });
    const disable = input.disableLogin && loaded.pupil.active;
    if (disable) await writeActive(tx, actor, input.studentId, false);
    await writeAudit(tx, {
      schoolId: actor.schoolId, actorId: actor.id, action: 'pupil.leave', entityType: 'User', entityId: input.studentId,
      oldValue: { enrollment: row(current) }, newValue: { enrollment: { ...row(current), endDate: date } },
      details: { reason: reason || null, loginDisabled: disable },
    });
    const login = disable ? ' Вход ученика отключён, открытые сеансы завершены.' : '';
    return { ok: true, message: `Выбытие записано: последний день ученика в школе (${current.className}) — ${formatDateRu(date)}.${login} Родители видят дневник до этого дня.`, groupsLink: null };
  });
}

export type EnrolInput = { studentId: number; classId: number; date?: string | null; version: string };

/** Puts a pupil who has no class today into `classId` of a current year from `date` (today by default). */
export async function enrolPupil(actor: Actor, input: EnrolInput, now = new Date()): Promise<Outcome> {
  if (!canManage(actor)) return denied;
  const today = toSchoolDate(now, actor.timeZone);
  const date = input.date || today;
  return run(actor, async (tx) => {
    const loaded = await load(tx, actor, input.studentId, input.version);
    if (isFailure(loaded)) return loaded;
    const current = enrollmentOn(loaded.list, today);
    if (current) return { ok: false, field: 'classId', error: `Ученик сегодня учится в ${current.className}: чтобы сменить класс, переведите его` };
    const target = await tx.schoolClass.findFirst({
      where: { id: input.classId, schoolId: actor.schoolId, academicYearId: { in: [...actor.currentYears] } },
      select: { id: true, gradeLevel: true, letter: true, academicYear: { select: { label: true, startDate: true, endDate: true } } },
    });
    if (!target) return { ok: false, field: 'classId', error: 'Класс не найден среди классов текущего учебного года этой школы' };
    const [yearStart, yearEnd] = [isoDate(target.academicYear.startDate), isoDate(target.academicYear.endDate)];
    if (date < yearStart || date > yearEnd) return { ok: false, field: 'date', error: `Первый день в классе должен быть в пределах ${target.academicYear.label} учебного года: с ${formatDateRu(yearStart)} по ${formatDateRu(yearEnd)}` };
    // The new enrollment is open-ended: any enrollment not ended before `date` would overlap it.
    const clash = loaded.list.find((e) => e.endDate === null || e.endDate >= date);
    if (clash) {
      const after = clash.endDate && clash.startDate <= date ? ` выберите первый день после ${formatDateRu(clash.endDate)}` : ' сначала исправьте то зачисление';
      return { ok: false, field: 'date', error: `Даты пересекаются с зачислением в ${clash.className} (${range(clash)}):${after}` };
    }
    const name = className(target);
    const created = await tx.enrollment.create({ data: { schoolId: actor.schoolId, studentId: input.studentId, classId: target.id, startDate: dbDate(date), endDate: null }, select: { id: true } });
    await writeAudit(tx, {
      schoolId: actor.schoolId, actorId: actor.id, action: 'pupil.enrol', entityType: 'User', entityId: input.studentId,
      oldValue: { last: loaded.list.length ? row(loaded.list[loaded.list.length - 1]) : null },
      newValue: { created: { id: created.id, classId: target.id, className: name, startDate: date, endDate: null } },
    });
    const link = await groupsLink(tx, actor.schoolId, target.id);
    const login = loaded.pupil.active ? '' : ' Вход ученика отключён: включите его кнопкой «Включить», если ученик снова пользуется дневником.';
    return { ok: true, message: `Ученик зачислен в ${name} с ${formatDateRu(date)}.${login}${groupsNote(link)}`, groupsLink: link };
  });
}
