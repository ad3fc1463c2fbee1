import Link from 'next/link';
import { requirePermission } from '@/lib/auth/current-user';
import { addDays, formatDateRu, formatDayHeaderRu } from '@/lib/domain/calendar';
import { timetableDay } from '@/lib/data/timetable/day';
import { ChangeForm } from './change-form';
import { describeChange } from './labels';
import { RemoveChange } from './remove-change';

export const metadata = { title: 'Замены и изменения расписания' };

type Props = { searchParams: Promise<{ date?: string; lesson?: string }> };

export default async function TimetableChangesPage({ searchParams }: Props) {
  const user = await requirePermission('timetable:manage');
  const params = await searchParams;
  const day = (await timetableDay(user, params.date))!;
  // A class on holiday has no lessons to change (recordTimetableChange refuses the date); a lesson
  // moved here is changed here like the others.
  const lessons = day.classes.filter((c) => !c.holiday).flatMap((c) => c.lessons.map((l) => ({ value: `${l.courseId}:${l.slot}`, label: `${c.name} · ${l.slot}-й урок · ${l.subject}` })));
  return (
    <div>
      <h1 className="mb-2 text-2xl font-bold">Замены и изменения расписания</h1>
      <p className="mb-4 max-w-3xl text-muted">Замены, отмены, переносы уроков и смена кабинета на выбранный день. Изменения сразу видны в дневниках, журнале и у учителей.</p>
      <nav aria-label="Выбор дня" className="mb-4 flex flex-wrap items-end gap-3 rounded-lg border border-line bg-white p-3">
        <Link href={`/admin/timetable?date=${addDays(day.date, -1)}`} className="px-2 py-2 text-accent underline">← Предыдущий день</Link>
        <form className="flex items-end gap-2">
          <label className="flex flex-col text-sm">Дата
            <input type="date" name="date" defaultValue={day.date} className="mt-1 rounded-md border border-line px-3 py-2 text-base" />
          </label>
          <button className="rounded-md border border-accent px-4 py-2 text-accent">Показать</button>
        </form>
        <Link href={`/admin/timetable?date=${addDays(day.date, 1)}`} className="px-2 py-2 text-accent underline">Следующий день →</Link>
        {day.date !== day.today && <Link href="/admin/timetable" className="px-2 py-2 text-accent underline">Сегодня</Link>}
      </nav>
      <h2 className="mb-3 text-xl font-bold">{formatDayHeaderRu(day.date)} {day.date.slice(0, 4)}</h2>
      {day.holiday && <p className="mb-4 rounded-lg border border-line bg-accent-soft p-3 font-bold">Каникулы («{day.holiday}»): уроков нет.</p>}
      {!day.holiday && day.classes.length === 0 && <p className="mb-4 text-muted">В этот день уроков по расписанию нет.</p>}
      <div className="mb-6 grid gap-4 lg:grid-cols-2">
        {day.classes.map((c) => (
          <section key={c.name} aria-labelledby={`class-${c.name}`} tabIndex={0} className="overflow-x-auto rounded-lg border border-line bg-white">
            <h3 id={`class-${c.name}`} className="border-b border-line bg-accent-soft px-3 py-2 font-bold">{c.name}</h3>
            {c.holiday && <p className="px-3 py-2">Каникулы («{c.holiday}»): уроков нет.</p>}
            {c.lessons.length > 0 && <table className="w-full text-left text-sm">
              <thead className="border-b border-line"><tr><th className="px-3 py-2">Урок</th><th className="px-3 py-2">Предмет</th><th className="px-3 py-2">Учитель</th><th className="px-3 py-2">Каб.</th><th className="px-3 py-2">Изменения</th></tr></thead>
              <tbody>
                {c.lessons.map((l) => (
                  <tr key={`${l.courseId}:${l.slot}`} className="border-b border-line align-top last:border-0">
                    <td className="px-3 py-2">{l.slot}</td>
                    <td className="px-3 py-2">{l.subject}{l.lessonId !== null && <span className="block text-xs text-muted">{l.held ? 'урок проведён' : 'урок открыт'}</span>}</td>
                    <td className="px-3 py-2">{l.teachers}</td>
                    <td className="px-3 py-2">{l.room ?? ''}</td>
                    <td className="px-3 py-2">
                      {l.movedFrom && (
                        <p>Перенесён сюда с {formatDateRu(l.movedFrom.date)}, {l.movedFrom.slot}-й урок{l.movedFrom.reason ? ` — ${l.movedFrom.reason}` : ''}
                          <RemoveChange changeId={l.movedFrom.changeId} label={`${c.name}, ${l.slot}-й урок, перенос с ${formatDateRu(l.movedFrom.date)}`} /></p>
                      )}
                      {l.changes.map((ch) => (
                        <p key={ch.id}>{describeChange(ch)}<RemoveChange changeId={ch.id} label={`${c.name}, ${l.slot}-й урок, ${describeChange(ch)}`} /></p>
                      ))}
                      {!c.holiday && (
                        <Link href={`/admin/timetable?${new URLSearchParams({ date: day.date, lesson: `${l.courseId}:${l.slot}` })}#change-form-title`} className="text-sm text-accent underline"
                          aria-label={`Записать изменение: ${c.name}, ${l.slot}-й урок, ${l.subject}`}>Записать изменение</Link>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>}
          </section>
        ))}
      </div>
      {lessons.length > 0 && <ChangeForm key={`${day.date}:${params.lesson ?? ''}`} date={day.date} selected={params.lesson} lessons={lessons} teachers={day.teachers} slots={day.slots} />}
    </div>
  );
}
