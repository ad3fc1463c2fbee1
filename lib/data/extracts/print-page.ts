// What the class's print page offers: the weeks of the school year so far, and who in the class
// gets information on paper and why (from the consents in force).
import 'server-only';
import { toSchoolDate } from '../../domain/timezone';
import { getDb } from '../../db';
import { fullName, type Actor } from '../../auth/actor';
import { addDays, lastSchoolDay, weekStart } from '../../domain/calendar';
import { formatRangeRu } from '../../domain/diary-format';
import { dbDate, isoDate } from '../dates';
import { className } from '../names';
import { notEndedBy } from '../enrolled';
import { printableClasses, printsSchool } from './access';
import { paperReasons, type PrintReason } from './paper';
import { REFUSALS, type Outcome } from './errors';

export const PAPER_REASON_LABELS: Record<PrintReason, string> = {
  NO_CONSENT: 'согласие не оформлено',
  REFUSED: 'отказ от электронной формы',
  PAPER: 'выбрана бумажная форма',
  NO_EMAIL: 'e-mail выбран, но адрес не указан',
  NO_ACCOUNT: 'у родителей нет входа в дневник',
};

export type PrintPage = {
  classId: number;
  className: string;
  weeks: { monday: string; label: string }[];
  pupils: { id: number; name: string; paperReason: string | null }[];
  canPrintSchool: boolean;
};

export async function printPage(actor: Actor, classId: number, now = new Date()): Promise<Outcome<{ page: PrintPage }>> {
  const db = getDb();
  const cls = await db.schoolClass.findFirst({
    where: { AND: [{ id: classId }, printableClasses(actor)] },
    select: { id: true, gradeLevel: true, letter: true, academicYear: { select: { startDate: true, endDate: true } }, school: { select: { schoolDaysPerWeek: true } } },
  });
  if (!cls) return (await db.schoolClass.count({ where: { id: classId, schoolId: actor.schoolId } })) ? REFUSALS.classDenied : REFUSALS.classNotFound;

  const today = toSchoolDate(now, actor.timeZone);
  const last = weekStart(today < isoDate(cls.academicYear.endDate) ? today : isoDate(cls.academicYear.endDate));
  const weeks: PrintPage['weeks'] = [];
  for (let monday = last; monday >= weekStart(isoDate(cls.academicYear.startDate)); monday = addDays(monday, -7)) {
    // To the school's last school day, as the extract's week runs (diaryWeek): Friday on a five-day week.
    weeks.push({ monday, label: formatRangeRu(monday, lastSchoolDay(monday, cls.school.schoolDaysPerWeek)) + (monday === weekStart(today) ? ' (текущая)' : '') });
  }

  const enrolled = await db.enrollment.findMany({
    where: { schoolId: actor.schoolId, classId, ...notEndedBy(dbDate(today)) },
    select: { student: { select: { id: true, lastName: true, firstName: true, middleName: true } } },
  });
  const students = [...new Map(enrolled.map((e) => [e.student.id, e.student])).values()];
  // The rule the batch prints by (class-batch.ts), for whoever may print this class.
  const reasons = await paperReasons(actor.schoolId, students.map((s) => s.id));
  const pupils = students
    .map((s) => ({ id: s.id, name: fullName(s), paperReason: reasons.has(s.id) ? PAPER_REASON_LABELS[reasons.get(s.id)!] : null }))
    .sort((a, b) => a.name.localeCompare(b.name, 'ru') || a.id - b.id);
  return { ok: true, page: { classId: cls.id, className: className(cls), weeks, pupils, canPrintSchool: printsSchool(actor) } };
}
