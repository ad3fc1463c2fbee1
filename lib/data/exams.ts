// ГИА results (ОГЭ in grade 9, ЕГЭ in grade 11, ГВЭ in either), entered by management
// ('periods:close': those who close the school's periods also finish its results) for one class
// and one exam at a time, then published: families see a published result from visibleFrom, the
// school's resultVisibilityHours after publishing (seed 001 §7: «не позже суток»), as final marks.
// A published result that is changed or removed goes back to unpublished, so a family never
// sees a value nobody published; every change and publication is audited with old and new values.
import 'server-only';
import { getDb } from '../db';
import type { Actor } from '../auth/actor';
import { writeAudit } from '../audit';
import { isIsoDate } from '../domain/calendar';
import { compareRu, EXAM_KIND_LABELS, formatInstantRu, type ExamKindName } from '../domain/diary-format';
import { CHANGED_MEANWHILE, examFitsGrade, examShown, parseExamEntry, sameAsShown, type ExamEntry, type ExamEntryErrors } from '../domain/exams';
import { finalMarkVisibleFrom } from '../domain/journal-grid';
import { toSchoolDate } from '../domain/timezone';
import { dbDate, isoDate } from './dates';
import { TX_OPTIONS } from './journal/write-context';
import { fail, MESSAGES, type Result } from './journal/result';
import { isUniqueViolation } from './db-errors';
import { enrolledOn } from './enrolled';

export const EXAM_PERMISSION = 'periods:close' as const;

export type ExamTarget = { classId: number; kind: ExamKindName; subjectId: number; date: string };
/** score/mark as typed; shownScore/shownMark as the table showed them when it was opened. */
export type ExamRowInput = { studentId: number; score: string; mark: string; shownScore: string; shownMark: string };

const canManage = (actor: Actor) => actor.permissions.has(EXAM_PERMISSION);

/** ГИА's additional period (retakes) is in September: its results belong to the year that has just ended. */
const LAST_DAY_OF_EXAMS = '09-30';

/**
 * The years whose classes' results may be entered: the current years, and until 30 September on
 * the school's clock also the year that ended on 31 August (September retakes, summer corrections).
 */
function examYears(actor: Actor, now: Date) {
  const today = toSchoolDate(now, actor.timeZone);
  const calendarYear = Number(today.slice(0, 4));
  // A year starting in S ends on 31 August S+1 and stays open for ГИА until 30 September S+1.
  const oldestStart = today.slice(5) <= LAST_DAY_OF_EXAMS ? calendarYear - 1 : calendarYear;
  return { OR: [{ academicYearId: { in: [...actor.currentYears] } }, { academicYear: { startYear: { gte: oldestStart } } }] };
}

/** The day after which an exam of the year is no longer in it: the end of the retakes in September. */
const lastExamDay = (startYear: number) => `${startYear + 1}-${LAST_DAY_OF_EXAMS}`;

/** Classes of grade 9 and 11 of the years open for ГИА (examYears), and the school's subjects: the page's choices. */
export async function examChoices(actor: Actor, now = new Date()) {
  if (!canManage(actor)) return null;
  const db = getDb();
  const [classes, subjects] = await Promise.all([
    db.schoolClass.findMany({
      where: { schoolId: actor.schoolId, ...examYears(actor, now), gradeLevel: { in: [9, 11] } },
      select: { id: true, gradeLevel: true, letter: true, academicYear: { select: { label: true } } },
      orderBy: [{ gradeLevel: 'asc' }, { letter: 'asc' }],
    }),
    db.subject.findMany({ where: { schoolId: actor.schoolId }, select: { id: true, name: true } }),
  ]);
  return {
    classes: classes.map((c) => ({ id: c.id, gradeLevel: c.gradeLevel, name: `${c.gradeLevel}${c.letter}`, year: c.academicYear.label })),
    subjects: subjects.sort((a, b) => compareRu(a.name, b.name)),
  };
}

/**
 * The class, subject and date checked against the actor's school and the exam's rules; the
 * class's pupils on the exam date. A class of another school or of a year closed for ГИА (examYears) is not found.
 */
async function examContext(actor: Actor, t: ExamTarget, now: Date): Promise<Result<{ ctx: NonNullable<Awaited<ReturnType<typeof loadContext>>> }>> {
  if (!canManage(actor)) return fail(MESSAGES.denied);
  const ctx = await loadContext(actor, t, now);
  if (!ctx) return fail('Класс или предмет не найден', 'classId');
  if (!examFitsGrade(t.kind, ctx.klass.gradeLevel)) return fail(`${EXAM_KIND_LABELS[t.kind]} не сдают в ${ctx.klass.gradeLevel} классе`, 'kind');
  if (!isIsoDate(t.date)) return fail('Укажите дату экзамена', 'date');
  // ГИА runs from late May into July, after lessons end, with retakes in September.
  const yearStart = isoDate(ctx.klass.academicYear.startDate);
  const yearEnd = lastExamDay(ctx.klass.academicYear.startYear);
  if (t.date < yearStart || t.date > yearEnd) return fail(`Дата вне учебного года ${ctx.klass.academicYear.label}`, 'date');
  if (t.date > toSchoolDate(now, ctx.klass.school.timezone)) return fail('Экзамен ещё не прошёл: результаты вносятся после него', 'date');
  return { ok: true, ctx };
}

async function loadContext(actor: Actor, t: ExamTarget, now: Date) {
  const db = getDb();
  const [klass, subject] = await Promise.all([
    db.schoolClass.findFirst({
      where: { id: t.classId, schoolId: actor.schoolId, ...examYears(actor, now) },
      select: {
        id: true, gradeLevel: true, letter: true, academicYearId: true,
        academicYear: { select: { startYear: true, label: true, startDate: true } },
        school: { select: { timezone: true, resultVisibilityHours: true } },
      },
    }),
    db.subject.findFirst({ where: { id: t.subjectId, schoolId: actor.schoolId }, select: { id: true, name: true } }),
  ]);
  return klass && subject ? { klass, subject } : null;
}

type ExamClass = { id: number; academicYear: { startYear: number } };

/**
 * The class's pupils on the exam date, by name. A September retake falls after the year's last
 * day (31 August), when pupils may already be in next year's class: they count as of that day.
 */
async function pupilsOn(actor: Actor, klass: ExamClass, date: string) {
  const yearsLastDay = `${klass.academicYear.startYear + 1}-08-31`;
  const day = dbDate(date < yearsLastDay ? date : yearsLastDay);
  const rows = await getDb().enrollment.findMany({
    where: { schoolId: actor.schoolId, classId: klass.id, ...enrolledOn(day) },
    select: { student: { select: { id: true, lastName: true, firstName: true, middleName: true } } },
  });
  const seen = new Map(rows.map((r) => [r.student.id, r.student]));
  return [...seen.values()]
    .map((s) => ({ id: s.id, name: [s.lastName, s.firstName, s.middleName].filter(Boolean).join(' ') }))
    .sort((a, b) => compareRu(a.name, b.name));
}

const examWhere = (actor: Actor, academicYearId: number, t: ExamTarget, studentIds: number[]) =>
  ({ schoolId: actor.schoolId, academicYearId, subjectId: t.subjectId, kind: t.kind, studentId: { in: studentIds } });

const snapshot = { id: true, studentId: true, examDate: true, score: true, mark: true, publishedAt: true, visibleFrom: true } as const;
type Snapshot = { id: number; studentId: number; examDate: Date; score: number | null; mark: string | null; publishedAt: Date | null; visibleFrom: Date | null };
const plain = (r: Snapshot) => ({ ...r, examDate: isoDate(r.examDate), publishedAt: r.publishedAt?.toISOString() ?? null, visibleFrom: r.visibleFrom?.toISOString() ?? null });

/** What every audit row of a result names besides its values: the class, exam and pupil. */
const examDetails = (classId: number, t: ExamTarget, studentId: number) => ({ classId, kind: t.kind, subjectId: t.subjectId, studentId });

export type ExamSheet = {
  className: string;
  subject: string;
  kind: ExamKindName;
  date: string;
  /** visibleFrom: «24.11.2026, 19:40» on the school's clock. */
  rows: { studentId: number; name: string; score: string; mark: string; published: boolean; visibleFrom: string | null; otherDate: string | null }[];
  drafts: number;
};

/** The table to fill in: the class's pupils on the date with their results of this exam, if any. */
export async function examSheet(actor: Actor, t: ExamTarget, now = new Date()): Promise<Result<{ sheet: ExamSheet }>> {
  const checked = await examContext(actor, t, now);
  if (!checked.ok) return checked;
  const { klass, subject } = checked.ctx;
  const pupils = await pupilsOn(actor, klass, t.date);
  const results = await getDb().examResult.findMany({ where: examWhere(actor, klass.academicYearId, t, pupils.map((p) => p.id)), select: snapshot });
  const byPupil = new Map(results.map((r) => [r.studentId, r]));
  return {
    ok: true,
    sheet: {
      className: `${klass.gradeLevel}${klass.letter}`, subject: subject.name, kind: t.kind, date: t.date,
      rows: pupils.map((p) => {
        const r = byPupil.get(p.id);
        return {
          studentId: p.id, name: p.name, ...examShown(r),
          published: !!r?.publishedAt, visibleFrom: r?.visibleFrom ? formatInstantRu(r.visibleFrom, klass.school.timezone) : null,
          // A pupil who sat the exam on another day (a reserve day): the date is kept unless retyped.
          otherDate: r && isoDate(r.examDate) !== t.date ? isoDate(r.examDate) : null,
        };
      }),
      drafts: results.filter((r) => !r.publishedAt).length,
    },
  };
}

/** conflicts: rows not written because someone else changed the result after the table was opened. */
type Saved = { saved: number; conflicts?: Record<number, ExamEntryErrors> };
export type SaveExamResult = Result<Saved> | { ok: false; error: string; rowErrors: Record<number, ExamEntryErrors> };

/**
 * Saves the rows the user changed: every row is checked first and nothing is written if any is
 * wrong. A row of a pupil not in the class on the exam date is refused. Only a row whose typed
 * value differs from the one the table showed is written, so a table opened earlier never puts
 * back its old values over someone else's; a changed row whose stored result is no longer the one
 * shown is refused (someone else changed it meanwhile), the others are written. A changed or
 * emptied result (empty: not sat) loses its publication.
 */
export async function saveExamResults(actor: Actor, t: ExamTarget, rows: ExamRowInput[], now = new Date()): Promise<SaveExamResult> {
  const checked = await examContext(actor, t, now);
  if (!checked.ok) return checked;
  const { klass } = checked.ctx;
  const pupils = new Set((await pupilsOn(actor, klass, t.date)).map((p) => p.id));
  if (new Set(rows.map((r) => r.studentId)).size !== rows.length) return fail('Ученик указан дважды');
  if (rows.some((r) => !pupils.has(r.studentId))) return fail('Ученик не учится в этом классе на дату экзамена');
  const rowErrors: Record<number, ExamEntryErrors> = {};
  const entries = rows.map((r) => {
    const parsed = parseExamEntry(t.kind, r.score, r.mark);
    if (!parsed.ok) rowErrors[r.studentId] = parsed.errors;
    return { studentId: r.studentId, entry: parsed.ok ? parsed.entry : null, shown: { score: r.shownScore, mark: r.shownMark } };
  });
  if (Object.keys(rowErrors).length) return { ok: false, error: 'Исправьте отмеченные результаты: ничего не сохранено', rowErrors };
  const changed = entries.filter((e) => !sameAsShown(e.entry, e.shown));

  try {
    return await writeEntries(actor, t, klass, changed);
  } catch (error) {
    // Someone else entered a first result for one of these pupils at the same moment.
    if (isUniqueViolation(error)) return fail('Результаты этого экзамена только что сохранил другой пользователь: откройте таблицу заново');
    throw error;
  }
}

type ChangedRow = { studentId: number; entry: ExamEntry | null; shown: { score: string; mark: string } };

async function writeEntries(actor: Actor, t: ExamTarget, klass: { id: number; academicYearId: number }, entries: ChangedRow[]): Promise<Result<Saved>> {
  return getDb().$transaction(async (tx) => {
    const ids = entries.map((e) => e.studentId);
    // Locks this exam's rows of these pupils: two people saving one table queue, each sees the other's value.
    const locked = ids.length
      ? await tx.$queryRaw<{ id: number }[]>`
          SELECT id FROM exam_results WHERE school_id = ${actor.schoolId} AND academic_year_id = ${klass.academicYearId}
             AND subject_id = ${t.subjectId} AND kind = ${t.kind}::"ExamKind" AND student_id = ANY(${ids}) FOR UPDATE`
      : [];
    const before = new Map((locked.length ? await tx.examResult.findMany({ where: { id: { in: locked.map((l) => l.id) } }, select: snapshot }) : []).map((r) => [r.studentId, r]));
    let saved = 0;
    const conflicts: Record<number, ExamEntryErrors> = {};
    for (const { studentId, entry, shown } of entries) {
      const old = before.get(studentId);
      // Already stored (someone else typed the same): nothing to do or refuse. Such a row keeps its
      // date too: a pupil who sat the exam on a reserve day keeps that day; a changed result takes this table's date.
      if (sameAsShown(old, examShown(entry))) continue;
      if (!sameAsShown(old, shown)) {
        conflicts[studentId] = { score: CHANGED_MEANWHILE };
        continue;
      }
      const audit = { schoolId: actor.schoolId, actorId: actor.id, entityType: 'ExamResult', details: examDetails(klass.id, t, studentId) };
      if (entry!.score === null && entry!.mark === null) {
        // Emptied: the pupil did not sit it after all (entered by mistake).
        await tx.examResult.delete({ where: { id: old!.id } });
        await writeAudit(tx, { ...audit, action: 'exam.delete', entityId: old!.id, oldValue: plain(old!), newValue: null });
        saved++;
        continue;
      }
      const data = { examDate: dbDate(t.date), score: entry!.score, mark: entry!.mark };
      const row = old
        ? await tx.examResult.update({ where: { id: old.id }, data: { ...data, publishedAt: null, visibleFrom: null }, select: snapshot })
        : await tx.examResult.create({ data: { ...data, schoolId: actor.schoolId, academicYearId: klass.academicYearId, studentId, subjectId: t.subjectId, kind: t.kind }, select: snapshot });
      await writeAudit(tx, { ...audit, action: old ? 'exam.update' : 'exam.create', entityId: row.id, oldValue: old ? plain(old) : null, newValue: plain(row) });
      saved++;
    }
    return { ok: true as const, saved, ...(Object.keys(conflicts).length ? { conflicts } : {}) };
  }, TX_OPTIONS);
}

/** Publishes this class's unpublished results of the exam; families see them after the school's delay. */
export async function publishExamResults(actor: Actor, t: ExamTarget, now = new Date()): Promise<Result<{ published: number; visibleFrom: string }>> {
  const checked = await examContext(actor, t, now);
  if (!checked.ok) return checked;
  const { klass } = checked.ctx;
  const pupils = (await pupilsOn(actor, klass, t.date)).map((p) => p.id);
  const visibleFrom = finalMarkVisibleFrom(now, klass.school.resultVisibilityHours);
  return getDb().$transaction(async (tx) => {
    const locked = pupils.length
      ? await tx.$queryRaw<{ id: number }[]>`
          SELECT id FROM exam_results WHERE school_id = ${actor.schoolId} AND academic_year_id = ${klass.academicYearId}
             AND subject_id = ${t.subjectId} AND kind = ${t.kind}::"ExamKind" AND student_id = ANY(${pupils}) AND published_at IS NULL FOR UPDATE`
      : [];
    if (!locked.length) return fail('Нет неопубликованных результатов этого экзамена');
    const drafts = await tx.examResult.findMany({ where: { id: { in: locked.map((l) => l.id) } }, select: snapshot });
    await tx.examResult.updateMany({ where: { id: { in: drafts.map((d) => d.id) }, publishedAt: null }, data: { publishedAt: now, visibleFrom } });
    await tx.auditLog.createMany({
      data: drafts.map((d) => ({
        schoolId: actor.schoolId, actorId: actor.id, action: 'exam.publish', entityType: 'ExamResult', entityId: String(d.id),
        details: examDetails(klass.id, t, d.studentId),
        oldValue: plain(d), newValue: { ...plain(d), publishedAt: now.toISOString(), visibleFrom: visibleFrom.toISOString() },
      })),
    });
    return { ok: true as const, published: drafts.length, visibleFrom: visibleFrom.toISOString() };
  }, TX_OPTIONS);
}
