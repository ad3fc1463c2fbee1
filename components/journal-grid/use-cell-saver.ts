'use client';
// The grid's saving machinery as React state: CellSaveQueue (cell-save-queue.ts) does the work,
// this hook re-renders the grid whenever the cells or their statuses change.
import { useEffect, useRef, useState } from 'react';
import type { GridCell, SaveCellAction } from './types';
import { CellSaveQueue, keyOf, type SaverState } from './cell-save-queue';

function commands(q: CellSaveQueue) {
  // Bound once, so the grid's handlers keep one identity across renders.
  return { change: q.change.bind(q), retry: q.retry.bind(q), refuse: q.refuse.bind(q), dispose: q.dispose.bind(q) };
}

export function useCellSaver(initial: Record<string, GridCell>, saveCell: SaveCellAction) {
  const [state, setState] = useState<SaverState>({ cells: initial, status: {} });
  const saver = useRef<ReturnType<typeof commands> | null>(null);
  saver.current ??= commands(new CellSaveQueue(initial, saveCell, setState));
  useEffect(() => () => saver.current?.dispose(), []);
  const { change, retry, refuse } = saver.current;
  return { cells: state.cells, status: state.status, change, retry, refuse, keyOf };
}
