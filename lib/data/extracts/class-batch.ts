// A batch of weekly extracts: one class, or the whole school, for a past or the current week;
// by default only the pupils whose families get information on paper (no consent, a refusal,
// a paper preference, no parent able to sign in: paper.ts), optionally everyone. The plan is
// the small list of pupils; their weeks are read one by one while the PDF is being streamed.
import 'server-only';
import { toSchoolDate } from '../../domain/timezone';
import { getDb } from '../../db';
import { fullName, type Actor } from '../../auth/actor';
import { addDays } from '../../domain/calendar';
import type { WeekExtract } from '../../pdf/extract-model';
import { dbDate } from '../dates';
import { className } from '../names';
import { printableClasses, printsSchool, readerForPrinting } from './access';
import { refuse, REFUSALS, type Outcome } from './errors';
import { paperReasons } from './paper';
import { parseWeek } from './params';
import { deliversPaper, recordPrints } from './printed';
import { readPrintedExtract } from './week-extract';
import { enrolledBetween } from '../enrolled';

export type BatchPupil = { id: number; name: string; classId: number; className: string };

export type BatchPlan = {
  monday: string;
  /** '7А' or 'вся школа'. */
  scopeLabel: string;
  onlyPaper: boolean;
  pupils: BatchPupil[];
  classTeachers: Map<number, string | null>;
  reader: Actor;
  now: Date;
  /** Each pupil's previous printed extract of an earlier week (printed.ts), where there is one. */
  since: Map<number, Date>;
};

export type BatchRequest = { classId: number | null; week: string | null; all: boolean };

/**
 * The pupils whose extract of the week the class (or the school) prints, in class and name order:
 * each pupil in the class they were last in during the week. A pupil who moved class mid-week is
 * printed by the new class only, so the family gets one copy; one who left the school mid-week by
 * the class they left; one who moved after the week by the class they were in then.
 */
async function pupilsOfWeek(actor: Actor, classId: number | null, monday: string) {
  const db = getDb();
  const inWeek = enrolledBetween(dbDate(monday), dbDate(addDays(monday, 6)));
  const classes = await db.schoolClass.findMany({ where: { AND: [printableClasses(actor), classId ? { id: classId } : { enrollments: { some: inWeek } }] }, select: { id: true } });
  const printable = new Set(classes.map((c) => c.id));
  // Every class of the week of the pupils the actor may print, to tell which one was the last.
  const rows = await db.enrollment.findMany({
    where: { schoolId: actor.schoolId, ...inWeek, student: { enrollments: { some: { ...inWeek, classId: { in: [...printable] } } } } },
    orderBy: { startDate: 'asc' },
    select: {
      studentId: true,
      student: { select: { lastName: true, firstName: true, middleName: true } },
      schoolClass: { select: { id: true, gradeLevel: true, letter: true, classTeacher: { select: { lastName: true, firstName: true, middleName: true } } } },
    },
  });
  const last = new Map(rows.map((r) => [r.studentId, r]));
  return [...last.values()].filter((r) => printable.has(r.schoolClass.id)).sort(
    (a, b) =>
      a.schoolClass.gradeLevel - b.schoolClass.gradeLevel ||
      a.schoolClass.letter.localeCompare(b.schoolClass.letter, 'ru') ||
      fullName(a.student).localeCompare(fullName(b.student), 'ru') ||
      a.studentId - b.studentId,
  );
}

export async function planBatch(actor: Actor, request: BatchRequest, now = new Date()): Promise<Outcome<{ plan: BatchPlan }>> {
  const db = getDb();
  if (request.classId === null) {
    if (!printsSchool(actor)) return REFUSALS.schoolDenied;
  } else {
    const visible = await db.schoolClass.count({ where: { AND: [{ id: request.classId }, printableClasses(actor)] } });
    if (!visible) {
      const exists = await db.schoolClass.count({ where: { id: request.classId, schoolId: actor.schoolId } });
      return exists ? REFUSALS.classDenied : REFUSALS.classNotFound;
    }
  }
  const week = parseWeek(request.week, toSchoolDate(now, actor.timeZone));
  if (!week.ok) return week;

  let rows = await pupilsOfWeek(actor, request.classId, week.monday);
  if (!request.all) {
    // The week's pupils, not today's roll: one who left since is still owed that week on paper.
    const paper = await paperReasons(actor.schoolId, rows.map((r) => r.studentId));
    rows = rows.filter((r) => paper.has(r.studentId));
  }
  const first = rows[0]?.schoolClass;
  const scopeLabel = request.classId === null ? 'вся школа' : first ? className(first) : '';
  if (!rows.length) {
    return refuse(404, request.all ? 'В этом классе на выбранной неделе нет учеников' : 'Нет учеников, чьи семьи получают сведения на бумаге: выберите «весь класс», чтобы напечатать всем');
  }
  // One statement records the whole batch as printed now and finds each pupil's previous print.
  const since = await recordPrints(actor.schoolId, actor.id, rows.map((r) => r.studentId), week.monday, now, deliversPaper(actor, { batch: true }));
  return {
    ok: true,
    plan: {
      monday: week.monday,
      scopeLabel,
      onlyPaper: !request.all,
      pupils: rows.map((r) => ({ id: r.studentId, name: fullName(r.student), classId: r.schoolClass.id, className: className(r.schoolClass) })),
      classTeachers: new Map(rows.map((r) => [r.schoolClass.id, r.schoolClass.classTeacher ? fullName(r.schoolClass.classTeacher) : null])),
      reader: readerForPrinting(actor),
      now,
      since,
    },
  };
}

/**
 * The extracts of the plan in order. Reading runs a few pupils ahead of the consumer so the
 * database and the PDF renderer work at the same time, yet no more than `lookahead` weeks are
 * held at once, whatever the size of the batch.
 */
export async function* batchExtracts(plan: BatchPlan, lookahead = 4): AsyncGenerator<WeekExtract> {
  const teacher = async (classId: number | null) => (classId === null ? null : (plan.classTeachers.get(classId) ?? null));
  const load = (p: BatchPupil) => readPrintedExtract(plan.reader, p.id, plan.monday, Promise.resolve(plan.since.get(p.id) ?? null), teacher, plan.now);
  const inFlight: Promise<WeekExtract | null>[] = [];
  let next = 0;
  const refill = () => {
    while (next < plan.pupils.length && inFlight.length < lookahead) {
      const pending = load(plan.pupils[next++]);
      pending.catch(() => {}); // awaited below; this only silences an early abandon
      inFlight.push(pending);
    }
  };
  refill();
  while (inFlight.length) {
    const extract = await inFlight.shift()!;
    refill();
    if (extract) yield extract;
  }
}
