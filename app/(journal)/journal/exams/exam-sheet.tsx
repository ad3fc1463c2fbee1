'use client';
// The class's results of one exam in one table, saved together; then the publish command.
import { useActionState } from 'react';
import type { ExamSheet } from '@/lib/data/exams';
import { formatDateRu } from '@/lib/domain/calendar';
import { publishExamResultsAction, saveExamResultsAction, type ExamFormState } from './actions';

type Target = { classId: number; kind: string; subjectId: number; date: string };

function Hidden({ target }: { target: Target }) {
  return (<>
    <input type="hidden" name="classId" value={target.classId} />
    <input type="hidden" name="kind" value={target.kind} />
    <input type="hidden" name="subjectId" value={target.subjectId} />
    <input type="hidden" name="date" value={target.date} />
  </>);
}

const cell = (error?: string) => `w-20 rounded-md border px-2 py-1 ${error ? 'border-danger' : 'border-line'}`;

export function ExamSheetForm({ sheet, target }: { sheet: ExamSheet; target: Target }) {
  const [state, save, saving] = useActionState<ExamFormState, FormData>(saveExamResultsAction, {});
  const [published, publish, publishing] = useActionState<ExamFormState, FormData>(publishExamResultsAction, {});
  if (sheet.rows.length === 0) return <p className="rounded-lg border border-line bg-white p-3">В классе нет учеников на дату экзамена.</p>;
  return (
    <div className="space-y-3">
      <form action={save} className="space-y-3">
        <Hidden target={target} />
        {/* relative: the header's sr-only text stays inside the scrolling frame on a phone. */}
        <div role="region" aria-label="Результаты учеников класса" tabIndex={0} className="relative overflow-x-auto rounded-lg border border-line bg-white">
          <table className="w-full text-sm">
            <thead className="bg-stone-50 text-left">
              <tr><th className="px-3 py-2">Ученик</th><th className="px-3 py-2">Балл</th><th className="px-3 py-2">Отметка</th><th className="px-3 py-2">Состояние</th></tr>
            </thead>
            <tbody>
              {sheet.rows.map((r) => {
                const typed = state.values?.[r.studentId];
                const errors = state.rowErrors?.[r.studentId] ?? {};
                return (
                  <tr key={r.studentId} className="border-t border-line align-top">
                    <th scope="row" className="px-3 py-2 text-left font-normal">{r.name}
                      <input type="hidden" name="studentId" value={r.studentId} />
                      {/* What the table shows: the save writes only rows typed differently, and refuses them if the stored value changed meanwhile. */}
                      <input type="hidden" name={`shown-score-${r.studentId}`} value={r.score} />
                      <input type="hidden" name={`shown-mark-${r.studentId}`} value={r.mark} />
                    </th>
                    <td className="px-3 py-2">
                      <input name={`score-${r.studentId}`} inputMode="numeric" defaultValue={typed?.score ?? r.score} aria-label={`Балл: ${r.name}`}
                        aria-invalid={errors.score ? true : undefined} aria-describedby={errors.score ? `score-${r.studentId}-error` : undefined} className={cell(errors.score)} />
                      {errors.score && <p id={`score-${r.studentId}-error`} className="mt-1 text-danger">{errors.score}</p>}
                    </td>
                    <td className="px-3 py-2">
                      <input name={`mark-${r.studentId}`} inputMode="numeric" defaultValue={typed?.mark ?? r.mark} aria-label={`Отметка: ${r.name}`}
                        aria-invalid={errors.mark ? true : undefined} aria-describedby={errors.mark ? `mark-${r.studentId}-error` : undefined} className={cell(errors.mark)} />
                      {errors.mark && <p id={`mark-${r.studentId}-error`} className="mt-1 text-danger">{errors.mark}</p>}
                    </td>
                    <td className="px-3 py-2 text-muted">
                      {r.score === '' && r.mark === '' ? 'не сдавал' : r.published ? `опубликован, виден семье с ${r.visibleFrom}` : 'не опубликован'}
                      {r.otherDate && <span className="block">сдавал {formatDateRu(r.otherDate)}</span>}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        <div className="flex flex-wrap items-center gap-3">
          <button disabled={saving} className="rounded-md bg-accent px-4 py-2 text-white">Сохранить</button>
          <span aria-live="polite" className={`text-sm ${state.error ? 'text-danger' : 'text-ok'}`}>{state.error ?? state.message}</span>
        </div>
      </form>
      <form action={publish} className="flex flex-wrap items-center gap-3"
        onSubmit={(e) => { if (!window.confirm('Опубликовать результаты? Семьи увидят их после установленной школой задержки.')) e.preventDefault(); }}>
        <Hidden target={target} />
        <button disabled={publishing || sheet.drafts === 0} className="rounded-md border border-accent px-4 py-2 text-accent">
          Опубликовать{sheet.drafts ? ` (${sheet.drafts})` : ''}
        </button>
        <span aria-live="polite" className={`text-sm ${published.error ? 'text-danger' : 'text-ok'}`}>{published.error ?? published.message ?? (sheet.drafts === 0 ? 'Неопубликованных результатов нет' : '')}</span>
      </form>
    </div>
  );
}
