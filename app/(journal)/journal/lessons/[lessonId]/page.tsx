// A lesson's page (a grid column header links here): date, slot, topic with the next КТП topic
// offered, kind, planned test, substitute, class and individual homework with attachments.
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { requireUser } from '@/lib/auth/current-user';
import { parseId } from '@/lib/ids';
import { formatDayHeaderRu } from '@/lib/domain/calendar';
import { lessonDetails } from '@/lib/data/journal/lesson-details';
import { HomeworkSection } from './_components/homework-section';
import { LessonForm } from './_components/lesson-form';

export const metadata = { title: 'Урок' };

export default async function LessonPage({ params }: { params: Promise<{ lessonId: string }> }) {
  const user = await requireUser();
  const id = parseId((await params).lessonId);
  if (id === null) notFound();
  const lesson = await lessonDetails(user, id);
  if (!lesson) notFound();
  return (
    <div className="space-y-6">
      <div>
        <p className="text-sm"><Link className="text-accent underline" href={`/journal/courses/${lesson.courseId}`}>← {lesson.courseTitle}</Link></p>
        <h1 className="text-2xl font-bold">{lesson.courseTitle}</h1>
        <p className="text-muted">
          {formatDayHeaderRu(lesson.date)}, {lesson.slot}-й урок{lesson.time ? ` (${lesson.time})` : ''} · ведёт {lesson.teacher.name}
          {lesson.isSubstitution && <span className="ml-2 rounded bg-accent-soft px-2 py-0.5 text-sm text-ink">замена</span>}
        </p>
        {lesson.timetableChange && lesson.timetableChange.kind !== 'SUBSTITUTION' && (
          <p className="text-sm text-muted">Изменение расписания: {lesson.timetableChange.kind === 'CANCELLED' ? 'урок отменён' : lesson.timetableChange.kind === 'MOVED' ? 'урок перенесён' : 'другой кабинет'}{lesson.timetableChange.reason ? ` — ${lesson.timetableChange.reason}` : ''}</p>
        )}
        {!lesson.writable && (
          <p className="mt-2 rounded-md bg-stone-100 p-2 text-sm">
            {lesson.yearEnded ? 'Только просмотр: учебный год этого журнала завершён.' : 'Только просмотр: этот урок ведёт другой учитель.'}
          </p>
        )}
      </div>
      <LessonForm lesson={lesson} />
      <HomeworkSection lesson={lesson} />
    </div>
  );
}
