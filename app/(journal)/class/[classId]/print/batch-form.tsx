'use client';
// Prepares the class batch: fetches the streamed PDF, shows how many pupils are ready (each
// pupil's first page carries /JrnPupil n, counted as the bytes arrive), then saves the file.
import { useEffect, useRef, useState } from 'react';
import { countPupilMarkers } from './progress';

type Props = {
  classId: number;
  weeks: { monday: string; label: string }[];
  paperCount: number;
  allCount: number;
  canPrintSchool: boolean;
  pupils: { id: number; name: string; paperReason: string | null }[];
};

type Status =
  | { kind: 'idle' }
  | { kind: 'working'; done: number; total: number; bytes: number }
  | { kind: 'ready'; url: string; fileName: string; total: number; bytes: number }
  | { kind: 'error'; message: string };

const kb = (bytes: number) => `${Math.max(1, Math.round(bytes / 1024))} КБ`;

function fileNameOf(response: Response, fallback: string): string {
  const header = response.headers.get('content-disposition') ?? '';
  const star = /filename\*=UTF-8''([^;]+)/.exec(header);
  return star ? decodeURIComponent(star[1]) : fallback;
}

export function BatchForm({ classId, weeks, paperCount, allCount, canPrintSchool, pupils }: Props) {
  const [week, setWeek] = useState(weeks[0]?.monday ?? '');
  const [who, setWho] = useState<'paper' | 'all' | 'school'>(paperCount ? 'paper' : 'all');
  // Single-sided by default, as most school printers are; double-sided adds blank backs.
  const [duplex, setDuplex] = useState(false);
  const [status, setStatus] = useState<Status>({ kind: 'idle' });
  const link = useRef<HTMLAnchorElement>(null);

  async function prepare() {
    const query = new URLSearchParams({ classId: who === 'school' ? 'school' : String(classId), week });
    if (who === 'all') query.set('all', '1');
    if (duplex) query.set('duplex', '1');
    setStatus({ kind: 'working', done: 0, total: 0, bytes: 0 });
    try {
      const response = await fetch(`/api/pdf/class-extracts?${query}`, { headers: { accept: 'application/json, application/pdf' } });
      if (!response.ok || !response.body) {
        const body = (await response.json().catch(() => null)) as { error?: string } | null;
        setStatus({ kind: 'error', message: body?.error ?? `Не удалось подготовить PDF (ошибка ${response.status})` });
        return;
      }
      const total = Number(response.headers.get('x-pupil-count')) || 0;
      const reader = response.body.getReader();
      const chunks: Uint8Array<ArrayBuffer>[] = [];
      let bytes = 0;
      let tail = '';
      let done = 0;
      for (;;) {
        const next = await reader.read();
        if (next.done) break;
        chunks.push(next.value as Uint8Array<ArrayBuffer>);
        bytes += next.value.byteLength;
        const seen = countPupilMarkers(tail, next.value);
        tail = seen.tail;
        done = Math.max(done, seen.highest + 1);
        setStatus({ kind: 'working', done: Math.min(done, total), total, bytes });
      }
      const blob = new Blob(chunks, { type: 'application/pdf' });
      const url = URL.createObjectURL(blob);
      const fileName = fileNameOf(response, `vypiski-${week}.pdf`);
      setStatus({ kind: 'ready', url, fileName, total, bytes });
    } catch {
      setStatus({ kind: 'error', message: 'Связь прервалась, PDF не получен. Повторите.' });
    }
  }

  // Save at once when ready; the link stays for a second copy.
  const readyUrl = status.kind === 'ready' ? status.url : null;
  useEffect(() => {
    if (readyUrl) link.current?.click();
    return () => {
      if (readyUrl) URL.revokeObjectURL(readyUrl);
    };
  }, [readyUrl]);

  const working = status.kind === 'working';
  return (
    <div className="space-y-4">
      <form
        className="flex flex-wrap items-end gap-4 rounded-lg border border-line bg-white p-4"
        onSubmit={(e) => {
          e.preventDefault();
          void prepare();
        }}
      >
        <label className="flex flex-col text-sm">
          Неделя
          <select value={week} onChange={(e) => setWeek(e.target.value)} className="mt-1 rounded-md border border-line px-3 py-2 text-base">
            {weeks.map((w) => <option key={w.monday} value={w.monday}>{w.label}</option>)}
          </select>
        </label>
        <fieldset className="flex flex-col gap-1 text-sm">
          <legend className="mb-1">Кому</legend>
          <label className="flex items-center gap-2"><input type="radio" name="who" checked={who === 'paper'} onChange={() => setWho('paper')} disabled={!paperCount} /> семьям на бумажной форме ({paperCount})</label>
          <label className="flex items-center gap-2"><input type="radio" name="who" checked={who === 'all'} onChange={() => setWho('all')} /> всему классу ({allCount})</label>
          {canPrintSchool && <label className="flex items-center gap-2"><input type="radio" name="who" checked={who === 'school'} onChange={() => setWho('school')} /> всей школе, бумажная форма</label>}
        </fieldset>
        <fieldset className="flex flex-col gap-1 text-sm">
          <legend className="mb-1">Печать</legend>
          <label className="flex items-center gap-2"><input type="radio" name="sides" checked={!duplex} onChange={() => setDuplex(false)} /> односторонняя</label>
          <label className="flex items-center gap-2"><input type="radio" name="sides" checked={duplex} onChange={() => setDuplex(true)} /> двусторонняя</label>
        </fieldset>
        <button type="submit" disabled={working || !week} className="rounded-md bg-accent px-5 py-2.5 font-bold text-white disabled:opacity-60">
          {working ? 'Готовится…' : 'Сформировать PDF'}
        </button>
      </form>

      <div aria-live="polite" className="min-h-12">
        {status.kind === 'working' && (
          <div className="space-y-1">
            <progress max={status.total || 1} value={status.done} className="h-3 w-full max-w-xl" aria-label="Подготовка выписок" />
            <p className="text-sm text-muted">Готово учеников: {status.done}{status.total ? ` из ${status.total}` : ''} · {kb(status.bytes)}</p>
          </div>
        )}
        {status.kind === 'ready' && (
          <p>
            Готово: {status.total} {status.total === 1 ? 'ученик' : 'учеников'}, {kb(status.bytes)}.{' '}
            <a ref={link} href={status.url} download={status.fileName} className="text-accent underline">Скачать PDF ещё раз</a>
          </p>
        )}
        {status.kind === 'error' && <p role="alert" className="text-danger">{status.message}</p>}
      </div>

      <section>
        <h2 className="mb-2 text-lg font-bold">Ученики класса</h2>
        <ul className="divide-y divide-line rounded-lg border border-line bg-white">
          {pupils.map((p) => (
            <li key={p.id} className="flex flex-wrap items-center justify-between gap-2 px-3 py-2">
              <span>{p.name}{p.paperReason && <span className="ml-2 text-sm text-muted">— на бумаге: {p.paperReason}</span>}</span>
              <a href={`/api/pdf/extract?studentId=${p.id}&week=${week}`} className="text-sm text-accent underline">Выписка</a>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
