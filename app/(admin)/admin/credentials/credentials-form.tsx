'use client';

// A plain form post to the PDF route works without JavaScript (the browser downloads the file);
// with JavaScript the same request goes through fetch, so errors appear next to their fields.
import { useRouter } from 'next/navigation';
import { useState } from 'react';

type ClassOption = { id: number; name: string; pupilsWithout: number; parentsWithout: number };
type Status = { kind: 'idle' } | { kind: 'pending' } | { kind: 'done'; file: string; count: number; withheld: number; ownAccounts: string } | { kind: 'error'; message: string; field: string };

const AUDIENCES = [
  { value: 'BOTH', label: 'Ученикам и родителям' },
  { value: 'STUDENT', label: 'Только ученикам' },
  { value: 'PARENT', label: 'Только родителям' },
];

function decodeHeader(value: string | null): string {
  try {
    return value ? decodeURIComponent(value) : '';
  } catch {
    return '';
  }
}

export function CredentialsForm({ classes }: { classes: ClassOption[] }) {
  const router = useRouter();
  const [status, setStatus] = useState<Status>({ kind: 'idle' });
  const [mode, setMode] = useState('MISSING');
  const error = (field: string) => (status.kind === 'error' && status.field === field ? status.message : undefined);
  const pending = status.kind === 'pending';

  async function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setStatus({ kind: 'pending' });
    try {
      const response = await fetch('/api/pdf/credentials', { method: 'POST', body: new FormData(event.currentTarget), headers: { Accept: 'application/json' } });
      if (!response.ok) {
        const body = (await response.json().catch(() => null)) as { error?: string; field?: string } | null;
        setStatus({ kind: 'error', message: body?.error ?? `Ошибка сервера (${response.status}). Попробуйте ещё раз.`, field: body?.field ?? 'form' });
        return;
      }
      const file = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? 'logins.pdf';
      const url = URL.createObjectURL(await response.blob());
      const link = document.createElement('a');
      link.href = url;
      link.download = file;
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
      setStatus({ kind: 'done', file, count: Number(response.headers.get('x-slip-count')) || 0, withheld: Number(response.headers.get('x-slips-withheld')) || 0, ownAccounts: decodeHeader(response.headers.get('x-slips-own-accounts')) });
      setMode('MISSING'); // a second click should not reset everyone's passwords again
      router.refresh();
    } catch {
      setStatus({ kind: 'error', message: 'Нет связи с сервером. Проверьте подключение и попробуйте ещё раз.', field: 'form' });
    }
  }

  return (
    <form method="post" action="/api/pdf/credentials" onSubmit={submit} className="max-w-xl space-y-3 rounded-lg border border-line bg-white p-5">
      <div>
        <label htmlFor="credentials-class" className="mb-1 block font-bold">Класс</label>
        <select id="credentials-class" name="classId" defaultValue={(classes.find((c) => c.pupilsWithout + c.parentsWithout > 0) ?? classes[0])?.id ?? 'school'} aria-describedby="credentials-class-error"
          className="w-full rounded-md border border-line px-3 py-2.5">
          {classes.map((c) => <option key={c.id} value={c.id}>{c.name} — без логина: учеников {c.pupilsWithout}, родителей {c.parentsWithout}</option>)}
          <option value="school">Вся школа</option>
        </select>
        <p id="credentials-class-error" aria-live="polite" className="mt-1 min-h-5 text-sm text-danger">{error('classId')}</p>
      </div>
      <fieldset aria-describedby="credentials-audience-error">
        <legend className="mb-1 font-bold">Кому</legend>
        {AUDIENCES.map((a) => (
          <label key={a.value} className="flex items-center gap-2 py-1"><input type="radio" name="audience" value={a.value} defaultChecked={a.value === 'BOTH'} className="size-5" />{a.label}</label>
        ))}
        <p id="credentials-audience-error" aria-live="polite" className="min-h-5 text-sm text-danger">{error('audience')}</p>
      </fieldset>
      <fieldset aria-describedby="credentials-mode-error">
        <legend className="mb-1 font-bold">Чьи пароли</legend>
        <label className="flex items-center gap-2 py-1">
          <input type="radio" name="mode" value="MISSING" checked={mode === 'MISSING'} onChange={() => setMode('MISSING')} className="size-5" />Только тем, у кого ещё нет логина
        </label>
        <label className="flex items-center gap-2 py-1">
          <input type="radio" name="mode" value="ALL" checked={mode === 'ALL'} onChange={() => setMode('ALL')} className="size-5" />Всем — сбросить пароли
        </label>
        <p id="credentials-mode-error" aria-live="polite" className="min-h-5 text-sm text-danger">{error('mode')}</p>
      </fieldset>
      {mode === 'ALL' && (
        <div>
          <label className="flex items-start gap-2">
            <input type="checkbox" name="confirmReset" value="yes" className="mt-0.5 size-5" aria-describedby="credentials-confirm-error" />
            <span>Понимаю: прежние пароли этих людей перестанут действовать, а их открытые сеансы завершатся</span>
          </label>
          <p id="credentials-confirm-error" aria-live="polite" className="min-h-5 text-sm text-danger">{error('confirmReset')}</p>
        </div>
      )}
      <p aria-live="polite" className="min-h-5">
        {status.kind === 'error' && status.field === 'form' && <span role="alert" className="text-danger">{status.message}</span>}
        {status.kind === 'done' && (
          <span role="status" className="text-ok">
            Скачан файл {status.file}: листков — {status.count}. Пароли есть только в этом файле: распечатайте его и разрежьте по линиям.
            Повторное формирование выдаст новые пароли.
            {status.withheld > 0 && ` Не выдано ${status.withheld} чел.: их семьи отказались от обработки персональных данных в электронной форме — электронный дневник им закрыт, выписки выдаются на бумаге.`}
            {status.ownAccounts && ` ${status.ownAccounts}`}
          </span>
        )}
        {pending && <span className="text-muted">Создаём пароли и файл… Для класса это несколько секунд, для целой школы — до нескольких минут.</span>}
      </p>
      <button disabled={pending} className="rounded-md bg-accent px-5 py-3 font-bold text-white disabled:opacity-60">{pending ? 'Формирование…' : 'Сформировать PDF'}</button>
    </form>
  );
}
