// The families' acknowledgements of a period's final marks and their messages (seed 003 §9), for
// the class teacher and management: /class/[classId]/acknowledgements?period=<id>. The class
// teacher answers the messages here; the parent reads the answer in the diary's results.
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { requireUser } from '@/lib/auth/current-user';
import { parseId } from '@/lib/ids';
import { classAcknowledgements } from '@/lib/data/diary/class-acks';
import { REPLY_MAX_LENGTH } from '@/lib/data/diary/class-reply';
import { PeriodLinks } from '@/components/diary/period-links';
import { ReplyForm } from './reply-form';

export const metadata: Metadata = { title: 'Ознакомление с итоговыми отметками' };

type Props = { params: Promise<{ classId: string }>; searchParams: Promise<{ period?: string }> };

/** A family that cannot acknowledge in the diary is not flagged: the class teacher informs it otherwise. */
const OFFLINE = {
  REFUSED: 'Отказ от электронной формы: подтвердить в дневнике семья не может',
  NO_ACCOUNT: 'У родителей нет входа в дневник: подтвердить в дневнике семья не может',
} as const;

export default async function AcknowledgementsPage({ params, searchParams }: Props) {
  const user = await requireUser();
  const classId = parseId((await params).classId);
  if (classId === null) notFound();
  const data = await classAcknowledgements(user, classId, parseId((await searchParams).period));
  if (!data) notFound();
  const unread = data.messages.filter((m) => !m.read).length;
  return (
    <div className="max-w-3xl space-y-5">
      <h1 className="text-2xl font-bold">{data.className}: ознакомление с итоговыми отметками</h1>
      <p className="text-muted">
        <Link prefetch={false} href={`/class/${classId}/diary-checks?period=${data.period.id}`} className="text-accent underline">Проверка дневников родителями</Link>
      </p>
      <PeriodLinks periods={data.periods} currentId={data.period.id} href={(id) => `/class/${classId}/acknowledgements?period=${id}`} label="Учебный период" />
      <p role="status">
        {data.period.name}: итоги опубликованы для {data.summary.published} из {data.summary.pupils} учеников, ознакомились семьи{' '}
        <b>{data.summary.acknowledged}</b>
        {data.summary.offline > 0 && <>; не могут подтвердить в дневнике (отказ от электронной формы, нет входа): {data.summary.offline}</>}.
      </p>
      <ul className="divide-y divide-line rounded-lg border border-line bg-white" aria-label="Ученики класса">
        {data.rows.map((r) => (
          <li key={r.studentId} className="p-3" data-testid={`ack-row-${r.studentId}`}>
            <span className="block font-bold">{r.pupil}</span>
            {r.acks.length === 0 ? (
              <span className={r.published && !r.offline ? 'text-danger' : 'text-muted'}>
                {!r.published ? 'Итоги ещё не опубликованы' : r.offline ? OFFLINE[r.offline] : 'Не ознакомились'}
              </span>
            ) : (
              r.acks.map((a, i) => (
                <span key={i} className="block">
                  {a.outdated
                    ? <span className="text-danger">{a.parent}, {a.at} — до публикации новых отметок; с ними ещё не ознакомились</span>
                    : <span className="text-ok">✓ {a.parent}, {a.at}</span>}
                  {a.message && <span className="mt-1 block border-l-[3px] border-line pl-2">{a.message}</span>}
                </span>
              ))
            )}
          </li>
        ))}
      </ul>
      <section aria-labelledby="messages-title" className="space-y-2">
        <h2 id="messages-title" className="text-xl font-bold">
          Сообщения от родителей{unread > 0 && <span className="ml-2 text-base font-normal text-danger">новых: {unread}</span>}
        </h2>
        {data.messages.length === 0 ? (
          <p className="text-muted">Сообщений нет.</p>
        ) : (
          <ul className="divide-y divide-line rounded-lg border border-line bg-white">
            {data.messages.map((m) => (
              <li key={m.id} className="p-3">
                <span className="block text-sm text-muted">
                  {!m.read && <b className="mr-1 text-danger">новое ·</b>}
                  {m.at} · {m.from}
                  {m.pupil ? ` (${m.pupil})` : ''}
                  {m.kind === 'FINAL_MARKS_ACK' ? ' · ознакомление с итогами' : ''}
                  {m.to && ` · кому: ${m.to.name}${m.to.former ? ' (прежний классный руководитель)' : ''}`}
                </span>
                <span className="block whitespace-pre-line">{m.body}</span>
                {m.reply ? (
                  <span className="mt-2 block border-l-[3px] border-accent pl-2">
                    <span className="block text-sm text-muted">Ответ · {m.reply.at} · {m.reply.from}</span>
                    <span className="block whitespace-pre-line">{m.reply.body}</span>
                  </span>
                ) : (
                  data.canReply && <ReplyForm classId={data.classId} messageId={m.id} maxLength={REPLY_MAX_LENGTH} />
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
