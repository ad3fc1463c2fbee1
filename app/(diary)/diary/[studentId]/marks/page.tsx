// Marks by subject for a term: /diary/[studentId]/marks?period=<id> (the current term without).
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { requireUser } from '@/lib/auth/current-user';
import { openDiary, parseStudentId } from '@/lib/data/diary/open';
import { diaryMarks } from '@/lib/data/diary/marks';
import { formatAverage } from '@/lib/domain/averages';
import { formatDateRu } from '@/lib/domain/calendar';
import { DiaryHeader } from '@/components/diary/diary-header';
import { closedDiaryOrNotFound } from '@/components/diary/closed-diary';
import { PeriodLinks } from '@/components/diary/period-links';
import { MarkBadge } from '@/components/diary/mark-badge';
import { forecastShort } from '@/components/diary/forecast-text';
import { AttendanceSummary } from '@/components/diary/attendance-summary';

export const metadata: Metadata = { title: 'Дневник: отметки' };

type Props = { params: Promise<{ studentId: string }>; searchParams: Promise<{ period?: string | string[] }> };

export default async function DiaryMarksPage({ params, searchParams }: Props) {
  const user = await requireUser();
  const studentId = parseStudentId((await params).studentId);
  const requested = Number((await searchParams).period);
  const [diary, page] = await Promise.all([openDiary(user, studentId), diaryMarks(user, studentId, Number.isSafeInteger(requested) ? requested : null)]);
  // Not this family's, or closed by the family's refusal: the latter is explained.
  if (!diary) return closedDiaryOrNotFound(user, studentId, 'marks');
  if (!page) notFound();
  const base = `/diary/${studentId}/marks`;
  return (
    <div className="mx-auto max-w-3xl space-y-5">
      <DiaryHeader diary={diary} section="marks" />
      <PeriodLinks periods={page.terms} currentId={page.period.id} href={(id) => `${base}?period=${id}`} label="Учебный период" />
      <section aria-labelledby="subjects-title" className="space-y-3">
        <h2 id="subjects-title" className="text-xl font-bold">Отметки: {page.period.name}</h2>
        {page.subjects.length === 0 && <p className="text-muted">В этом периоде предметов нет.</p>}
        <ul className="space-y-3" aria-label="Предметы">
          {page.subjects.map((s) => (
            <li key={s.courseId} className="rounded-lg border border-line bg-white">
              <Link prefetch={false} href={`${base}/${s.courseId}?period=${page.period.id}`} className="block space-y-2 p-3 hover:bg-accent-soft sm:p-4">
                <span className="flex items-baseline justify-between gap-3">
                  <span className="font-bold text-accent underline underline-offset-2">{s.group ? `${s.subject} (${s.group})` : s.subject}</span>
                  <span className="shrink-0 text-sm">
                    Прогноз: <b className="text-base">{forecastShort(s)}</b>
                  </span>
                </span>
                {s.marks.length > 0 ? (
                  <span className="flex flex-wrap gap-1.5">
                    {s.marks.map((m) => (
                      <MarkBadge key={m.id} value={m.value} scale={s.scale} workType={`${m.workType}, ${formatDateRu(m.date)}`} weight={m.weight} compact />
                    ))}
                  </span>
                ) : (
                  <span className="block text-sm text-muted">Отметок пока нет</span>
                )}
                <span className="block text-sm text-muted">
                  Средний балл {formatAverage(s.average)} · средневзвешенный {formatAverage(s.weightedAverage)} · отметок: {s.count}
                </span>
                {s.earlierClasses && <span className="block text-sm text-muted">Вместе с отметками в {s.earlierClasses.join(', ')} до перевода: они входят в отметку за период.</span>}
              </Link>
            </li>
          ))}
        </ul>
      </section>
      {page.comments.length > 0 && (
        <section aria-labelledby="comments-title" className="space-y-2">
          <h2 id="comments-title" className="text-xl font-bold">Комментарии учителей</h2>
          <ul className="divide-y divide-line rounded-lg border border-line bg-white">
            {page.comments.map((c) => (
              <li key={c.id} className="p-3 sm:p-4">
                <p className="text-sm text-muted">
                  {formatDateRu(c.date)} · {c.subject} · отметка {c.value} ({c.workType})
                </p>
                <p>{c.comment}</p>
              </li>
            ))}
          </ul>
        </section>
      )}
      <AttendanceSummary rows={page.attendance} />
    </div>
  );
}
