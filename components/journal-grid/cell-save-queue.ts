// The grid's saving machinery without React: the cells as last confirmed by the server, a status
// per cell, and one queue per cell so that two quick edits of a cell go out in order, the second
// with the version the first produced. Nothing typed is dropped: a failed save keeps the typed
// value and its request, and Enter sends the very same request again (same idempotency key).
//
// Two rules keep a colleague's edit from being lost silently:
// - an edit queued while an earlier save of the same cell was in flight is not sent if that save
//   met a conflict: it would go out with the colleague's version and replace their value unseen.
//   It becomes a conflict too, and Enter writes it over knowingly;
// - a cell shows one status, and a later success of another part of the cell (the mark after the
//   attendance) never hides an earlier failure: that failure keeps its message and its retry.
import type { CellSaveInput, CellSaveResult, CellStatus, GridCell, Intent, SaveCellAction } from './types';
import { newKey } from './types';

const EMPTY: GridCell = { marks: [], attendance: null };
export const keyOf = (studentId: number, lessonId: number) => `${studentId}:${lessonId}`;

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

const isAttendance = (input: CellSaveInput) => input.code !== undefined || input.clear === 'attendance';

/** Whether two saves concern the same part of a cell: its attendance, or the same mark. */
function sameTarget(a: CellSaveInput, b: CellSaveInput): boolean {
  return isAttendance(a) ? isAttendance(b) : !isAttendance(b) && (a.position ?? 0) === (b.position ?? 0);
}

/** What the part of the cell a save concerns holds now, for the conflict message. */
function currentText(cell: GridCell, input: CellSaveInput): string | null {
  if (isAttendance(input)) return cell.attendance?.code ?? null;
  return cell.marks.find((m) => m.position === (input.position ?? 0))?.value ?? null;
}

function conflictStatus(typed: string, value: string | null, updatedBy: string | null, retry: CellSaveInput): CellStatus {
  const now = value === null ? 'ячейка очищена' : `сейчас «${value}»`;
  return {
    state: 'conflict',
    typed,
    message: `Ячейку уже изменил${updatedBy ? ` ${updatedBy}` : 'и'}: ${now}. Ваше «${typed}» не записано — Enter запишет его поверх.`,
    retry,
  };
}

export type SaverState = { cells: Record<string, GridCell>; status: Record<string, CellStatus> };

export class CellSaveQueue {
  private cells: Record<string, GridCell>;
  private status: Record<string, CellStatus> = {};
  private readonly queues = new Map<string, Promise<void>>();
  /** Conflicts met per cell so far, and who made the latest: an edit queued before one is stale. */
  private readonly conflicts = new Map<string, { count: number; updatedBy: string | null }>();
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();

  constructor(
    initial: Record<string, GridCell>,
    private readonly saveCell: SaveCellAction,
    private readonly onChange: (state: SaverState) => void,
    private readonly savedShownMs = 1500,
  ) {
    this.cells = initial;
  }

  state(): SaverState {
    return { cells: this.cells, status: this.status };
  }

  private emit() {
    this.onChange(this.state());
  }

  /** Sets a cell's status, unless it would hide a failure of another part of the cell. */
  private put(key: string, s: CellStatus | null, concerning?: CellSaveInput) {
    const prev = this.status[key];
    const failed = prev && (prev.state === 'error' || prev.state === 'conflict') && prev.retry;
    if (failed && concerning && !sameTarget(prev.retry!, concerning) && s?.state !== 'error' && s?.state !== 'conflict') return;
    const next = { ...this.status };
    if (s) next[key] = s;
    else delete next[key];
    this.status = next;
    this.emit();
  }

  private async send(key: string, input: CellSaveInput, typed: string) {
    this.put(key, { state: 'saving', typed, retry: input }, input);
    let r: CellSaveResult;
    try {
      r = await this.saveCell(input);
    } catch {
      r = { ok: false, error: 'Нет связи с сервером. Значение не сохранено — нажмите Enter, чтобы повторить.' };
    }
    this.cells = { ...this.cells, [key]: applyResult(this.cells[key] ?? EMPTY, input, r) };
    if (r.ok) {
      this.put(key, { state: 'saved' }, input);
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        if (this.status[key]?.state === 'saved') this.put(key, null);
      }, this.savedShownMs);
      this.timers.add(timer);
    } else if ('conflict' in r) {
      const seen = this.conflicts.get(key)?.count ?? 0;
      this.conflicts.set(key, { count: seen + 1, updatedBy: r.conflict.updatedBy ?? null });
      this.put(key, conflictStatus(typed, r.conflict.value, r.conflict.updatedBy ?? null, { ...input, idempotencyKey: newKey(), expectedVersion: r.conflict.version }));
    } else {
      this.put(key, { state: 'error', typed, message: r.error, retry: input });
    }
  }

  private enqueue(key: string, job: () => Promise<void>): Promise<void> {
    const next = (this.queues.get(key) ?? Promise.resolve()).then(job, job);
    this.queues.set(key, next);
    return next;
  }

  /** Queues a change of one cell; `typed` is what the cell shows until the server answers. */
  change(studentId: number, lessonId: number, intent: Intent, typed: string): Promise<void> {
    const key = keyOf(studentId, lessonId);
    const conflictsBefore = this.conflicts.get(key)?.count ?? 0;
    this.put(key, { state: 'saving', typed }, payload(this.cells[key] ?? EMPTY, intent, lessonId, studentId));
    return this.enqueue(key, async () => {
      const input = payload(this.cells[key] ?? EMPTY, intent, lessonId, studentId);
      const after = this.conflicts.get(key);
      if (after && after.count !== conflictsBefore) {
        // Typed before the teacher learnt of a colleague's edit: theirs now, not sent unseen.
        this.put(key, conflictStatus(typed, currentText(this.cells[key] ?? EMPTY, input), after.updatedBy, input));
        return;
      }
      await this.send(key, input, typed);
    });
  }

  /** Sends a failed or conflicting save again. */
  retry(studentId: number, lessonId: number): boolean {
    const key = keyOf(studentId, lessonId);
    const s = this.status[key];
    if (!s?.retry) return false;
    const input = s.retry;
    void this.enqueue(key, () => this.send(key, input, s.typed ?? ''));
    return true;
  }

  /** Shows a typed value that is not a mark or a code, without sending anything. */
  refuse(studentId: number, lessonId: number, typed: string, message: string) {
    this.put(keyOf(studentId, lessonId), { state: 'error', typed, message });
  }

  /** Settles every queued save (for tests) . */
  async idle(): Promise<void> {
    await Promise.all([...this.queues.values()]);
  }

  dispose() {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }
}
