'use client';

import Link from 'next/link';
import { useActionState, useState } from 'react';
import { IMPORT_MAX_BYTES, tooBigMessage, type ImportColumn } from '@/lib/data/import-parse';
import type { ImportPreview } from '@/lib/data/import';
import { importAction, type ImportState } from './actions';

const button = 'rounded-md bg-accent px-5 py-3 font-bold text-white disabled:cursor-not-allowed disabled:opacity-50';
const secondary = 'rounded-md border border-accent px-4 py-2 text-accent disabled:opacity-60';

export function ImportForm() {
  const [state, action, pending] = useActionState<ImportState, FormData>(importAction, { stage: 'upload' });
  if (state.stage === 'done' && state.summary) return <Done state={state} action={action} />;
  if (state.stage === 'preview' && state.preview) return <Preview state={state} preview={state.preview} action={action} pending={pending} />;
  return <Upload state={state} action={action} pending={pending} />;
}

type Props = { state: ImportState; action: (form: FormData) => void; pending?: boolean };

function Upload({ state, action, pending }: Props) {
  const [clientError, setClientError] = useState<string>();
  const error = clientError ?? state.errors?.file;
  return (
    <form action={action} className="max-w-xl space-y-3 rounded-lg border border-line bg-white p-5">
      <input type="hidden" name="intent" value="preview" />
      <div>
        <label htmlFor="import-file" className="mb-1 block font-bold">Файл CSV</label>
        <input
          id="import-file" name="file" type="file" accept=".csv,.txt,text/csv" required
          aria-invalid={error ? true : undefined} aria-describedby="import-file-hint import-file-error"
          onChange={(e) => {
            const file = e.currentTarget.files?.[0];
            setClientError(file && file.size > IMPORT_MAX_BYTES ? tooBigMessage(file.size) : undefined);
          }}
          className="block w-full rounded-md border border-line px-3 py-2.5"
        />
        <p id="import-file-hint" className="mt-1 text-sm text-muted">До 1 МБ и 2000 строк. Кодировка UTF-8 (с BOM или без), UTF-16 («Текст Юникод») или Windows-1251, разделитель «;», «,» или табуляция.</p>
        <p id="import-file-error" aria-live="polite" className="mt-1 min-h-5 text-sm text-danger">{error}</p>
      </div>
      {state.errors?.form && <p role="alert" className="text-danger">{state.errors.form}</p>}
      <button disabled={pending || !!clientError} className={button}>{pending ? 'Проверка…' : 'Проверить файл'}</button>
    </form>
  );
}

const CELL_COLUMNS: { label: string; columns: ImportColumn[] }[] = [
  { label: 'Ученик', columns: ['studentLastName', 'studentFirstName', 'studentMiddleName'] },
  { label: 'Дата рождения', columns: ['birthDate'] },
  { label: 'Класс', columns: ['className'] },
  { label: 'Родитель', columns: ['parentLastName', 'parentFirstName', 'parentMiddleName'] },
  { label: 'Телефон', columns: ['parentPhone'] },
  { label: 'E-mail', columns: ['parentEmail'] },
];

function Preview({ state, preview, action, pending }: Props & { preview: ImportPreview }) {
  const c = preview.counts;
  const badLines = preview.rows.filter((r) => r.errors.length).map((r) => r.line);
  const parentByKey = new Map(preview.parents.map((p) => [p.key, p]));
  return (
    <div className="space-y-4">
      <section aria-labelledby="summary" className="rounded-lg border border-line bg-white p-5">
        <h2 id="summary" className="mb-2 text-xl font-bold">Проверка файла {state.fileName && <span className="font-normal text-muted">«{state.fileName}»</span>}</h2>
        {preview.fileErrors.length > 0 ? (
          <ul role="alert" className="list-disc space-y-1 pl-5 text-danger">{preview.fileErrors.map((e) => <li key={e}>{e}</li>)}</ul>
        ) : (
          <>
            <p>
              {preview.valid ? 'Будет создано' : 'Строки без ошибок'}: учеников — <b>{c.pupils}</b>, родителей — <b>{c.parents}</b>
              {c.existingParents > 0 && <> (ещё {c.existingParents} уже в системе — их привяжем к детям)</>}, связей «родитель — ребёнок» — <b>{c.links}</b>.
            </p>
            {preview.enrollFrom && (
              <p className="text-muted">Ученики будут зачислены в классы с {preview.enrollFrom.split('-').reverse().join('.')} (учебный год {preview.academicYear}). Логины и пароли выдаются отдельно, после импорта.</p>
            )}
            {badLines.length > 0 && (
              <p role="alert" className="mt-2 font-bold text-danger">
                Ошибки в строках: {badLines.slice(0, 30).map((line, i) => <span key={line}>{i > 0 && ', '}<a href={`#line-${line}`} className="underline">{line}</a></span>)}
                {badLines.length > 30 && ` и ещё ${badLines.length - 30}`}. Пока в файле есть ошибки, ничего не импортируется: исправьте файл и загрузите его снова.
              </p>
            )}
          </>
        )}
        {preview.warnings.length > 0 && (
          <ul className="mt-2 list-disc space-y-1 pl-5 text-sm text-muted">{preview.warnings.map((w) => <li key={w}>{w}</li>)}</ul>
        )}
        <div className="mt-4 flex flex-wrap items-center gap-3">
          <form action={action}>
            <input type="hidden" name="intent" value="confirm" />
            <input type="hidden" name="csv" value={state.csv ?? ''} />
            <button disabled={pending || !preview.valid} aria-describedby="confirm-note" className={button}>{pending ? 'Импорт…' : 'Импортировать'}</button>
          </form>
          <form action={action}>
            <input type="hidden" name="intent" value="reset" />
            <button disabled={pending} className={secondary}>Загрузить другой файл</button>
          </form>
          <p id="confirm-note" className="text-sm text-muted">{preview.valid ? 'Всё будет записано одной операцией.' : 'Кнопка станет доступна, когда в файле не останется ошибок.'}</p>
        </div>
        <p aria-live="polite" className="mt-2 min-h-5 text-danger">{state.errors?.form}</p>
      </section>

      {preview.rows.length > 0 && (
        <div role="region" aria-label="Строки файла и результат проверки" tabIndex={0} className="overflow-x-auto rounded-lg border border-line bg-white">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Строки файла и результат проверки</caption>
            <thead className="border-b border-line bg-accent-soft">
              <tr>
                <th scope="col" className="px-3 py-2">Строка</th>
                {CELL_COLUMNS.map((col) => <th key={col.label} scope="col" className="px-3 py-2">{col.label}</th>)}
                <th scope="col" className="px-3 py-2">Проверка</th>
              </tr>
            </thead>
            <tbody>
              {preview.rows.map((row) => {
                const bad = row.errors.length > 0;
                const parent = row.parentKey ? parentByKey.get(row.parentKey) : undefined;
                const wrong = new Set(row.errors.map((e) => e.column));
                return (
                  <tr key={row.line} id={`line-${row.line}`} className={`border-b border-line align-top last:border-0 ${bad ? 'bg-red-50' : ''}`}>
                    <th scope="row" className={`px-3 py-2 font-mono ${bad ? 'text-danger' : ''}`}>{row.line}</th>
                    {CELL_COLUMNS.map((col) => (
                      <td key={col.label} className={`px-3 py-2 ${col.columns.some((k) => wrong.has(k)) ? 'font-bold text-danger' : ''}`}>
                        {col.columns.map((k) => row.cells[k]).filter(Boolean).join(' ') || <span className="text-muted">—</span>}
                        {col.label === 'Родитель' && parent && preview.existingParents[parent.key] !== undefined && <span className="block text-xs text-ok">уже в системе</span>}
                        {col.label === 'Родитель' && parent && parent.lines.length > 1 && (
                          <span className="block text-xs text-muted">тот же родитель {parent.lines.length > 2 ? 'в строках' : 'в строке'} {parent.lines.filter((l) => l !== row.line).join(', ')}</span>
                        )}
                      </td>
                    ))}
                    <td className="px-3 py-2">
                      {bad ? (
                        <ul className="space-y-1 text-danger">
                          {row.errors.map((e, i) => <li key={i}>{e.message}</li>)}
                        </ul>
                      ) : (
                        <span className="text-ok">Готово к импорту</span>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

function Done({ state, action }: Props) {
  const s = state.summary!;
  return (
    <div role="status" className="max-w-xl space-y-3 rounded-lg border border-ok bg-white p-5">
      <h2 className="text-xl font-bold">Импорт завершён</h2>
      <p>
        Создано учеников — <b>{s.pupils}</b>, родителей — <b>{s.parents}</b>{s.existingParents > 0 && <> (ещё {s.existingParents} уже были в системе)</>}, связей «родитель — ребёнок» — <b>{s.links}</b>.
      </p>
      <p>Теперь выдайте им логины и временные пароли: листки для печати формируются по классам.</p>
      <div className="flex flex-wrap gap-3">
        <Link href="/admin/credentials" className="rounded-md bg-accent px-4 py-2 font-bold text-white">Выдать логины и пароли</Link>
        <Link href="/admin/users" className={secondary}>К списку пользователей</Link>
        <form action={action}>
          <input type="hidden" name="intent" value="reset" />
          <button className={secondary}>Загрузить ещё файл</button>
        </form>
      </div>
    </div>
  );
}
