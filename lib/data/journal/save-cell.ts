// Saving one journal cell: a mark (by position) or the attendance code of a pupil in a lesson.
// Two round trips: one query reads everything the save checks (save-context.ts), one statement
// writes the cell with its audit row and its idempotency key (cell-writes.ts). Optimistic
// concurrency by `version`, so a second editor gets a conflict, never a silent overwrite.
import 'server-only';
import { getDb } from '../../db';
import type { Actor } from '../../auth/actor';
import type { PrismaClient } from '../../prisma-client';
import { parseAttendanceCode } from '../../domain/attendance';
import { normalizeMarkValue } from '../../domain/grading';
import { ATTENDANCE_DB } from '../../domain/journal-grid';
import { cellSaveSchema, type CellConflict, type CellSave, type CellSaveInput, type CellSaveResult } from './cell-schema';
import { writeCell, type CellWrite } from './cell-writes';
import { currentCell } from './cell-current';
import { fail, MESSAGES } from './result';
import { isUniqueViolation } from '../db-errors';
import { saveContext, type SaveContext } from './save-context';
import { notHeldYet } from './write-context';

const storedKey = (actor: Actor, key: string) => `cell:${actor.id}:${key}`;

export async function saveCell(actor: Actor, raw: CellSaveInput, db: PrismaClient = getDb()): Promise<CellSaveResult> {
  const parsed = cellSaveSchema.safeParse(raw);
  if (!parsed.success) return fail(parsed.error.issues[0].message, String(parsed.error.issues[0].path[0] ?? 'value'));
  const input = parsed.data;
  const target = input.code !== undefined || input.clear === 'attendance' ? 'attendance' : 'mark';
  if (!actor.permissions.has(target === 'mark' ? 'marks:write' : 'attendance:write')) return fail(MESSAGES.denied);

  const key = storedKey(actor, input.idempotencyKey);
  const found = await saveContext(db, actor, input, key);
  if ('stored' in found) return found.stored;
  if (!found.ok) return found;
  const write = prepare(actor, found, input, target);
  if (!write.ok) return write;

  const storedResult = async () => (await db.idempotencyKey.findUnique({ where: { key }, select: { result: true } }))?.result as CellSaveResult | undefined;
  const conflict = async (): Promise<CellSaveResult> => ({ ok: false, conflict: await currentCell(db, target, input) });
  try {
    const outcome = await writeCell(db, actor, write, key);
    if (outcome.closed) return fail(MESSAGES.periodClosed);
    if (outcome.result) return outcome.result;
    // A retry that ran alongside its own original sees the original's write as a conflict.
    return (await storedResult()) ?? (await conflict());
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    // A retry raced its own original: the key is there now.
    return (await storedResult()) ?? (await conflict());
  }
}

/** The checks on what saveContext read: pupil, lesson held (a mistaken entry may still be cleared), value or code, work type. */
function prepare(actor: Actor, found: SaveContext, input: CellSave, target: 'mark' | 'attendance'): CellWrite | { ok: false; error: string; field?: string } {
  const { ctx } = found;
  if (!found.inCourse) return fail(MESSAGES.pupilNotInCourse, 'studentId');
  const base = { ok: true as const, ctx, input, comment: input.comment };
  if (input.clear) return { ...base, op: 'clear' };
  const early = notHeldYet(actor, ctx, target === 'mark' ? 'value' : 'code');
  if (early) return early;
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
  if (!workType && input.expectedVersion === 0) return fail('В школе не настроены формы контроля', 'workTypeId');
  return { ...base, op: 'set', value, workType, explicitWorkType: input.workTypeId !== undefined };
}

export type { CellConflict };
