// What is late or missing by the regulations' deadlines, grouped by lesson, newest first. A lesson
// the timetable planned and no one opened has no page yet: its teacher gets the button that opens
// it (late entry is allowed, and stays flagged), others a link to the course's journal.
import Link from 'next/link';
import { formatDayMonthRu } from '@/lib/domain/calendar';
import { overdueLessonKey, type OverdueItem } from '@/lib/data/journal/deadlines';
import { OpenLessonButton } from './open-lesson-button';

type Props = {
  items: OverdueItem[];
  /** 'open': the viewer keeps these lessons and may open them; 'link': they only read the journal. */
  unopened?: 'open' | 'link';
  /** How many lessons to list; the rest are counted. */
  limit?: number;
  /** Where the full list is, for the «and N more» line. */
  moreHref?: string;
};

function groupByLesson(items: readonly OverdueItem[]): OverdueItem[][] {
  const byLesson = new Map<string, OverdueItem[]>();
  for (const i of items) {
    const key = overdueLessonKey(i);
    byLesson.set(key, [...(byLesson.get(key) ?? []), i]);
  }
  return [...byLesson.values()];
}

export function OverdueList({ items, unopened = 'open', limit = 30, moreHref }: Props) {
  if (!items.length) return <p className="rounded-lg border border-line bg-white p-4 text-muted">Просроченных записей нет.</p>;
  const lessons = groupByLesson(items);
  return (
    <>
      <ul className="divide-y divide-line rounded-lg border border-line bg-white">
        {lessons.slice(0, limit).map((list) => {
          const l = list[0];
          const title = `${formatDayMonthRu(l.date)}, ${l.slot}-й урок · ${l.courseTitle}`;
          return (
            <li key={overdueLessonKey(l)} className="flex flex-wrap items-baseline gap-x-3 gap-y-1 px-4 py-2">
              {l.lessonId !== null ? (
                <Link href={`/journal/lessons/${l.lessonId}`} className="min-w-64 text-accent underline">{title}</Link>
              ) : unopened === 'link' ? (
                <Link href={`/journal/courses/${l.courseId}`} className="min-w-64 text-accent underline">{title}</Link>
              ) : (
                <span className="min-w-64">{title}</span>
              )}
              <span className="flex flex-wrap items-baseline gap-1">
                {l.lessonId === null && (
                  <span className="rounded bg-red-100 px-2 py-0.5 text-sm font-bold text-danger">Урок не открыт в журнале</span>
                )}
                {list.map((i) => (
                  <span key={i.rule} className={`rounded px-2 py-0.5 text-sm ${i.status === 'missing' ? 'bg-red-50 text-danger' : 'bg-amber-50 text-amber-900'}`}>{i.text}</span>
                ))}
                {l.lessonId === null && unopened === 'open' && <OpenLessonButton courseId={l.courseId} date={l.date} slot={l.slot} />}
              </span>
            </li>
          );
        })}
      </ul>
      {lessons.length > limit && (
        <p className="text-sm text-muted">
          И ещё уроков: {lessons.length - limit}.{moreHref && <> <Link href={moreHref} className="text-accent underline">Показать все</Link></>}
        </p>
      )}
    </>
  );
}
