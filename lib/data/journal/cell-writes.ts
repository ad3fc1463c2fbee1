// The write behind a cell save as one SQL statement, so it needs no interactive transaction (a
// single statement is atomic) and costs one round trip: the period check under a lock, the
// version-checked change of the row, its audit row and the idempotency key, all or nothing.
// Of two concurrent editors exactly one wins; the other finds no row at its version (or, for a
// new mark, the cell already taken) and the caller answers with a conflict.
import 'server-only';
import type { Actor } from '../../auth/actor';
import { Prisma, type PrismaClient } from '../../prisma-client';
import { ATTENDANCE_DB, type AttendanceDbCode } from '../../domain/journal-grid';
import { markNumericValue } from '../../domain/grading';
import type { CellSave, CellSaveResult } from './cell-schema';
import type { LessonContext } from './write-context';

export type CellWrite = {
  ok: true;
  ctx: LessonContext;
  input: CellSave;
  op: 'set' | 'clear';
  value?: string;
  code?: AttendanceDbCode;
  workType?: { id: number } | null;
  /** Whether the teacher chose the work type (an update then changes it) or it is the lesson default. */
  explicitWorkType?: boolean;
  comment?: string | null;
};

/** The period is closed; or the save is done (`result`); or neither (`result` null): a conflict. */
export type WriteOutcome = { closed: true } | { closed: false; result: CellSaveResult | null };

// Prisma stores UTC wall time in `timestamp(3)` columns; so does this, whatever the session time zone.
const NOW = Prisma.sql`(now() AT TIME ZONE 'UTC')`;

// The snapshots in audit rows and results, in the shape lib/audit.ts wrote them (MarkState, AttendanceState).
const markJson = (t: 'o' | 'm') => Prisma.raw(
  `jsonb_build_object('id', ${t}.id, 'position', ${t}.position, 'value', ${t}.value, 'workTypeId', ${t}.work_type_id, 'comment', ${t}.comment, 'version', ${t}.version)`,
);
const CODES = JSON.stringify(Object.fromEntries(Object.entries(ATTENDANCE_DB).map(([shown, db]) => [db, shown])));
const attendanceJson = (t: 'o' | 'a') => Prisma.sql`jsonb_build_object('id', ${Prisma.raw(t)}.id, 'code', ${CODES}::jsonb ->> ${Prisma.raw(t)}.code::text,
  'comment', ${Prisma.raw(t)}.comment, 'version', ${Prisma.raw(t)}.version)`;

/**
 * Runs the save. Each variant below defines `done (id, action, old_value, new_value)`: the row
 * changed, or one row with a null id for a save that changes nothing (clearing an empty cell),
 * or no row for a conflict. Every change is gated on `open`.
 */
export async function writeCell(db: PrismaClient, actor: Actor, w: CellWrite, key: string): Promise<WriteOutcome> {
  const { ctx, input } = w;
  const isMark = input.code === undefined && input.clear !== 'attendance';
  const details = JSON.stringify({
    // `cell` lets the grid show a cell's whole history, across a mark deleted and set again.
    cell: `${input.lessonId}:${input.studentId}`, lessonId: input.lessonId, studentId: input.studentId, courseId: ctx.courseId,
    ...(isMark ? { position: input.position } : {}),
  });
  const result = isMark
    ? Prisma.sql`jsonb_build_object('ok', true, 'target', 'mark', 'position', ${input.position}::int, 'mark', d.new_value)`
    : Prisma.sql`jsonb_build_object('ok', true, 'target', 'attendance', 'attendance', d.new_value)`;
  const rows = await db.$queryRaw<{ open: boolean; result: CellSaveResult | null }[]>`
    WITH period AS (
      -- FOR SHARE: a concurrent close (an UPDATE of the period row) waits for this write to commit,
      -- and this write waits for a close in progress, so no write slips into a period being closed.
      SELECT status FROM study_periods
       WHERE school_id = ${ctx.schoolId}::int AND start_date <= ${ctx.isoDate}::date AND end_date >= ${ctx.isoDate}::date
         AND (${ctx.schemeId}::int IS NULL OR scheme_id IS NULL OR scheme_id = ${ctx.schemeId}::int)
       FOR SHARE
    ), open AS (SELECT NOT EXISTS (SELECT 1 FROM period WHERE status = 'CLOSED') AS ok),
    ${isMark ? markChange(actor, w) : attendanceChange(actor, w)},
    -- A missing snapshot (before a create, after a delete) is JSON null, as lib/audit.ts writes it.
    audited AS (
      INSERT INTO audit_log (school_id, actor_id, action, entity_type, entity_id, old_value, new_value, details, created_at)
      SELECT ${actor.schoolId}::int, ${actor.id}::int, d.action, ${isMark ? 'Mark' : 'Attendance'}::text, d.id::text,
             COALESCE(d.old_value, 'null'::jsonb), COALESCE(d.new_value, 'null'::jsonb), ${details}::jsonb, ${NOW}
        FROM done d WHERE d.id IS NOT NULL
    ), outcome AS (SELECT ${result} AS result FROM done d),
    -- Stored with the write, in the same statement: the key exists if and only if the write does.
    kept AS (
      INSERT INTO idempotency_keys (key, school_id, user_id, result, created_at)
      SELECT ${key}::text, ${actor.schoolId}::int, ${actor.id}::int, result, ${NOW} FROM outcome
    )
    SELECT (SELECT ok FROM open) AS open, (SELECT result FROM outcome) AS result`;
  const [row] = rows;
  return row.open ? { closed: false, result: row.result } : { closed: true };
}

function markChange(actor: Actor, w: CellWrite): Prisma.Sql {
  const { lessonId, studentId, position, expectedVersion } = w.input;
  const cell = Prisma.sql`lesson_id = ${lessonId}::int AND student_id = ${studentId}::int AND position = ${position}::int`;
  if (w.op === 'clear' && expectedVersion === 0) return nothingToClear(Prisma.sql`SELECT 1 FROM marks WHERE ${cell}`);
  if (w.op === 'set' && expectedVersion === 0) {
    // An empty cell seen by the browser: insert; if the cell is no longer empty, nothing is inserted (a conflict).
    const numericValue = markNumericValue(w.ctx.scale.kind, w.value as string);
    return Prisma.sql`done AS (
      INSERT INTO marks AS m (school_id, student_id, course_id, lesson_id, position, work_type_id, value, numeric_value, comment,
                              created_by_id, updated_by_id, created_at, updated_at)
      SELECT ${actor.schoolId}::int, ${studentId}::int, ${w.ctx.courseId}::int, ${lessonId}::int, ${position}::int, ${w.workType?.id ?? null}::int,
             ${w.value}::text, ${numericValue}::float8, ${w.comment ?? null}::text, ${actor.id}::int, ${actor.id}::int, ${NOW}, ${NOW}
       WHERE (SELECT ok FROM open)
      ON CONFLICT (lesson_id, student_id, position) DO NOTHING
      RETURNING m.id, 'mark.create'::text AS action, NULL::jsonb AS old_value, ${markJson('m')} AS new_value)`;
  }
  // The row locked and read as it was (for the audit row), then changed only at the version the browser saw.
  const old = Prisma.sql`old AS (
      SELECT id, position, value, work_type_id, comment, version FROM marks WHERE ${cell} AND (SELECT ok FROM open) FOR UPDATE)`;
  if (w.op === 'clear') {
    return Prisma.sql`${old}, done AS (
      DELETE FROM marks m USING old o WHERE m.id = o.id AND o.version = ${expectedVersion}::int
      RETURNING m.id, 'mark.delete'::text AS action, ${markJson('o')} AS old_value, NULL::jsonb AS new_value)`;
  }
  // Without a named work type an update keeps the mark's own; without a comment, its comment.
  const workTypeId = w.explicitWorkType && w.workType ? w.workType.id : null;
  return Prisma.sql`${old}, done AS (
      UPDATE marks m SET value = ${w.value}::text, numeric_value = ${markNumericValue(w.ctx.scale.kind, w.value as string)}::float8,
             work_type_id = COALESCE(${workTypeId}::int, o.work_type_id),
             comment = CASE WHEN ${w.comment === undefined}::boolean THEN o.comment ELSE ${w.comment ?? null}::text END,
             version = o.version + 1, updated_by_id = ${actor.id}::int, updated_at = ${NOW}
        FROM old o WHERE m.id = o.id AND o.version = ${expectedVersion}::int
      RETURNING m.id, 'mark.update'::text AS action, ${markJson('o')} AS old_value, ${markJson('m')} AS new_value)`;
}

function attendanceChange(actor: Actor, w: CellWrite): Prisma.Sql {
  const { lessonId, studentId, expectedVersion } = w.input;
  const cell = Prisma.sql`lesson_id = ${lessonId}::int AND student_id = ${studentId}::int`;
  if (w.op === 'clear' && expectedVersion === 0) return nothingToClear(Prisma.sql`SELECT 1 FROM attendance WHERE ${cell}`);
  // The deadline rule (seed 002 §3.4) looks at when absences were first entered for the lesson.
  const entered = Prisma.sql`entered AS (
      UPDATE lessons SET attendance_entered_at = ${NOW}, updated_at = ${NOW}
       WHERE id = ${lessonId}::int AND attendance_entered_at IS NULL AND EXISTS (SELECT 1 FROM done))`;
  if (w.op === 'set' && expectedVersion === 0) {
    return Prisma.sql`done AS (
      INSERT INTO attendance AS a (school_id, student_id, lesson_id, code, comment, created_by_id, updated_by_id, created_at, updated_at)
      SELECT ${actor.schoolId}::int, ${studentId}::int, ${lessonId}::int, ${w.code}::"AttendanceCode", ${w.comment ?? null}::text,
             ${actor.id}::int, ${actor.id}::int, ${NOW}, ${NOW}
       WHERE (SELECT ok FROM open)
      ON CONFLICT (lesson_id, student_id) DO NOTHING
      RETURNING a.id, 'attendance.create'::text AS action, NULL::jsonb AS old_value, ${attendanceJson('a')} AS new_value), ${entered}`;
  }
  const old = Prisma.sql`old AS (
      SELECT id, code, comment, version FROM attendance WHERE ${cell} AND (SELECT ok FROM open) FOR UPDATE)`;
  if (w.op === 'clear') {
    return Prisma.sql`${old}, done AS (
      DELETE FROM attendance a USING old o WHERE a.id = o.id AND o.version = ${expectedVersion}::int
      RETURNING a.id, 'attendance.delete'::text AS action, ${attendanceJson('o')} AS old_value, NULL::jsonb AS new_value)`;
  }
  return Prisma.sql`${old}, done AS (
      UPDATE attendance a SET code = ${w.code}::"AttendanceCode",
             comment = CASE WHEN ${w.comment === undefined}::boolean THEN o.comment ELSE ${w.comment ?? null}::text END,
             version = o.version + 1, updated_by_id = ${actor.id}::int, updated_at = ${NOW}
        FROM old o WHERE a.id = o.id AND o.version = ${expectedVersion}::int
      RETURNING a.id, 'attendance.update'::text AS action, ${attendanceJson('o')} AS old_value, ${attendanceJson('a')} AS new_value), ${entered}`;
}

/** Clearing a cell the browser saw empty: done, without a change, if it is still empty; otherwise a conflict. */
const nothingToClear = (row: Prisma.Sql) => Prisma.sql`done AS (
      SELECT NULL::int AS id, NULL::text AS action, NULL::jsonb AS old_value, NULL::jsonb AS new_value
       WHERE (SELECT ok FROM open) AND NOT EXISTS (${row}))`;
