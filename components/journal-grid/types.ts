// What the grid component receives from the server page and the actions it may call.
import type { CellSaveInput, CellSaveResult } from '@/lib/data/journal/cell-schema';
import type { HistoryEntry } from '@/lib/data/journal/history';
import type { GridLessonProps, GridPupilProps, JournalGridProps } from '@/lib/data/journal/grid-props';
import type { CellMark, CellState } from '@/lib/domain/journal-grid-cells';

export type { CellSaveInput, CellSaveResult, GridLessonProps, GridPupilProps, HistoryEntry, JournalGridProps };
/** A cell as the grid edits it (unpacked from the page's props). */
export type GridCell = CellState;
export type GridMark = CellMark;

export type SaveCellAction = (input: CellSaveInput) => Promise<CellSaveResult>;
export type HistoryAction = (lessonId: number, studentId: number) => Promise<HistoryEntry[] | { error: string }>;

export type GridProps = {
  grid: JournalGridProps;
  saveCell: SaveCellAction;
  loadHistory: HistoryAction;
};

/** A change the teacher asked for; turned into a save (with the version then known) when its turn comes. */
export type Intent =
  | { kind: 'mark'; position: number; value: string; workTypeId?: number; comment?: string | null }
  | { kind: 'attendance'; code: string; comment?: string | null }
  | { kind: 'clear'; target: 'mark' | 'attendance'; position: number };

export type CellStatus = {
  state: 'saving' | 'saved' | 'error' | 'conflict';
  /** What the teacher typed, shown in the cell until it is saved. */
  typed?: string;
  message?: string;
  /** The save to send again on Enter: the same idempotency key after an error, a fresh one after a conflict. */
  retry?: CellSaveInput;
};

/** A random request key; crypto.randomUUID needs a secure context, getRandomValues does not. */
export function newKey(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
