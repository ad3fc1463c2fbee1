// The filled cells of the journal grid and their compact form for the browser. A quarter has
// ~1,000 filled cells; sent as objects keyed "studentId:lessonId" with long field names and
// nulls, they made most of the page's payload. Packed, a mark is a short array addressed by
// the row and column it occupies, and empty cells are not sent at all.

export type CellMark = { position: number; value: string; workTypeId: number; comment: string | null; version: number };
export type CellAttendance = { code: string; comment: string | null; version: number };
export type CellState = { marks: CellMark[]; attendance: CellAttendance | null };

/** One mark: row and col index the grid's pupils and lessons; the comment only when there is one. */
export type PackedMark = [row: number, col: number, position: number, value: string, workTypeId: number, version: number, comment?: string];
/** One attendance record, addressed like a mark. */
export type PackedAttendance = [row: number, col: number, code: string, version: number, comment?: string];
export type PackedCells = { marks: PackedMark[]; attendance: PackedAttendance[] };

export const cellKey = (studentId: number, lessonId: number) => `${studentId}:${lessonId}`;

/** Cells of pupils and lessons outside the given lists are left out: the grid has no place for them. */
export function packCells(cells: Record<string, CellState>, pupilIds: readonly number[], lessonIds: readonly number[]): PackedCells {
  const packed: PackedCells = { marks: [], attendance: [] };
  pupilIds.forEach((studentId, row) => {
    lessonIds.forEach((lessonId, col) => {
      const cell = cells[cellKey(studentId, lessonId)];
      if (!cell) return;
      for (const m of cell.marks) {
        const mark: PackedMark = [row, col, m.position, m.value, m.workTypeId, m.version];
        if (m.comment) mark.push(m.comment);
        packed.marks.push(mark);
      }
      const a = cell.attendance;
      if (a) packed.attendance.push(a.comment ? [row, col, a.code, a.version, a.comment] : [row, col, a.code, a.version]);
    });
  });
  return packed;
}

/** The cells keyed "studentId:lessonId" again, marks in position order, as the grid edits them. */
export function unpackCells(packed: PackedCells, pupilIds: readonly number[], lessonIds: readonly number[]): Record<string, CellState> {
  const cells: Record<string, CellState> = {};
  const cellAt = (row: number, col: number) => (cells[cellKey(pupilIds[row], lessonIds[col])] ??= { marks: [], attendance: null });
  for (const [row, col, position, value, workTypeId, version, comment] of packed.marks) {
    cellAt(row, col).marks.push({ position, value, workTypeId, comment: comment ?? null, version });
  }
  for (const [row, col, code, version, comment] of packed.attendance) cellAt(row, col).attendance = { code, comment: comment ?? null, version };
  for (const cell of Object.values(cells)) cell.marks.sort((a, b) => a.position - b.position);
  return cells;
}
