// The week as a paper diary shows it: one card per school day, lessons in order, then the term's
// averages and forecasts. Server-rendered; navigation is plain links with the week in the URL.
import Link from 'next/link';
import type { DiaryWeek } from '@/lib/data/diary/week';
import { LessonItem } from './lesson-item';
import { MarkBadge } from './mark-badge';
import { SubjectTable } from './subject-table';
import { capitalizeRu } from '@/lib/domain/russian';
import './diary.css';

const navLink = 'inline-flex min-h-11 items-center justify-center rounded-md border border-line bg-white px-3 hover:border-accent';

export function WeekNav({ week, basePath, label }: { week: DiaryWeek; basePath: string; label: string }) {
  return (
    <nav aria-label={label} className="flex items-center justify-between gap-2">
      <Link prefetch={false} href={`${basePath}?week=${week.previousMonday}`} className={navLink} aria-label="Предыдущая неделя">
        <span aria-hidden="true">←</span>
        <span className="ml-1 hidden sm:inline">Предыдущая</span>
      </Link>
      {week.isCurrentWeek ? (
        <span className="text-sm text-muted">Текущая неделя</span>
      ) : (
        <Link prefetch={false} href={basePath} className={`${navLink} font-bold text-accent`}>
          Сегодня
        </Link>
      )}
      <Link prefetch={false} href={`${basePath}?week=${week.nextMonday}`} className={navLink} aria-label="Следующая неделя">
        <span className="mr-1 hidden sm:inline">Следующая</span>
        <span aria-hidden="true">→</span>
      </Link>
    </nav>
  );
}

export function WeekView({ week }: { week: DiaryWeek }) {
  const basePath = `/diary/${week.student.id}`;
  return (
    <div className="space-y-4">
      <h2 className="text-xl font-bold" id="week-title">
        Неделя: {week.label}
      </h2>
      <WeekNav week={week} basePath={basePath} label="Недели" />
      {week.days.map((day) => (
        <section key={day.date} aria-labelledby={`day-${day.date}`} className={day.isToday ? 'dw-day today' : 'dw-day'}>
          <h3 id={`day-${day.date}`}>
            {capitalizeRu(day.title)}
            {day.isToday && <small>сегодня</small>}
          </h3>
          {day.holiday && day.lessons.length === 0 ? (
            <p>
              <b className="text-ok">Выходной: </b>
              {day.holiday}
            </p>
          ) : day.lessons.length === 0 ? (
            <p className="text-muted">Уроков нет</p>
          ) : (
            <ol className="dw-lessons">
              {day.lessons.map((l) => (
                <LessonItem key={l.key} lesson={l} studentId={week.student.id} />
              ))}
            </ol>
          )}
          {day.otherMarks.length > 0 && (
            <div className="border-t border-line px-3 py-2 sm:px-4">
              <p className="mb-1 text-sm text-muted">Отметки без урока:</p>
              <ul className="flex flex-wrap gap-3">
                {day.otherMarks.map((m) => (
                  <li key={m.id} className="flex items-center gap-2">
                    <span>{m.subject}</span>
                    <MarkBadge value={m.value} scale={m.scale} workType={m.workTypeShort || m.workType} weight={m.weight} />
                  </li>
                ))}
              </ul>
            </div>
          )}
        </section>
      ))}
      <WeekNav week={week} basePath={basePath} label="Недели, внизу страницы" />
      {week.period && week.subjects.length > 0 && (
        <section aria-labelledby="term-figures" className="space-y-2 pt-2">
          <h2 id="term-figures" className="text-xl font-bold">
            Успеваемость: {week.period.name}
          </h2>
          <SubjectTable studentId={week.student.id} periodId={week.period.id} subjects={week.subjects} />
        </section>
      )}
    </div>
  );
}
