'use client';
// The details of one cell (F2 or Shift+Enter): attendance, the first and a second mark with their
// work type and comment, and the cell's history from the audit trail. Escape closes it.
import { useEffect, useRef, useState } from 'react';
import { ATTENDANCE_CODES, ATTENDANCE_LABELS } from '@/lib/domain/attendance';
import { formatDateRu } from '@/lib/domain/calendar';
import type { GridCell, GridLessonProps, GridPupilProps, HistoryAction, HistoryEntry, Intent, JournalGridProps } from './types';

type Props = {
  pupil: GridPupilProps;
  lesson: GridLessonProps;
  cell: GridCell | undefined;
  editable: boolean;
  scaleValues: string[];
  workTypes: JournalGridProps['workTypes'];
  onSave: (intents: Intent[]) => void;
  loadHistory: HistoryAction;
  onClose: () => void;
};

type MarkForm = { value: string; workTypeId: string; comment: string };

const input = 'w-full rounded-md border border-line px-2 py-1.5';

export function CellDetails({ pupil, lesson, cell, editable, scaleValues, workTypes, onSave, loadHistory, onClose }: Props) {
  const markAt = (position: number): MarkForm => {
    const m = cell?.marks.find((x) => x.position === position);
    return { value: m?.value ?? '', workTypeId: m ? String(m.workTypeId) : '', comment: m?.comment ?? '' };
  };
  const [code, setCode] = useState(cell?.attendance?.code ?? '');
  const [marks, setMarks] = useState([markAt(0), markAt(1)]);
  const [history, setHistory] = useState<HistoryEntry[] | string | null>(null);
  const first = useRef<HTMLSelectElement>(null);

  useEffect(() => {
    first.current?.focus();
    let live = true;
    loadHistory(lesson.id, pupil.id).then((h) => live && setHistory('error' in h ? h.error : h), () => live && setHistory('Историю загрузить не удалось'));
    return () => { live = false; };
  }, [lesson.id, pupil.id, loadHistory]);

  const save = () => {
    const intents: Intent[] = [];
    if (code !== (cell?.attendance?.code ?? '')) intents.push(code ? { kind: 'attendance', code } : { kind: 'clear', target: 'attendance', position: 0 });
    marks.forEach((f, position) => {
      const before = markAt(position);
      if (f.value === before.value && f.workTypeId === before.workTypeId && f.comment === before.comment) return;
      if (!f.value) intents.push({ kind: 'clear', target: 'mark', position });
      else intents.push({ kind: 'mark', position, value: f.value, workTypeId: f.workTypeId ? Number(f.workTypeId) : undefined, comment: f.comment.trim() || null });
    });
    if (intents.length) onSave(intents);
    onClose();
  };

  const setMark = (i: number, patch: Partial<MarkForm>) => setMarks((ms) => ms.map((m, j) => (j === i ? { ...m, ...patch } : m)));

  return (
    <div role="dialog" aria-modal="true" aria-labelledby="cell-details-title" className="fixed inset-y-0 right-0 z-50 w-full max-w-md overflow-y-auto border-l border-line bg-white p-5 shadow-xl"
      onKeyDown={(e) => { if (e.key === 'Escape') { e.preventDefault(); onClose(); } if (e.key === 'Enter' && e.ctrlKey) { e.preventDefault(); save(); } }}>
      <h2 id="cell-details-title" className="text-lg font-bold">{pupil.name}</h2>
      <p className="mb-4 text-sm text-muted">Урок {formatDateRu(lesson.date)}{lesson.topic ? ` · ${lesson.topic}` : ''}</p>
      <fieldset disabled={!editable} className="space-y-4">
        <label className="block">
          <span className="mb-1 block font-bold">Посещаемость</span>
          <select ref={first} className={input} value={code} onChange={(e) => setCode(e.target.value)}>
            <option value="">был на уроке</option>
            {ATTENDANCE_CODES.map((c) => <option key={c} value={c}>{c} — {ATTENDANCE_LABELS[c]}</option>)}
          </select>
        </label>
        {marks.map((m, i) => (
          <fieldset key={i} className="rounded-md border border-line p-3">
            <legend className="px-1 font-bold">{i === 0 ? 'Отметка' : 'Вторая отметка'}</legend>
            <div className="grid grid-cols-[5rem_1fr] gap-2">
              <select aria-label="Значение" className={input} value={m.value} onChange={(e) => setMark(i, { value: e.target.value })}>
                <option value="">—</option>
                {scaleValues.map((v) => <option key={v} value={v}>{v}</option>)}
              </select>
              <select aria-label="Форма контроля" className={input} value={m.workTypeId} onChange={(e) => setMark(i, { workTypeId: e.target.value })}>
                <option value="">по умолчанию для урока</option>
                {workTypes.map((w) => <option key={w.id} value={w.id}>{w.name} (вес {w.weight})</option>)}
              </select>
            </div>
            <input aria-label="Комментарий" placeholder="Комментарий для ученика и родителей" className={`${input} mt-2`} value={m.comment} maxLength={500} onChange={(e) => setMark(i, { comment: e.target.value })} />
          </fieldset>
        ))}
      </fieldset>
      <div className="mt-4 flex gap-2">
        {editable && <button type="button" onClick={save} className="rounded-md bg-accent px-4 py-2 font-bold text-white">Сохранить</button>}
        <button type="button" onClick={onClose} className="rounded-md border border-line px-4 py-2">Закрыть</button>
      </div>
      <p className="mt-2 text-xs text-muted">Ctrl+Enter — сохранить, Esc — закрыть.</p>
      <section aria-labelledby="cell-history" className="mt-6">
        <h3 id="cell-history" className="mb-2 font-bold">История ячейки</h3>
        {history === null ? <p className="text-sm text-muted">Загрузка…</p> : typeof history === 'string' ? <p className="text-sm text-danger">{history}</p> : history.length === 0 ? <p className="text-sm text-muted">Изменений не было.</p> : (
          <ol className="space-y-1 text-sm">
            {history.map((h, i) => (
              <li key={i} className="border-b border-line pb-1">
                <span className="text-muted">{h.at}</span> · {h.who}<br />
                {h.action}: {h.before ?? '—'} → {h.after ?? '—'}{h.comment ? ` («${h.comment}»)` : ''}
              </li>
            ))}
          </ol>
        )}
      </section>
    </div>
  );
}
