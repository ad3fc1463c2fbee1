// One letter of the outbox in full: its state and, as the family would see it, the text part and
// the HTML part (shown in a sandboxed frame: no scripts, no access to this page) — the parts only
// to a reader of the pupil's diary (lib/data/outbox.ts).
import Link from 'next/link';
import { notFound, redirect } from 'next/navigation';
import { requireUser } from '@/lib/auth/current-user';
import { parseId } from '@/lib/ids';
import { formatInstantRu } from '@/lib/domain/diary-format';
import { KIND_LABELS, readOutboxMessage, STATUS_LABELS } from '@/lib/data/outbox';

export const metadata = { title: 'Письмо из очереди' };

type Props = { params: Promise<{ id: string }> };


export default async function OutboxMessagePage({ params }: Props) {
  const user = await requireUser();
  if (!user.permissions.has('outbox:read')) redirect('/forbidden');
  const id = parseId((await params).id);
  if (id === null) notFound();
  const m = await readOutboxMessage(user, id);
  if (!m) notFound();
  return (
    <div className="space-y-4">
      <p className="text-sm"><Link href="/admin/outbox" className="text-accent underline">← Очередь уведомлений</Link></p>
      <h1 className="text-2xl font-bold">{m.subject}</h1>
      <dl className="grid max-w-3xl grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
        <dt className="text-muted">Вид</dt><dd>{KIND_LABELS[m.kind] ?? m.kind}</dd>
        <dt className="text-muted">Кому</dt><dd>{m.toAddress}</dd>
        <dt className="text-muted">Состояние</dt><dd>{STATUS_LABELS[m.status]}{m.sentAt ? `, ${formatInstantRu(m.sentAt, user.timeZone, 'seconds')}` : ''}</dd>
        <dt className="text-muted">Попыток</dt><dd>{m.attempts}{m.status === 'PENDING' && m.attempts > 0 ? `, следующая ${formatInstantRu(m.nextAttemptAt, user.timeZone, 'seconds')}` : ''}</dd>
        {m.lastError && (<><dt className="text-muted">Последняя ошибка</dt><dd className="text-danger">{m.lastError}</dd></>)}
        <dt className="text-muted">Создано</dt><dd>{formatInstantRu(m.createdAt, user.timeZone, 'seconds')}</dd>
        <dt className="text-muted">Ключ</dt><dd className="font-mono text-xs">{m.dedupeKey}</dd>
      </dl>
      {m.html && (
        <section>
          <h2 className="mb-2 text-lg font-bold">Письмо (HTML)</h2>
          <iframe title="Письмо" sandbox="" srcDoc={m.html} className="h-[36rem] w-full rounded-lg border border-line bg-white" />
        </section>
      )}
      {m.bodyHidden ? (
        <p role="note" className="max-w-3xl rounded-lg border border-line bg-white p-3">
          Текст письма не показывается: в нём сведения об успеваемости ученика, которые читают только семья, классный руководитель и управление школы.
        </p>
      ) : m.text === '' && !m.html ? (
        <p role="note" className="max-w-3xl rounded-lg border border-line bg-white p-3">
          Текст письма удалён: письмо отменено перед отправкой, и сведения об ученике в нём больше не нужны.
        </p>
      ) : (
        <section>
          <h2 className="mb-2 text-lg font-bold">Текстовая часть</h2>
          <pre className="max-h-[36rem] overflow-auto whitespace-pre-wrap rounded-lg border border-line bg-white p-3 text-sm">{m.text}</pre>
        </section>
      )}
    </div>
  );
}
