// Saving one journal cell: a mark (by position) or the attendance code of a pupil in a lesson.
// Validated, scoped and executed in one transaction with its audit row and its idempotency key;
// optimistic concurrency by `version`, so a second editor gets a conflict, never a silent overwrite.
import 'server-only';
import { getDb } from '../../db';
import type { Actor } from '../../auth/actor';
import type { PrismaClient } from '../../prisma-client';
import { parseAttendanceCode } from '../../domain/attendance';
import { normalizeMarkValue } from '../../domain/grading';
import { ATTENDANCE_DB } from '../../domain/journal-grid';
import { cellSaveSchema, type CellConflict, type CellSave, type CellSaveInput, type CellSaveResult } from './cell-schema';
import { writeAttendance, writeMark, type CellWrite } from './cell-writes';
import { currentCell } from './cell-current';
import { fail, isUniqueViolation, MESSAGES } from './result';
import { periodOpen } from './write-context';
import { saveContext } from './save-context';

/** Quarter end: a whole school saving at once queues for connections rather than failing. */
export const TX_OPTIONS = { maxWait: 60_000, timeout: 20_000 } as const;

const storedKey = (actor: Actor, key: string) => `cell:${actor.id}:${key}`;

export async function saveCell(actor: Actor, raw: CellSaveInput, db: PrismaClient = getDb()): Promise<CellSaveResult> {
  const parsed = cellSaveSchema.safeParse(raw);
  if (!parsed.success) return fail(parsed.error.issues[0].message, String(parsed.error.issues[0].path[0] ?? 'value'));
  const input = parsed.data;
  const target = input.code !== undefined || input.clear === 'attendance' ? 'attendance' : 'mark';
  if (!actor.permissions.has(target === 'mark' ? 'marks:write' : 'attendance:write')) return fail(MESSAGES.denied);

  const key = storedKey(actor, input.idempotencyKey);
  const storedResult = async () => (await db.idempotencyKey.findUnique({ where: { key }, select: { result: true } }))?.result as CellSaveResult | undefined;
  // The retry check and the validation reads go out together: one round trip before the transaction.
  const [stored, write] = await Promise.all([storedResult(), prepare(db, actor, input, target)]);
  if (stored) return stored;
  if (!write.ok) return write;

  try {
    const result = await db.$transaction(async (tx) => {
      const closed = await periodOpen(tx, write.ctx);
      if (closed) return closed;
      const result = target === 'mark' ? await writeMark(tx, actor, write) : await writeAttendance(tx, actor, write);
      // Stored with the write, in the same transaction: the key exists if and only if the write does.
      if (result.ok) await tx.idempotencyKey.create({ data: { key, schoolId: actor.schoolId, userId: actor.id, result } });
      return result;
    }, TX_OPTIONS);
    // A retry that ran alongside its own original sees the original's write as a conflict.
    if (!result.ok && 'conflict' in result) return (await storedResult()) ?? result;
    return result;
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    // Either a retry raced its own original (the key is there now), or a create lost to another create.
    return (await storedResult()) ?? { ok: false, conflict: await currentCell(db, target, input) };
  }
}

/** Validation that needs the database but not the transaction: lesson, pupil, value, work type. */
async function prepare(db: PrismaClient, actor: Actor, input: CellSave, target: 'mark' | 'attendance'): Promise<CellWrite | { ok: false; error: string; field?: string }> {
  const found = await saveContext(db, actor, input.lessonId, input.studentId, input.workTypeId);
  if (!found.ok) return found;
  const { ctx } = found;
  if (!found.inCourse) return fail(MESSAGES.pupilNotInCourse, 'studentId');
  const base = { ok: true as const, ctx, input, comment: input.comment };
  if (input.clear) return { ...base, op: 'clear' };
  if (target === 'attendance') {
    const code = parseAttendanceCode(input.code ?? '');
    if (!code) return fail(MESSAGES.badCode, 'code');
    return { ...base, op: 'set', code: ATTENDANCE_DB[code] };
  }
  const value = normalizeMarkValue(ctx.scale.kind, input.value ?? '');
  if (value === null || !ctx.scale.values.includes(value)) return fail(MESSAGES.notOnScale(ctx.scale.values), 'value');
  if (input.workTypeId !== undefined && found.workTypeId === null) return fail(MESSAGES.badWorkType, 'workTypeId');
  // A new mark takes the named work type or the lesson's default; an update without a named one keeps its own.
  const workType = found.workTypeId === null ? null : { id: found.workTypeId };
  return { ...base, op: 'set', value, workType, explicitWorkType: input.workTypeId !== undefined };
}

export type { CellConflict };
