import Link from 'next/link';
import { subjectWithGroup } from '@/lib/data/extracts/from-diary-week';
import { redirect } from 'next/navigation';
import { requirePermission } from '@/lib/auth/current-user';
import { formatDateRu, WEEKDAY_NAMES_RU } from '@/lib/domain/calendar';
import { parseId } from '@/lib/ids';
import { weekGrid, type GridEntry } from '@/lib/data/timetable/week-grid';
import { EntryForm } from './entry-form';
import { EndEntry } from './end-entry';

export const metadata = { title: 'Расписание уроков' };

type Props = { searchParams: Promise<{ class?: string; date?: string }> };

const dayName = (weekday: number) => WEEKDAY_NAMES_RU[weekday - 1][0].toUpperCase() + WEEKDAY_NAMES_RU[weekday - 1].slice(1);
const subjectOf = (e: GridEntry) => subjectWithGroup(e.subject, e.group);

function Lesson({ e }: { e: GridEntry }) {
  return (
    <span className="block">
      <span className="font-bold">{subjectOf(e)}</span>
      <span className="block text-sm">{e.teachers}{e.room ? ` · каб. ${e.room}` : ''}</span>
    </span>
  );
}

export default async function SchedulePage({ searchParams }: Props) {
  const actor = await requirePermission('timetable:manage');
  const params = await searchParams;
  const grid = await weekGrid(actor, parseId(params.class), params.date);
  if (!grid) redirect('/forbidden');
  const { klass, slots, entries } = grid;
  const weekdays = Array.from({ length: grid.days }, (_, i) => i + 1);
  const at = (weekday: number, slot: number) => entries.filter((e) => e.weekday === weekday && e.slot === slot);
  return (
    <div>
      <h1 className="mb-2 text-2xl font-bold">Расписание уроков{klass ? ` ${klass.name}` : ''}</h1>
      <p className="mb-4 max-w-3xl text-muted">Постоянное расписание класса на неделю. Урок действует с выбранной даты; снятый урок остаётся в прошлых неделях дневника и журнала. Разовые замены и переносы — на странице «Замены».</p>
      <form className="mb-4 flex flex-wrap items-end gap-3 rounded-lg border border-line bg-white p-3" aria-label="Выбор класса и даты">
        <label className="flex flex-col text-sm">Класс
          <select name="class" defaultValue={klass?.id ?? ''} className="mt-1 rounded-md border border-line px-3 py-2 text-base">
            <option value="">Выберите класс</option>
            {grid.classes.map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}
          </select>
        </label>
        <label className="flex flex-col text-sm">Расписание на дату
          <input type="date" name="date" defaultValue={grid.date} className="mt-1 rounded-md border border-line px-3 py-2 text-base" />
        </label>
        <button className="rounded-md border border-accent px-4 py-2 text-accent">Показать</button>
        {grid.date !== grid.today && klass && <Link href={`/admin/schedule?class=${klass.id}`} className="px-2 py-2 text-accent underline">Сегодня</Link>}
      </form>
      {!klass ? <p className="text-muted">{grid.classes.length ? 'Выберите класс.' : 'Классы текущего учебного года ещё не заведены.'}</p> : (
        <>
          <h2 className="mb-3 text-xl font-bold">Неделя на {formatDateRu(grid.date)}</h2>
          {slots.length === 0 && <p className="mb-4 text-muted">Расписание звонков не задано.</p>}
          {/* A phone gets one day per section; a wider screen the whole week as a table. */}
          <div className="mb-6 space-y-3 md:hidden">
            {weekdays.map((d) => (
              <section key={d} aria-labelledby={`day-${d}`} className="rounded-lg border border-line bg-white">
                <h3 id={`day-${d}`} className="border-b border-line bg-accent-soft px-3 py-2 font-bold">{dayName(d)}</h3>
                <ol className="divide-y divide-line">
                  {slots.map((s) => (
                    <li key={s.slot} className="flex gap-3 px-3 py-2">
                      <span className="w-16 shrink-0 text-sm text-muted">{s.slot}-й<br />{s.start}</span>
                      <span>{at(d, s.slot).map((e) => <Lesson key={e.id} e={e} />)}{at(d, s.slot).length === 0 && <span className="text-muted">—</span>}</span>
                    </li>
                  ))}
                </ol>
              </section>
            ))}
          </div>
          <div role="region" aria-labelledby="week-table-caption" tabIndex={0} className="mb-6 hidden overflow-x-auto md:block">
            <table className="w-full border-collapse rounded-lg bg-white text-left text-sm">
              <caption id="week-table-caption" className="sr-only">Расписание {klass.name} на неделю</caption>
              <thead><tr className="border-b border-line"><th scope="col" className="p-2">Урок</th>{weekdays.map((d) => <th key={d} scope="col" className="p-2">{dayName(d)}</th>)}</tr></thead>
              <tbody>
                {slots.map((s) => (
                  <tr key={s.slot} className="border-b border-line align-top">
                    <th scope="row" className="p-2 font-normal whitespace-nowrap">{s.slot}-й<span className="block text-muted">{s.time}</span></th>
                    {weekdays.map((d) => <td key={d} className="p-2">{at(d, s.slot).map((e) => <Lesson key={e.id} e={e} />)}</td>)}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>

          <section aria-labelledby="entries-heading" className="mb-6">
            <h2 id="entries-heading" className="mb-2 text-xl font-bold">Уроки в расписании</h2>
            <p className="mb-2 text-sm text-muted">Снятый урок исчезает из расписания с выбранной даты. Чтобы изменить урок, снимите его и добавьте новый с той же даты.</p>
            {grid.upcoming.length === 0 ? <p className="text-muted">Уроков в расписании нет.</p> : (
              <ul className="space-y-2">
                {grid.upcoming.map((e) => {
                  const label = `${dayName(e.weekday)}, ${e.slot}-й урок, ${subjectOf(e)}`;
                  return (
                    <li key={e.id} className="rounded-lg border border-line bg-white p-3">
                      <div className="mb-2"><span className="font-bold">{label}</span>
                        <span className="block text-sm text-muted">{e.teachers}{e.room ? ` · каб. ${e.room}` : ''} · с {formatDateRu(e.validFrom)}{e.validTo ? ` по ${formatDateRu(e.validTo)}` : ''}</span></div>
                      <EndEntry entryId={e.id} label={label} defaultDate={e.validFrom > klass.defaultFrom ? e.validFrom : klass.defaultFrom} />
                    </li>
                  );
                })}
              </ul>
            )}
          </section>
          <EntryForm key={klass.id} classId={klass.id} className={klass.name} defaultFrom={klass.defaultFrom} days={grid.days} courses={grid.courses} slots={slots} />
        </>
      )}
    </div>
  );
}
