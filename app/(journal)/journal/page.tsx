import Link from 'next/link';
import { redirect } from 'next/navigation';
import { requireUser } from '@/lib/auth/current-user';
import { homeOutside } from '@/lib/auth/home';
import { teacherHome } from '@/lib/data/teacher-home';
import { formatDayHeaderRu } from '@/lib/domain/calendar';
import { OpenLessonButton } from './open-lesson-button';
import { OverdueList } from './overdue-list';
import { DeadlineRules } from './deadline-rules';

export const metadata = { title: 'Журнал' };

const CHANGE_LABELS = { SUBSTITUTION: 'Замена', MOVED: 'Перенесён', CANCELLED: 'Отменён', ROOM: 'Другой кабинет' } as const;

export default async function JournalHomePage() {
  const user = await requireUser();
  if (!user.permissions.has('journal:read:own') && !user.permissions.has('journal:read:school')) redirect(homeOutside(user, '/journal'));
  const home = await teacherHome(user);
  return (
    <div className="space-y-8">
      <section aria-labelledby="today">
        <h1 id="today" className="mb-1 text-2xl font-bold">Сегодня</h1>
        <p className="mb-4 text-muted">{formatDayHeaderRu(home.today)} · {home.schoolName}</p>
        {home.lessons.length === 0 ? (
          <p className="rounded-lg border border-line bg-white p-4 text-muted">Сегодня уроков по расписанию нет.</p>
        ) : (
          <ol className="divide-y divide-line rounded-lg border border-line bg-white">
            {home.lessons.map((l) => (
              <li key={`${l.courseId}-${l.slot}`} className="flex flex-wrap items-center gap-3 px-4 py-3">
                <span className="w-8 text-center text-lg font-bold text-muted">{l.slot}</span>
                <span className={`flex-1 ${l.status === 'cancelled' || l.status === 'moved-away' ? 'line-through text-muted' : ''}`}>
                  {l.lessonId ? <Link className="text-accent underline" href={`/journal/lessons/${l.lessonId}`}>{l.title}</Link> : l.title}
                  {l.canOpen && <OpenLessonButton courseId={l.courseId} date={home.today} slot={l.slot} />}
                  {l.room && <span className="ml-2 text-sm text-muted">каб. {l.room}</span>}
                </span>
                {l.change && (
                  <span className="rounded bg-accent-soft px-2 py-1 text-sm">{CHANGE_LABELS[l.change]}{l.note ? `: ${l.note}` : ''}</span>
                )}
              </li>
            ))}
          </ol>
        )}
      </section>
      <section aria-labelledby="overdue">
        <h2 id="overdue" className="mb-1 text-xl font-bold">Просроченные записи</h2>
        <DeadlineRules homeworkGraceMinutes={home.deadlines.homeworkGraceMinutes} markEntryDays={home.deadlines.markEntryDays} className="mb-3" />
        <OverdueList items={home.overdue} />
      </section>
      {home.led.length > 0 && (
        <section aria-labelledby="led">
          <h2 id="led" className="mb-3 text-xl font-bold">{home.led.length > 1 ? 'Мои классы (классное руководство)' : 'Мой класс (классное руководство)'}</h2>
          <ul className="flex flex-wrap gap-2">
            {home.led.map((c) => <li key={c.id}><Link href={`/class/${c.id}`} className="block rounded-md border border-line bg-white px-3 py-1.5 hover:border-accent">{c.name}</Link></li>)}
          </ul>
        </section>
      )}
      {home.classes.length > 0 && (
        <section aria-labelledby="classes">
          <h2 id="classes" className="mb-3 text-xl font-bold">Классы школы</h2>
          <ul className="flex flex-wrap gap-2">
            {home.classes.map((c) => <li key={c.id}><Link href={`/class/${c.id}`} className="block rounded-md border border-line bg-white px-3 py-1.5 hover:border-accent">{c.name}</Link></li>)}
          </ul>
        </section>
      )}
      {(user.permissions.has('reports:read:school') || user.permissions.has('journal:read:school')) && (
        <p><Link href="/journal/overdue" className="text-accent underline">Просроченные записи учителей школы</Link></p>
      )}
      {user.permissions.has('periods:close') && (
        <p><Link href="/journal/periods" className="text-accent underline">Учебные периоды: закрытие и открытие</Link></p>
      )}
      <section aria-labelledby="courses">
        <h2 id="courses" className="mb-3 text-xl font-bold">Мои классы и предметы</h2>
        {home.courses.length === 0 ? (
          <p className="text-muted">Нагрузка не назначена.</p>
        ) : (
          <ul className="grid gap-2 sm:grid-cols-2 lg:grid-cols-3">
            {home.courses.map((c) => (
              <li key={c.id}>
                <Link href={`/journal/courses/${c.id}`} className="block rounded-lg border border-line bg-white px-4 py-3 hover:border-accent">
                  {c.title}
                </Link>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
