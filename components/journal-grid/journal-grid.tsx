'use client';
// The journal grid, keyboard-first like a spreadsheet: arrows and Tab move, digits type a mark,
// letters an attendance code (Latin look-alikes too), Enter saves and moves down, Delete clears,
// F2 or Shift+Enter opens the cell's details, a pasted column fills cells downwards.
// Rendered in the browser only (see journal-grid-view.tsx): the server sends
// the compact props and a light placeholder instead of a thousand cells of HTML.
import Link from 'next/link';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { formatAverage } from '@/lib/domain/averages';
import { formatDateRu } from '@/lib/domain/calendar';
import { markNumericValue } from '@/lib/domain/grading';
import { isEnrolledOn, keyAction, moveCursor, parseCellInput, parsePastedColumn, proposalShort, pupilFigures, startColumn } from '@/lib/domain/journal-grid';
import { unpackCells } from '@/lib/domain/journal-grid-cells';
import { CellDetails } from './cell-details';
import { GridCellMemo } from './grid-cell';
import { GridHeader } from './grid-header';
import type { GridProps } from './types';
import { useCellSaver } from './use-cell-saver';

export function InteractiveGrid({ grid, saveCell, loadHistory }: GridProps) {
  const { lessons, pupils, scale, policy, weights } = grid;
  const [initialCells] = useState(() => unpackCells(grid.cells, pupils.map((p) => p.id), lessons.map((l) => l.id)));
  const saver = useCellSaver(initialCells, saveCell);
  const [pos, setPos] = useState(() => ({ row: 0, col: startColumn(lessons) }));
  const [editing, setEditing] = useState<string | null>(null);
  const [details, setDetails] = useState(false);
  const [notice, setNotice] = useState('');
  const tableRef = useRef<HTMLTableElement>(null);
  const scrollRef = useRef<HTMLDivElement>(null);

  // Open scrolled to the start column (the latest held lesson), placed mid-view so the lessons
  // before it and the averages after it show too, but never under the sticky names column (a
  // phone is narrower than twice that column). Only once: later the teacher scrolls.
  useEffect(() => {
    const box = scrollRef.current;
    const td = box?.querySelector<HTMLElement>(`td[data-row="0"][data-col="${startColumn(lessons)}"]`);
    const names = box?.querySelector<HTMLElement>('tbody th')?.offsetWidth ?? 0;
    if (!box || !td) return;
    // The cell's left edge within the scrolled content (offsetLeft would count from the page).
    const left = td.getBoundingClientRect().left - box.getBoundingClientRect().left - box.clientLeft + box.scrollLeft;
    box.scrollLeft = Math.max(0, left - Math.max(names, box.clientWidth / 2));
  }, []);

  // A lesson not yet held takes no marks or absences, but a mistaken entry on it may be cleared.
  const canClear = useCallback((row: number, col: number) => {
    const p = pupils[row];
    const l = lessons[col];
    return !!p && !!l && l.writable && grid.period.open && isEnrolledOn(p.ranges, l.date);
  }, [pupils, lessons, grid.period.open]);
  const canEdit = useCallback((row: number, col: number) => canClear(row, col) && !lessons[col]?.notHeld, [canClear, lessons]);

  // Keep DOM focus on the cursor cell (roving tabindex), but not while the details panel is open.
  useEffect(() => {
    if (details) return;
    const td = tableRef.current?.querySelector<HTMLElement>(`td[data-row="${pos.row}"][data-col="${pos.col}"]`);
    if (td && tableRef.current?.contains(document.activeElement)) td.focus({ preventScroll: false });
  }, [pos, details]);

  /** Saves what was typed into the cell at (row, col). */
  const commitText = useCallback((row: number, col: number, text: string) => {
    const p = pupils[row];
    const l = lessons[col];
    if (!p || !l || !canEdit(row, col)) return;
    const parsed = parseCellInput(text, scale.kind);
    if (parsed.kind === 'empty') return;
    if (parsed.kind === 'invalid') {
      saver.refuse(p.id, l.id, parsed.text, `«${parsed.text}» — не отметка и не код посещаемости (допустимо: ${scale.values.join(', ')}, Н, Б, УП, ОП)`);
      return;
    }
    if (parsed.kind === 'mark') void saver.change(p.id, l.id, { kind: 'mark', position: 0, value: parsed.value }, parsed.value);
    else void saver.change(p.id, l.id, { kind: 'attendance', code: parsed.code }, parsed.code);
  }, [pupils, lessons, canEdit, scale, saver]);

  const clearCell = useCallback((row: number, col: number) => {
    const p = pupils[row];
    const l = lessons[col];
    if (!p || !l || !canClear(row, col)) return;
    const cell = saver.cells[saver.keyOf(p.id, l.id)];
    for (const m of cell?.marks ?? []) void saver.change(p.id, l.id, { kind: 'clear', target: 'mark', position: m.position }, '');
    if (cell?.attendance) void saver.change(p.id, l.id, { kind: 'clear', target: 'attendance', position: 0 }, '');
  }, [pupils, lessons, canClear, saver]);

  const onKeyDown = (e: React.KeyboardEvent) => {
    if (details) return;
    const action = keyAction(e, editing !== null);
    if (action.type === 'none') return;
    e.preventDefault();
    const rows = pupils.length;
    const cols = lessons.length;
    switch (action.type) {
      case 'move':
        setPos((p) => moveCursor(p, action.move, rows, cols));
        return;
      case 'type':
        if (!canEdit(pos.row, pos.col)) {
          const lesson = lessons[pos.col];
          setNotice(
            lesson?.notHeld ? 'Урок ещё не проведён: отметки и отсутствующие вносятся в день урока или позже'
              : lesson?.writable ? 'Ученик не в классе на эту дату или период закрыт'
                : 'Этот урок вести записи не позволяет: он не ваш или период закрыт',
          );
          return;
        }
        setNotice('');
        setEditing((t) => (t ?? '') + action.char);
        return;
      case 'backspace':
        setEditing((t) => (t ? t.slice(0, -1) : ''));
        return;
      case 'cancel':
        setEditing(null);
        return;
      case 'clear':
        setEditing(null);
        clearCell(pos.row, pos.col);
        return;
      case 'details':
        if (editing !== null) commitText(pos.row, pos.col, editing);
        setEditing(null);
        setDetails(true);
        return;
      case 'commit': {
        const p = pupils[pos.row];
        const l = lessons[pos.col];
        if (editing !== null) commitText(pos.row, pos.col, editing);
        // Enter on a cell whose save failed sends the same request again.
        else if (p && l && action.then === 'down' && saver.retry(p.id, l.id)) return;
        setEditing(null);
        if (action.then) setPos((c) => moveCursor(c, action.then!, rows, cols));
      }
    }
  };

  const cellAt = (target: EventTarget) => (target as HTMLElement).closest<HTMLElement>('td[data-row]');
  const onClick = (e: React.MouseEvent) => {
    const td = cellAt(e.target);
    if (!td) return;
    if (editing !== null) commitText(pos.row, pos.col, editing);
    setEditing(null);
    setPos({ row: Number(td.dataset.row), col: Number(td.dataset.col) });
    td.focus();
    if (e.detail === 2) setDetails(true);
  };

  const onPaste = (e: React.ClipboardEvent) => {
    if (details) return;
    const values = parsePastedColumn(e.clipboardData.getData('text/plain'));
    if (!values.length) return;
    e.preventDefault();
    setEditing(null);
    values.forEach((v, i) => commitText(pos.row + i, pos.col, v));
    setPos((p) => ({ ...p, row: Math.min(pupils.length - 1, p.row + values.length - 1) }));
  };

  const figures = useMemo(() => pupils.map((p) => {
    // The marks of the subject in the class the pupil left for this one during the period count too.
    const marks = [...lessons.flatMap((l) => saver.cells[saver.keyOf(p.id, l.id)]?.marks ?? []), ...(p.prior ?? []).flatMap((g) => g.marks)];
    return pupilFigures(marks.map((m) => ({ numericValue: markNumericValue(scale.kind, m.value), weight: weights[m.workTypeId] ?? 1 })), policy, scale.kind);
  }), [pupils, lessons, saver, weights, policy, scale.kind]);

  const current = { pupil: pupils[pos.row], lesson: lessons[pos.col] };
  const currentStatus = current.pupil && current.lesson ? saver.status[saver.keyOf(current.pupil.id, current.lesson.id)] : undefined;

  return (
    // The grid breaks out of the page column: a quarter has 40+ lessons and every column counts.
    <div className="space-y-2" style={{ marginInline: 'min(0px, calc(50% - 50vw + 1rem))' }}>
      <div ref={scrollRef} className="max-h-[70vh] overflow-auto rounded-lg border border-line bg-white" onKeyDown={onKeyDown} onPaste={onPaste} onClick={onClick}>
        <table ref={tableRef} role="grid" aria-label={`Журнал: ${grid.title}, ${grid.period.name}`} aria-rowcount={pupils.length + 1} className="border-separate border-spacing-0 text-sm">
          <GridHeader lessons={lessons} scaleKind={scale.kind} />
          <tbody>
            {pupils.map((p, row) => {
              const f = figures[row];
              return (
                <tr key={p.id}>
                  <th scope="row" className={`sticky left-0 z-10 min-w-52 whitespace-nowrap border-b border-r border-line bg-white px-2 text-left font-normal ${p.ranges.every((r) => r.endDate !== null && r.endDate < grid.period.endDate) ? 'text-muted' : ''}`}>
                    <span className="mr-1 inline-block w-5 text-right text-xs text-muted">{row + 1}</span>{p.name}
                    {p.prior?.map((g) => (
                      <span key={g.className} className="ml-2 text-xs text-muted" title={`Отметки в ${g.className} за этот период до перевода: входят в средний балл и прогноз`}>
                        из {g.className}: {g.marks.map((m) => m.value).join(' ')}
                      </span>
                    ))}
                  </th>
                  {lessons.map((l, col) => {
                    const key = saver.keyOf(p.id, l.id);
                    const focused = pos.row === row && pos.col === col;
                    return (
                      <GridCellMemo key={l.id} row={row} col={col} cell={saver.cells[key]} status={saver.status[key]} focused={focused}
                        editing={focused ? editing : null} enrolled={isEnrolledOn(p.ranges, l.date)} writable={l.writable && !l.notHeld} test={l.kind === 'TEST'} />
                    );
                  })}
                  <td className="border-b border-r border-line px-2 text-center tabular-nums">{f.count}</td>
                  <td className="border-b border-r border-line px-2 text-center tabular-nums">{formatAverage(f.average)}</td>
                  <td className="border-b border-r border-line px-2 text-center font-bold tabular-nums">{formatAverage(f.weightedAverage)}</td>
                  <td className="border-b border-r border-line px-2 text-center tabular-nums">{proposalShort(f.proposal)}</td>
                  <td className="border-b border-line bg-accent-soft/60 px-2 text-center font-bold">
                    {p.final}
                    {p.draft && <span className="ml-1 text-xs font-normal text-muted">черн.</span>}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <p aria-live="polite" className="min-h-6 text-sm">
        {currentStatus?.message ? <span className={currentStatus.state === 'conflict' ? 'text-amber-800' : 'text-danger'}>{currentStatus.message}</span> : <span className="text-muted">{notice || `${current.pupil?.name ?? ''}${current.lesson ? ` · ${formatDateRu(current.lesson.date)}` : ''}`}</span>}
        {current.lesson && <Link className="ml-3 text-accent underline" href={`/journal/lessons/${current.lesson.id}`}>урок</Link>}
      </p>
      {details && current.pupil && current.lesson && (
        <CellDetails
          pupil={current.pupil}
          lesson={current.lesson}
          cell={saver.cells[saver.keyOf(current.pupil.id, current.lesson.id)]}
          editable={canEdit(pos.row, pos.col)}
          scaleValues={scale.values}
          workTypes={grid.workTypes}
          onSave={(intents) => intents.forEach((i) => void saver.change(current.pupil!.id, current.lesson!.id, i, i.kind === 'mark' ? i.value : i.kind === 'attendance' ? i.code : ''))}
          loadHistory={loadHistory}
          onClose={() => {
            setDetails(false);
            requestAnimationFrame(() => tableRef.current?.querySelector<HTMLElement>(`td[data-row="${pos.row}"][data-col="${pos.col}"]`)?.focus());
          }}
        />
      )}
    </div>
  );
}
