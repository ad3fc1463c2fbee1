// The row changes behind a cell save, run inside its transaction. Each compares the version the
// browser saw with the row's and writes with `WHERE version = expected`, so of two concurrent
// editors exactly one wins; the other gets the current value back as a conflict.
import 'server-only';
import type { Actor } from '../../auth/actor';
import type { Prisma } from '../../prisma-client';
import { writeAudit } from '../../audit';
import { attendanceFromDb, type AttendanceDbCode } from '../../domain/journal-grid';
import { markNumericValue } from '../../domain/grading';
import type { CellSave, CellSaveResult, MarkState } from './cell-schema';
import { currentCell } from './cell-current';
import type { LessonContext } from './write-context';

type Tx = Prisma.TransactionClient;

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

const markSelect = { id: true, position: true, value: true, workTypeId: true, comment: true, version: true } as const;

function audit(tx: Tx, actor: Actor, w: CellWrite, entityType: 'Mark' | 'Attendance', action: string, entityId: number, oldValue: unknown, newValue: unknown) {
  const { lessonId, studentId, position } = w.input;
  return writeAudit(tx, {
    schoolId: actor.schoolId,
    actorId: actor.id,
    action,
    entityType,
    entityId,
    oldValue,
    newValue,
    // `cell` lets the grid show a cell's whole history, across a mark deleted and set again.
    details: { cell: `${lessonId}:${studentId}`, lessonId, studentId, courseId: w.ctx.courseId, ...(entityType === 'Mark' ? { position } : {}) },
  });
}

const conflict = async (tx: Tx, target: 'mark' | 'attendance', w: CellWrite): Promise<CellSaveResult> => ({ ok: false, conflict: await currentCell(tx, target, w.input) });

export async function writeMark(tx: Tx, actor: Actor, w: CellWrite): Promise<CellSaveResult> {
  const { lessonId, studentId, position, expectedVersion } = w.input;
  // An empty cell seen by the browser: insert straight away; if the cell is no longer empty the
  // unique key refuses the insert and the caller answers with a conflict.
  const current = w.op === 'set' && expectedVersion === 0
    ? null
    : await tx.mark.findUnique({ where: { lessonId_studentId_position: { lessonId, studentId, position } }, select: markSelect });
  const done = (mark: MarkState | null): CellSaveResult => ({ ok: true, target: 'mark', position, mark });

  if (w.op === 'clear') {
    if (!current) return expectedVersion === 0 ? done(null) : conflict(tx, 'mark', w);
    if (current.version !== expectedVersion) return conflict(tx, 'mark', w);
    const gone = await tx.mark.deleteMany({ where: { id: current.id, version: expectedVersion } });
    if (gone.count === 0) return conflict(tx, 'mark', w);
    await audit(tx, actor, w, 'Mark', 'mark.delete', current.id, current, null);
    return done(null);
  }

  const value = w.value as string;
  const numericValue = markNumericValue(w.ctx.scale.kind, value);
  if (!current) {
    if (expectedVersion !== 0) return conflict(tx, 'mark', w);
    const workTypeId = w.workType?.id;
    if (!workTypeId) return { ok: false, error: 'В школе не настроены формы контроля', field: 'workTypeId' };
    // A concurrent create of the same cell fails here on the unique key and becomes a conflict.
    const created = await tx.mark.create({
      data: {
        schoolId: actor.schoolId, courseId: w.ctx.courseId, lessonId, studentId, position, value, numericValue,
        workTypeId, comment: w.comment ?? null, createdById: actor.id, updatedById: actor.id,
      },
      select: markSelect,
    });
    await audit(tx, actor, w, 'Mark', 'mark.create', created.id, null, created);
    return done(created);
  }
  if (current.version !== expectedVersion) return conflict(tx, 'mark', w);
  const next: MarkState = {
    ...current,
    value,
    workTypeId: w.explicitWorkType && w.workType ? w.workType.id : current.workTypeId,
    comment: w.comment === undefined ? current.comment : w.comment,
    version: current.version + 1,
  };
  const changed = await tx.mark.updateMany({
    where: { id: current.id, version: expectedVersion },
    data: { value, numericValue, workTypeId: next.workTypeId, comment: next.comment, version: next.version, updatedById: actor.id },
  });
  if (changed.count === 0) return conflict(tx, 'mark', w);
  await audit(tx, actor, w, 'Mark', 'mark.update', current.id, current, next);
  return done(next);
}

export async function writeAttendance(tx: Tx, actor: Actor, w: CellWrite): Promise<CellSaveResult> {
  const { lessonId, studentId, expectedVersion } = w.input;
  const current = w.op === 'set' && expectedVersion === 0
    ? null
    : await tx.attendance.findUnique({ where: { lessonId_studentId: { lessonId, studentId } }, select: { id: true, code: true, comment: true, version: true } });
  const shown = (r: { id: number; code: AttendanceDbCode; comment: string | null; version: number }) => ({ ...r, code: attendanceFromDb(r.code) });
  const done = (attendance: ReturnType<typeof shown> | null): CellSaveResult => ({ ok: true, target: 'attendance', attendance });

  if (w.op === 'clear') {
    if (!current) return expectedVersion === 0 ? done(null) : conflict(tx, 'attendance', w);
    if (current.version !== expectedVersion) return conflict(tx, 'attendance', w);
    const gone = await tx.attendance.deleteMany({ where: { id: current.id, version: expectedVersion } });
    if (gone.count === 0) return conflict(tx, 'attendance', w);
    await audit(tx, actor, w, 'Attendance', 'attendance.delete', current.id, shown(current), null);
    return done(null);
  }

  const code = w.code as AttendanceDbCode;
  let saved;
  if (!current) {
    if (expectedVersion !== 0) return conflict(tx, 'attendance', w);
    saved = await tx.attendance.create({
      data: { schoolId: actor.schoolId, lessonId, studentId, code, comment: w.comment ?? null, createdById: actor.id, updatedById: actor.id },
      select: { id: true, code: true, comment: true, version: true },
    });
    await audit(tx, actor, w, 'Attendance', 'attendance.create', saved.id, null, shown(saved));
  } else {
    if (current.version !== expectedVersion) return conflict(tx, 'attendance', w);
    saved = { ...current, code, comment: w.comment === undefined ? current.comment : w.comment, version: current.version + 1 };
    const changed = await tx.attendance.updateMany({
      where: { id: current.id, version: expectedVersion },
      data: { code, comment: saved.comment, version: saved.version, updatedById: actor.id },
    });
    if (changed.count === 0) return conflict(tx, 'attendance', w);
    await audit(tx, actor, w, 'Attendance', 'attendance.update', current.id, shown(current), shown(saved));
  }
  // The deadline rule (seed 002 §3.4) looks at when absences were first entered for the lesson.
  await tx.lesson.updateMany({ where: { id: lessonId, attendanceEnteredAt: null }, data: { attendanceEnteredAt: new Date() } });
  return done(shown(saved));
}
