// Final results: period, year and exam marks once published and visible; the parent acknowledges
// each period's marks here with a message to the class teacher (seed 003 §9), and reads the class
// teacher's answers to their messages.
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { requireUser } from '@/lib/auth/current-user';
import { openDiary, parseStudentId } from '@/lib/data/diary/open';
import { diaryResults, type Reply, type ResultsPeriod } from '@/lib/data/diary/results';
import { markRepliesRead } from '@/lib/data/diary/reply-read';
import { enrollmentOn } from '@/lib/data/diary/context';
import { formatDateRu } from '@/lib/domain/calendar';
import { formatScoreRu } from '@/lib/domain/diary-format';
import { DiaryHeader } from '@/components/diary/diary-header';
import { closedDiaryOrNotFound } from '@/components/diary/closed-diary';
import { ResultsTable } from '@/components/diary/results-table';
import { AckForm } from '@/components/diary/ack-form';

export const metadata: Metadata = { title: 'Дневник: итоговые отметки' };

type Props = { params: Promise<{ studentId: string }> };

/** This year's periods, then each earlier year's: one table each, as term names repeat yearly. */
function byYear(periods: ResultsPeriod[]): ResultsPeriod[][] {
  const groups = new Map<string, ResultsPeriod[]>();
  for (const p of periods) {
    const key = p.yearLabel ?? '';
    groups.set(key, [...(groups.get(key) ?? []), p]);
  }
  return [...groups.values()];
}

function ReplyText({ reply }: { reply: Reply }) {
  return (
    <span className="mt-1 block border-l-[3px] border-accent pl-2 text-ink">
      <span className="block text-muted">
        {reply.isNew && <span className="mr-1.5 rounded-full bg-accent px-2 py-0.5 text-xs font-bold text-white">Новый</span>}
        Ответ классного руководителя ({reply.from}), {reply.at}:
      </span>
      <span className="block whitespace-pre-line">{reply.body}</span>
    </span>
  );
}

export default async function DiaryResultsPage({ params }: Props) {
  const user = await requireUser();
  const studentId = parseStudentId((await params).studentId);
  const [diary, results] = await Promise.all([openDiary(user, studentId), diaryResults(user, studentId)]);
  // Not this family's, or closed by the family's refusal: the latter is explained.
  if (!diary) return closedDiaryOrNotFound(user, studentId, 'results');
  if (!results) notFound();
  // Read now, after the answers were read with their unread state (shown «Новый» this once); only
  // when the family statement found one waiting, so an ordinary visit writes nothing.
  if (results.isGuardian && diary.children.some((c) => c.id === studentId && c.newReply)) await markRepliesRead(user, studentId);
  const classTeacher = enrollmentOn(diary.student, diary.today)?.classTeacher?.name ?? null;
  const withResults = results.periods.filter((p) => p.hasResults);
  // The answers sit below the tables: a parent who came for the tab's «новый ответ» is sent to them.
  const newInAcks = withResults.some((p) => p.acks.some((a) => a.reply?.isNew));
  const newAnswer = newInAcks ? '#ack-title' : results.replies.some((m) => m.reply.isNew) ? '#replies-title' : null;
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <DiaryHeader diary={diary} section="results" />
      {newAnswer && (
        <p className="rounded-lg border border-accent bg-white p-3">
          Классный руководитель ответил на ваше сообщение. <a href={newAnswer} className="font-bold text-accent underline">Прочитать ответ</a>
        </p>
      )}
      <section aria-labelledby="finals-title" className="space-y-3">
        <h2 id="finals-title" className="text-xl font-bold">Итоговые отметки</h2>
        {results.subjects.length === 0 ? (
          <p className="rounded-lg border border-line bg-white p-4 text-muted">Итоговые отметки пока не опубликованы.</p>
        ) : (
          byYear(results.periods).map((periods) => {
            const subjects = results.subjects.filter((s) => periods.some((p) => s.cells[p.id]));
            const label = periods[0].yearLabel;
            return label ? (
              <div key={label} className="space-y-2">
                <h3 className="font-bold">{label} учебный год</h3>
                <ResultsTable periods={periods} subjects={subjects} />
              </div>
            ) : subjects.length ? (
              <ResultsTable key="this-year" periods={periods} subjects={subjects} />
            ) : (
              <p key="this-year" className="rounded-lg border border-line bg-white p-4 text-muted">За этот учебный год итоговые отметки пока не опубликованы.</p>
            );
          })
        )}
        {/* The delay is fixed for each result when it is published: a change of the setting moves no result already published. */}
        <p className="text-sm text-muted">Итоговые отметки и результаты ГИА, опубликованные сейчас, появятся здесь {results.visibleAfter} после публикации; опубликованные раньше — в срок, назначенный при их публикации.</p>
      </section>

      {withResults.length > 0 && (
        <section aria-labelledby="ack-title" className="space-y-3">
          <h2 id="ack-title" className="text-xl font-bold">Ознакомление с итогами</h2>
          {withResults.map((p) => (
            <div key={p.id} className="space-y-2 rounded-lg border border-line bg-white p-3 sm:p-4" data-testid={`ack-${p.id}`}>
              <h3 className="font-bold">{p.name}{p.yearLabel && `, ${p.yearLabel} учебный год`}</h3>
              {p.acks.map((a) => (
                <p key={a.parentId} className="text-sm">
                  <span className="font-bold text-ok">✓ Ознакомлен(а): </span>
                  {a.parentId === user.id ? 'вы' : a.parent}, {a.at}
                  {a.outdated && <span className="block text-danger">После этого опубликованы новые отметки.</span>}
                  {a.message && <span className="mt-1 block border-l-[3px] border-line pl-2 text-ink">{a.message}</span>}
                  {a.reply && <ReplyText reply={a.reply} />}
                </p>
              ))}
              {p.canAcknowledge && <AckForm studentId={studentId} periodId={p.id} periodName={p.yearLabel ? `${p.name} ${p.yearLabel}` : p.name} classTeacher={classTeacher} />}
              {!p.acks.length && !p.canAcknowledge && <p className="text-sm text-muted">Родители ещё не подтвердили ознакомление.</p>}
            </div>
          ))}
        </section>
      )}

      {results.replies.length > 0 && (
        <section aria-labelledby="replies-title" className="space-y-3">
          <h2 id="replies-title" className="text-xl font-bold">Ответы на ваши сообщения</h2>
          <ul className="divide-y divide-line rounded-lg border border-line bg-white">
            {results.replies.map((m, i) => (
              <li key={i} className="p-3 text-sm">
                <span className="block text-muted">Вы писали {m.at}:</span>
                <span className="block whitespace-pre-line">{m.body}</span>
                <ReplyText reply={m.reply} />
              </li>
            ))}
          </ul>
        </section>
      )}

      <section aria-labelledby="exams-title" className="space-y-3">
        <h2 id="exams-title" className="text-xl font-bold">Государственная итоговая аттестация</h2>
        {results.exams.length === 0 ? (
          <p className="text-muted">Результатов ГИА нет.</p>
        ) : (
          <ul className="divide-y divide-line rounded-lg border border-line bg-white">
            {results.exams.map((e) => (
              <li key={e.id} className="flex items-center justify-between gap-3 p-3">
                <span>
                  <span className="font-bold">{e.subject}</span>
                  <span className="block text-sm text-muted">{e.kind}, {formatDateRu(e.date)}</span>
                </span>
                <span className="text-right">
                  {e.mark && <span className="block text-xl font-bold">{e.mark}</span>}
                  {e.score !== null && <span className="block text-sm text-muted">{formatScoreRu(e.score)}</span>}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
