// The outbox of letters to families: what was sent, what waits for a retry and why, and — when
// SMTP is not configured (the demo) — the letters kept instead of sent, readable here.
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { requireUser } from '@/lib/auth/current-user';
import { formatInstantRu } from '@/lib/domain/diary-format';
import { isNotificationStatus, KIND_LABELS, readOutbox, STATUS_LABELS } from '@/lib/data/outbox';

export const metadata = { title: 'Очередь уведомлений' };

type Props = { searchParams: Promise<{ status?: string; kind?: string; page?: string }> };


const STATUS_STYLE: Record<string, string> = { SENT: 'text-ok', FAILED: 'text-danger font-bold', HELD: 'text-muted', PENDING: '', SENDING: '' };

export default async function OutboxPage({ searchParams }: Props) {
  const user = await requireUser();
  const params = await searchParams;
  const status = isNotificationStatus(params.status) ? params.status : undefined;
  const outbox = await readOutbox(user, { status, kind: params.kind || undefined, page: Number(params.page) || 1 });
  if (!outbox) redirect('/forbidden');
  const query = (page: number) => `/admin/outbox?${new URLSearchParams({ ...(status ? { status } : {}), ...(params.kind ? { kind: params.kind } : {}), page: String(page) })}`;
  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-2xl font-bold">Очередь уведомлений</h1>
        <p className="max-w-3xl text-muted">
          Письма семьям, выбравшим получение сведений по электронной почте: дневник за неделю, прогноз итоговых отметок, сообщения
          об итоговых отметках. Каждое письмо отправляется один раз; при сбое почтового сервера — повторные попытки с растущим
          интервалом. Если почтовый сервер (SMTP_URL) не настроен, письма сохраняются здесь со статусом «задержано»; когда его
          настроят, задержанные за последние 7 дней письма будут отправлены, более старые останутся здесь.
        </p>
      </div>
      <p className="text-sm" role="status">
        {Object.entries(outbox.counts).map(([s, n]) => `${STATUS_LABELS[s as keyof typeof STATUS_LABELS]}: ${n}`).join(' · ')}
      </p>
      <form className="flex flex-wrap items-end gap-3 rounded-lg border border-line bg-white p-3">
        <label className="flex flex-col text-sm">Состояние
          <select name="status" defaultValue={status ?? ''} className="mt-1 rounded-md border border-line px-3 py-2 text-base">
            <option value="">Все</option>
            {Object.entries(STATUS_LABELS).map(([v, l]) => <option key={v} value={v}>{l}</option>)}
          </select>
        </label>
        <label className="flex flex-col text-sm">Вид
          <select name="kind" defaultValue={params.kind ?? ''} className="mt-1 rounded-md border border-line px-3 py-2 text-base">
            <option value="">Все</option>
            {Object.entries(KIND_LABELS).map(([v, l]) => <option key={v} value={v}>{l}</option>)}
          </select>
        </label>
        <button className="rounded-md border border-accent px-4 py-2 text-accent">Показать</button>
      </form>
      <div className="overflow-x-auto rounded-lg border border-line bg-white">
        <table className="w-full text-left text-sm">
          <thead className="border-b border-line bg-accent-soft">
            <tr>
              <th scope="col" className="px-3 py-2">Создано</th><th scope="col" className="px-3 py-2">Вид</th><th scope="col" className="px-3 py-2">Кому</th>
              <th scope="col" className="px-3 py-2">Тема</th><th scope="col" className="px-3 py-2">Состояние</th><th scope="col" className="px-3 py-2">Попытки</th>
            </tr>
          </thead>
          <tbody>
            {outbox.rows.map((r) => (
              <tr key={r.id} className="border-b border-line align-top last:border-0">
                <td className="whitespace-nowrap px-3 py-2">{formatInstantRu(r.createdAt, user.timeZone)}</td>
                <td className="px-3 py-2">{KIND_LABELS[r.kind] ?? r.kind}</td>
                <td className="px-3 py-2">{r.toAddress}</td>
                <td className="px-3 py-2"><Link href={`/admin/outbox/${r.id}`} className="text-accent underline">{r.subject}</Link></td>
                <td className={`px-3 py-2 ${STATUS_STYLE[r.status]}`}>
                  {STATUS_LABELS[r.status]}
                  {r.sentAt && <span className="block text-muted">{formatInstantRu(r.sentAt, user.timeZone)}</span>}
                  {r.status === 'PENDING' && r.attempts > 0 && <span className="block text-muted">повтор {formatInstantRu(r.nextAttemptAt, user.timeZone)}</span>}
                  {r.lastError && <span className="block max-w-xs break-words text-xs text-danger">{r.lastError}</span>}
                </td>
                <td className="px-3 py-2 text-center">{r.attempts}</td>
              </tr>
            ))}
            {outbox.rows.length === 0 && <tr><td colSpan={6} className="px-3 py-4 text-center text-muted">Писем нет</td></tr>}
          </tbody>
        </table>
      </div>
      {outbox.pages > 1 && (
        <nav aria-label="Страницы" className="flex gap-3 text-sm">
          {outbox.page > 1 && <Link href={query(outbox.page - 1)} className="text-accent underline">← Новее</Link>}
          <span>Страница {outbox.page} из {outbox.pages}</span>
          {outbox.page < outbox.pages && <Link href={query(outbox.page + 1)} className="text-accent underline">Старше →</Link>}
        </nav>
      )}
    </div>
  );
}
