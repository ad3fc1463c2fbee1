import Link from 'next/link';
import { redirect } from 'next/navigation';
import { requireUser } from '@/lib/auth/current-user';
import { formatInstantRu } from '@/lib/domain/diary-format';
import { AUDIT_ACTION_FILTERS, readAuditLog } from '@/lib/data/audit-log';

export const metadata = { title: 'Журнал аудита' };

type Props = { searchParams: Promise<{ action?: string; login?: string; from?: string; to?: string; page?: string }> };

export default async function AuditPage({ searchParams }: Props) {
  const user = await requireUser();
  const params = await searchParams;
  const log = await readAuditLog(user, { action: params.action, actorLogin: params.login, from: params.from, to: params.to, page: Number(params.page) || 1 });
  if (!log) redirect('/forbidden');
  const filters = Object.fromEntries(Object.entries({ action: params.action, login: params.login, from: params.from, to: params.to }).filter(([, v]) => v)) as Record<string, string>;
  const query = (page: number) => `/admin/audit?${new URLSearchParams({ ...filters, page: String(page) })}`;
  return (
    <div>
      <h1 className="mb-4 text-2xl font-bold">Журнал аудита</h1>
      <form className="mb-4 flex flex-wrap items-end gap-3 rounded-lg border border-line bg-white p-3">
        <label className="flex flex-col text-sm">Событие
          <select name="action" defaultValue={params.action ?? ''} className="mt-1 rounded-md border border-line px-3 py-2 text-base">
            <option value="">Все</option>
            {AUDIT_ACTION_FILTERS.map(([v, l]) => <option key={v} value={v}>{l}</option>)}
          </select>
        </label>
        <label className="flex flex-col text-sm">Логин
          <input name="login" defaultValue={params.login} className="mt-1 rounded-md border border-line px-3 py-2 text-base" />
        </label>
        <label className="flex flex-col text-sm">С<input type="date" name="from" defaultValue={params.from} className="mt-1 rounded-md border border-line px-3 py-2 text-base" /></label>
        <label className="flex flex-col text-sm">По<input type="date" name="to" defaultValue={params.to} className="mt-1 rounded-md border border-line px-3 py-2 text-base" /></label>
        <button className="rounded-md border border-accent px-4 py-2 text-accent">Показать</button>
      </form>
      <div role="region" aria-label="Записи журнала аудита" tabIndex={0} className="overflow-x-auto rounded-lg border border-line bg-white">
        <table className="w-full text-left text-sm">
          <thead className="border-b border-line bg-accent-soft"><tr><th className="px-3 py-2">Когда</th><th className="px-3 py-2">Кто</th><th className="px-3 py-2">Событие</th><th className="px-3 py-2">Объект</th><th className="px-3 py-2">Было → стало</th><th className="px-3 py-2">Адрес</th></tr></thead>
          <tbody>
            {log.rows.map((r) => (
              <tr key={r.id} className="border-b border-line align-top last:border-0">
                <td className="whitespace-nowrap px-3 py-2">{formatInstantRu(r.createdAt, user.timeZone, 'seconds')}</td>
                <td className="px-3 py-2">{r.actorName}</td>
                <td className="px-3 py-2 font-mono">{r.action}</td>
                <td className="px-3 py-2">{r.entityType ? `${r.entityType} #${r.entityId}` : ''}</td>
                <td className="max-w-md break-words px-3 py-2 font-mono text-xs">{r.oldValue !== null || r.newValue !== null ? `${JSON.stringify(r.oldValue)} → ${JSON.stringify(r.newValue)}` : r.details ? JSON.stringify(r.details) : ''}</td>
                <td className="px-3 py-2">{r.ip ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {(log.page > 1 || log.hasOlder) && (
        <nav aria-label="Страницы журнала аудита" className="mt-4 flex items-center gap-4">
          {log.page > 1 && <Link href={query(log.page - 1)} className="text-accent underline">← Новее</Link>}
          <span>Страница {log.page}</span>
          {log.hasOlder && <Link href={query(log.page + 1)} className="text-accent underline">Старше →</Link>}
        </nav>
      )}
    </div>
  );
}
