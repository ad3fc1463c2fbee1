// A batch of weekly extracts: one class, or the whole school, for a past or the current week;
// by default only the pupils whose families get information on paper (no consent, a refusal
// or a paper preference: lib/data/consents.ts deliveryLists), optionally everyone. The plan is
// the small list of pupils; their weeks are read one by one while the PDF is being streamed.
import 'server-only';
import { getDb } from '../../db';
import { fullName, type Actor } from '../../auth/actor';
import { addDays } from '../../domain/calendar';
import type { WeekExtract } from '../../pdf/extract-model';
import { deliveryLists } from '../consents';
import { dbDate } from '../dates';
import { className } from '../names';
import { printableClasses, printsSchool, readerForPrinting } from './access';
import { refuse, REFUSALS, type Outcome } from './errors';
import { parseWeek } from './params';
import { readExtract, schoolToday } from './week-extract';

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
};

export type BatchRequest = { classId: number | null; week: string | null; all: boolean };

/** Pupils in the class (or school) at some time in the week, in class and name order. */
async function pupilsOfWeek(actor: Actor, classId: number | null, monday: string) {
  const rows = await getDb().enrollment.findMany({
    where: {
      schoolId: actor.schoolId,
      startDate: { lte: dbDate(addDays(monday, 6)) },
      OR: [{ endDate: null }, { endDate: { gte: dbDate(monday) } }],
      schoolClass: { AND: [printableClasses(actor), classId ? { id: classId } : {}] },
    },
    orderBy: { startDate: 'asc' },
    select: {
      studentId: true,
      student: { select: { lastName: true, firstName: true, middleName: true } },
      schoolClass: { select: { id: true, gradeLevel: true, letter: true, classTeacher: { select: { lastName: true, firstName: true, middleName: true } } } },
    },
  });
  // A pupil moved mid-week appears under the later class only.
  const byPupil = new Map(rows.map((r) => [r.studentId, r]));
  return [...byPupil.values()].sort(
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
  const week = parseWeek(request.week, await schoolToday(actor.schoolId, now));
  if (!week.ok) return week;

  let rows = await pupilsOfWeek(actor, request.classId, week.monday);
  if (!request.all) {
    const lists = await deliveryLists(actor, request.classId ? { classId: request.classId } : {}, now);
    if (!lists) return REFUSALS.classDenied;
    const paper = new Set(lists.paper.map((p) => p.studentId));
    rows = rows.filter((r) => paper.has(r.studentId));
  }
  const first = rows[0]?.schoolClass;
  const scopeLabel = request.classId === null ? 'вся школа' : first ? className(first) : '';
  if (!rows.length) {
    return refuse(404, request.all ? 'В этом классе на выбранной неделе нет учеников' : 'Нет учеников, чьи семьи получают сведения на бумаге: выберите «весь класс», чтобы напечатать всем');
  }
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
  const load = (p: BatchPupil) => readExtract(plan.reader, p.id, plan.monday, teacher, plan.now);
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
