'use client';
// The grid's saving machinery: the cells as last confirmed by the server, a status per cell, and
// one queue per cell so that two quick edits of a cell go out in order, the second with the
// version the first produced. Nothing typed is dropped: a failed save keeps the typed value and
// its request, and Enter sends the very same request again (same idempotency key).
import { useCallback, useRef, useState } from 'react';
import type { CellSaveInput, CellSaveResult, CellStatus, GridCell, Intent, SaveCellAction } from './types';
import { newKey } from './types';

const EMPTY: GridCell = { marks: [], attendance: null };
const keyOf = (studentId: number, lessonId: number) => `${studentId}:${lessonId}`;

function payload(cell: GridCell, intent: Intent, lessonId: number, studentId: number): CellSaveInput {
  const base = { idempotencyKey: newKey(), lessonId, studentId };
  if (intent.kind === 'attendance') return { ...base, code: intent.code, comment: intent.comment, expectedVersion: cell.attendance?.version ?? 0 };
  if (intent.kind === 'clear') {
    const version = intent.target === 'attendance' ? cell.attendance?.version : cell.marks.find((m) => m.position === intent.position)?.version;
    return { ...base, position: intent.position, clear: intent.target, expectedVersion: version ?? 0 };
  }
  const current = cell.marks.find((m) => m.position === intent.position);
  return { ...base, position: intent.position, value: intent.value, workTypeId: intent.workTypeId, comment: intent.comment, expectedVersion: current?.version ?? 0 };
}

/** The cell after a confirmed save or a conflict (which tells the current value and version). */
function applyResult(cell: GridCell, sent: CellSaveInput, r: CellSaveResult): GridCell {
  const position = sent.position ?? 0;
  if (r.ok) {
    if (r.target === 'attendance') return { ...cell, attendance: r.attendance };
    const others = cell.marks.filter((m) => m.position !== position);
    return { ...cell, marks: r.mark ? [...others, r.mark].sort((a, b) => a.position - b.position) : others };
  }
  if (!('conflict' in r)) return cell;
  const c = r.conflict;
  if (c.target === 'attendance') return { ...cell, attendance: c.value === null ? null : { code: c.value, comment: cell.attendance?.comment ?? null, version: c.version } };
  const others = cell.marks.filter((m) => m.position !== position);
  const prev = cell.marks.find((m) => m.position === position);
  if (c.value === null) return { ...cell, marks: others };
  const mark = { position, value: c.value, workTypeId: prev?.workTypeId ?? 0, comment: prev?.comment ?? null, version: c.version };
  return { ...cell, marks: [...others, mark].sort((a, b) => a.position - b.position) };
}

export function useCellSaver(initial: Record<string, GridCell>, saveCell: SaveCellAction) {
  const [cells, setCells] = useState(initial);
  const [status, setStatus] = useState<Record<string, CellStatus>>({});
  const cellsRef = useRef(cells);
  const queues = useRef(new Map<string, Promise<void>>());

  const put = useCallback((key: string, s: CellStatus | null) => {
    setStatus((prev) => {
      const next = { ...prev };
      if (s) next[key] = s;
      else delete next[key];
      return next;
    });
  }, []);

  const send = useCallback(async (key: string, input: CellSaveInput, typed: string) => {
    put(key, { state: 'saving', typed, retry: input });
    let r: CellSaveResult;
    try {
      r = await saveCell(input);
    } catch {
      r = { ok: false, error: 'Нет связи с сервером. Значение не сохранено — нажмите Enter, чтобы повторить.' };
    }
    const cell = applyResult(cellsRef.current[key] ?? EMPTY, input, r);
    cellsRef.current = { ...cellsRef.current, [key]: cell };
    setCells(cellsRef.current);
    if (r.ok) {
      put(key, { state: 'saved' });
      setTimeout(() => setStatus((prev) => (prev[key]?.state === 'saved' ? (({ [key]: _gone, ...rest }) => rest)(prev) : prev)), 1500);
    } else if ('conflict' in r) {
      const c = r.conflict;
      const now = c.value === null ? 'ячейка очищена' : `сейчас «${c.value}»`;
      put(key, {
        state: 'conflict',
        typed,
        message: `Ячейку уже изменил${c.updatedBy ? ` ${c.updatedBy}` : 'и'}: ${now}. Ваше «${typed}» не записано — Enter запишет его поверх.`,
        retry: { ...input, idempotencyKey: newKey(), expectedVersion: c.version },
      });
    } else {
      put(key, { state: 'error', typed, message: r.error, retry: input });
    }
  }, [put, saveCell]);

  /** Queues a change of one cell; `typed` is what the cell shows until the server answers. */
  const change = useCallback((studentId: number, lessonId: number, intent: Intent, typed: string) => {
    const key = keyOf(studentId, lessonId);
    put(key, { state: 'saving', typed });
    const job = () => send(key, payload(cellsRef.current[key] ?? EMPTY, intent, lessonId, studentId), typed);
    const next = (queues.current.get(key) ?? Promise.resolve()).then(job, job);
    queues.current.set(key, next);
    return next;
  }, [put, send]);

  /** Sends a failed or conflicting save again. */
  const retry = useCallback((studentId: number, lessonId: number) => {
    const key = keyOf(studentId, lessonId);
    const s = status[key];
    if (!s?.retry) return false;
    const input = s.retry;
    const job = () => send(key, input, s.typed ?? '');
    queues.current.set(key, (queues.current.get(key) ?? Promise.resolve()).then(job, job));
    return true;
  }, [send, status]);

  /** Shows a typed value that is not a mark or a code, without sending anything. */
  const refuse = useCallback((studentId: number, lessonId: number, typed: string, message: string) => {
    put(keyOf(studentId, lessonId), { state: 'error', typed, message });
  }, [put]);

  return { cells, status, change, retry, refuse, keyOf };
}
