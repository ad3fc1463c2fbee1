// What is late or missing by the regulations' deadlines, grouped by lesson, newest first.
import Link from 'next/link';
import { formatDayMonthRu } from '@/lib/domain/calendar';
import type { OverdueItem } from '@/lib/data/journal/deadlines';

const SHOWN = 30;

export function OverdueList({ items }: { items: OverdueItem[] }) {
  if (!items.length) return <p className="rounded-lg border border-line bg-white p-4 text-muted">Просроченных записей нет.</p>;
  const byLesson = new Map<number, OverdueItem[]>();
  for (const i of items) byLesson.set(i.lessonId, [...(byLesson.get(i.lessonId) ?? []), i]);
  const lessons = [...byLesson.values()];
  return (
    <>
      <ul className="divide-y divide-line rounded-lg border border-line bg-white">
        {lessons.slice(0, SHOWN).map((list) => {
          const l = list[0];
          return (
            <li key={l.lessonId} className="flex flex-wrap items-baseline gap-x-3 gap-y-1 px-4 py-2">
              <Link href={`/journal/lessons/${l.lessonId}`} className="min-w-64 text-accent underline">{formatDayMonthRu(l.date)}, {l.slot}-й урок · {l.courseTitle}</Link>
              <span className="flex flex-wrap gap-1">
                {list.map((i) => (
                  <span key={i.rule} className={`rounded px-2 py-0.5 text-sm ${i.status === 'missing' ? 'bg-red-50 text-danger' : 'bg-amber-50 text-amber-900'}`}>{i.text}</span>
                ))}
              </span>
            </li>
          );
        })}
      </ul>
      {lessons.length > SHOWN && <p className="text-sm text-muted">И ещё уроков: {lessons.length - SHOWN}.</p>}
    </>
  );
}
