// One subject's marks in a term with the forecast explained: /diary/[studentId]/marks/[courseId]?period=<id>.
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { requireUser } from '@/lib/auth/current-user';
import { openDiary, parseStudentId } from '@/lib/data/diary/open';
import { diaryMarks } from '@/lib/data/diary/marks';
import { formatAverage } from '@/lib/domain/averages';
import { formatDateRu } from '@/lib/domain/calendar';
import { formatWeight } from '@/lib/domain/diary-format';
import { DiaryHeader } from '@/components/diary/diary-header';
import { closedDiaryOrNotFound } from '@/components/diary/closed-diary';
import { ForecastBox } from '@/components/diary/forecast-text';
import { markTone } from '@/components/diary/mark-badge';

export const metadata: Metadata = { title: 'Дневник: отметки по предмету' };

type Props = { params: Promise<{ studentId: string; courseId: string }>; searchParams: Promise<{ period?: string | string[] }> };

export default async function DiarySubjectPage({ params, searchParams }: Props) {
  const user = await requireUser();
  const { studentId: rawStudent, courseId: rawCourse } = await params;
  const studentId = parseStudentId(rawStudent);
  const requested = Number((await searchParams).period);
  const [diary, page] = await Promise.all([openDiary(user, studentId), diaryMarks(user, studentId, Number.isSafeInteger(requested) ? requested : null)]);
  const subject = page?.subjects.find((s) => String(s.courseId) === rawCourse);
  // Not this family's, or closed by the family's refusal: the latter is explained.
  if (!diary) return closedDiaryOrNotFound(user, studentId, 'marks');
  if (!page || !subject) notFound();
  const teacher = diary.student.courses.get(subject.courseId)?.teachers[0]?.fullName;
  return (
    <div className="mx-auto max-w-3xl space-y-5">
      <DiaryHeader diary={diary} section="marks" />
      <p>
        <Link prefetch={false} href={`/diary/${studentId}/marks?period=${page.period.id}`} className="inline-flex min-h-11 items-center text-accent underline">
          ← Все предметы
        </Link>
      </p>
      <div>
        <h2 className="text-xl font-bold">
          {subject.subject}
          {subject.group && <span className="ml-1 font-normal text-muted">({subject.group})</span>}
        </h2>
        <p className="text-muted">
          {page.period.name}
          {teacher ? ` · учитель: ${teacher}` : ''}
        </p>
      </div>
      <dl className="grid grid-cols-3 gap-2 text-center">
        <div className="rounded-lg border border-line bg-white p-2">
          <dt className="text-sm text-muted">Отметок</dt>
          <dd className="text-xl font-bold">{subject.count}</dd>
        </div>
        <div className="rounded-lg border border-line bg-white p-2">
          <dt className="text-sm text-muted">Средний балл</dt>
          <dd className="text-xl font-bold">{formatAverage(subject.average)}</dd>
        </div>
        <div className="rounded-lg border border-line bg-white p-2">
          <dt className="text-sm text-muted">Средне&shy;взвешенный</dt>
          <dd className="text-xl font-bold">{formatAverage(subject.weightedAverage)}</dd>
        </div>
      </dl>
      {subject.earlierClasses && <p className="text-sm text-muted">Вместе с отметками в {subject.earlierClasses.join(', ')} до перевода: они входят в отметку за период.</p>}
      {subject.forecast && <ForecastBox forecast={subject.forecast} />}
      <section aria-labelledby="marks-list" className="space-y-2">
        <h2 id="marks-list" className="text-lg font-bold">Все отметки</h2>
        {subject.marks.length === 0 ? (
          <p className="text-muted">Отметок в этом периоде пока нет.</p>
        ) : (
          <ol className="divide-y divide-line rounded-lg border border-line bg-white">
            {subject.marks.map((m) => (
              <li key={m.id} className="flex items-start gap-3 p-3">
                <span className={`flex h-11 min-w-11 shrink-0 items-center justify-center rounded-md border text-xl font-bold ${markTone(subject.scale, m.value)}`}>
                  <span className="sr-only">Отметка </span>
                  {m.value}
                </span>
                <span className="min-w-0">
                  <span className="block">
                    {m.workType}
                    <span className="text-muted"> · вес {formatWeight(m.weight)}</span>
                  </span>
                  <span className="block text-sm text-muted">{formatDateRu(m.date)}{m.slot ? `, ${m.slot}-й урок` : ''}</span>
                  {m.comment && <span className="mt-1 block border-l-[3px] border-line pl-2 text-sm">{m.comment}</span>}
                </span>
              </li>
            ))}
          </ol>
        )}
      </section>
    </div>
  );
}
