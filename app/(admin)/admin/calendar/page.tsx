import Link from 'next/link';
import { redirect } from 'next/navigation';
import { requirePermission } from '@/lib/auth/current-user';
import { formatDateRu } from '@/lib/domain/calendar';
import { formatInstantRu } from '@/lib/domain/diary-format';
import { parseId } from '@/lib/ids';
import { schoolCalendar, schoolToday, spanText } from '@/lib/data/calendar';
import { DeleteHolidayButton, HolidayForm } from './holiday-form';

export const metadata = { title: 'Календарь учебного года' };

type Props = { searchParams: Promise<{ year?: string }> };

const range = (p: { startDate: string; endDate: string }) => `${formatDateRu(p.startDate)} – ${formatDateRu(p.endDate)}`;

export default async function CalendarPage({ searchParams }: Props) {
  const actor = await requirePermission('timetable:manage');
  const params = await searchParams;
  const calendar = await schoolCalendar(actor, parseId(params.year));
  if (!calendar) redirect('/forbidden');
  const { years, year, holidays, periods } = calendar;
  const today = schoolToday(actor);
  return (
    <div className="max-w-4xl">
      <h1 className="mb-2 text-2xl font-bold">Календарь учебного года{year ? ` ${year.label}` : ''}</h1>
      {years.length > 1 && (
        <nav aria-label="Учебный год" className="mb-4 flex gap-3">
          {years.map((y) => (
            <Link key={y.id} href={`/admin/calendar?year=${y.id}`} aria-current={y.id === year?.id ? 'page' : undefined}
              className={y.id === year?.id ? 'font-bold' : 'text-accent underline'}>{y.label}</Link>
          ))}
        </nav>
      )}
      {!year ? (
        <p className="text-muted">Учебный год ещё не заведён.</p>
      ) : (
        <>
          <p className="mb-4 text-muted">Учебный год: {range(year)}. Каникулы действуют сразу: уроки по расписанию в эти дни не показываются в дневниках и не считаются в сроках и отчётах журнала. Уроки, которые учитель всё же откроет в журнале, видны как обычно. Каникулы нельзя назначить на дни закрытого учебного периода и на дни, когда уроки этих классов уже открыты в журнале.</p>

          <section aria-labelledby="holidays-heading" className="mb-8">
            <h2 id="holidays-heading" className="mb-2 text-xl font-bold">Каникулы и выходные дни</h2>
            {holidays.length === 0 ? <p className="mb-3 text-muted">Каникулы не заданы.</p> : (
              <ul className="mb-4 space-y-2">
                {holidays.map((h) => (
                  <li key={h.id} className="rounded-lg border border-line bg-white p-3">
                    <div className="flex flex-wrap items-center justify-between gap-2">
                      <div>
                        <span className="font-bold">{h.name}</span>
                        {h.startDate <= today && today <= h.endDate && <span className="ml-2 rounded bg-ok/10 px-2 text-sm text-ok">сейчас</span>}
                        <div className="text-sm text-muted">{range(h)} · {h.gradeLevels.length ? `только ${h.gradeLevels.join(', ')} кл.` : 'вся школа'}</div>
                      </div>
                      <DeleteHolidayButton id={h.id} name={h.name} />
                    </div>
                    <details className="mt-2">
                      <summary className="cursor-pointer text-accent">Изменить</summary>
                      <div className="mt-2"><HolidayForm academicYearId={year.id} holiday={h} span={spanText(year)} /></div>
                    </details>
                  </li>
                ))}
              </ul>
            )}
            <h3 className="mb-2 text-lg font-bold">Добавить каникулы</h3>
            <HolidayForm academicYearId={year.id} span={spanText(year)} />
          </section>

          <section aria-labelledby="periods-heading">
            <h2 id="periods-heading" className="mb-2 text-xl font-bold">Учебные периоды</h2>
            <p className="mb-2 text-sm text-muted">
              Периоды закрывает руководство школы; здесь они только для сверки с каникулами.
              {actor.permissions.has('school:settings') && <> <Link href="/admin/calendar/periods" className="text-accent underline">Изменить даты периодов или завести следующий учебный год</Link></>}
            </p>
            {periods.length === 0 ? <p className="text-muted">Учебные периоды не заданы.</p> : (
              <div role="region" aria-labelledby="periods-heading" tabIndex={0} className="overflow-x-auto">
                <table className="w-full border-collapse rounded-lg bg-white text-left">
                  <thead><tr className="border-b border-line"><th className="p-2">Период</th><th className="p-2">Схема</th><th className="p-2">Даты</th><th className="p-2">Состояние</th></tr></thead>
                  <tbody>
                    {periods.map((p) => (
                      <tr key={p.id} className="border-b border-line">
                        <td className="p-2">{p.name}</td>
                        <td className="p-2">{p.scheme}</td>
                        <td className="p-2 whitespace-nowrap">{range(p)}</td>
                        <td className="p-2">{p.closed ? `закрыт${p.closedAt ? ` ${formatInstantRu(p.closedAt, actor.timeZone)}` : ''}` : 'открыт'}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>
        </>
      )}
    </div>
  );
}
