import Link from 'next/link';
import { redirect } from 'next/navigation';
import { requirePermission } from '@/lib/auth/current-user';
import { formatDateRu } from '@/lib/domain/calendar';
import { toSchoolDate } from '@/lib/domain/timezone';
import { nextYearDefaults, periodSettings } from '@/lib/data/study-periods';
import { DeleteYearForm, NextYearForm, PeriodDatesForm } from './period-forms';

export const metadata = { title: 'Даты учебных периодов' };

const range = (p: { startDate: string; endDate: string }) => `${formatDateRu(p.startDate)} – ${formatDateRu(p.endDate)}`;

export default async function PeriodDatesPage() {
  const actor = await requirePermission('school:settings');
  const settings = await periodSettings(actor);
  if (!settings) redirect('/forbidden');
  const { years, current, nextExists } = settings;
  const today = toSchoolDate(new Date(), actor.timeZone);
  return (
    <div className="max-w-4xl">
      <p className="mb-1"><Link href="/admin/calendar" className="text-accent underline">← Календарь учебного года</Link></p>
      <h1 className="mb-2 text-2xl font-bold">Даты учебных периодов</h1>
      <p className="mb-4 text-muted">
        Даты четвертей, триместров, полугодий и учебного года — по приказу директора. Периоды одной схемы идут друг за другом:
        между ними могут быть каникулы, но не пересечение. Период всего учебного года включает все остальные периоды. Даты закрытого периода не меняются; нельзя и оставить уже записанные
        в журнале уроки и отметки вне всех периодов. Каждое изменение записывается в журнал аудита.
      </p>
      {years.length === 0 && <p className="mb-4 text-muted">Учебный год ещё не заведён.</p>}
      {years.map((y) => (
        <section key={y.id} aria-labelledby={`year-${y.id}`} className="mb-8">
          <h2 id={`year-${y.id}`} className="mb-2 text-xl font-bold">{y.label}: {range(y)}</h2>
          <details className="mb-3">
            <summary className="cursor-pointer text-accent">Изменить даты учебного года<span className="sr-only"> {y.label}</span></summary>
            <p className="mt-2 text-sm text-muted">
              Все учебные периоды года, его уроки, каникулы и расписание должны остаться внутри новых дат, и годы не пересекаются. Ученики, зачисленные в классы года с его первого дня, переходят в них с нового первого дня.
            </p>
            <div className="mt-2"><PeriodDatesForm period={{ id: y.id, startDate: y.startDate, endDate: y.endDate }} year /></div>
          </details>
          {y.startDate > today && (
            <details className="mb-3">
              <summary className="cursor-pointer text-accent">Удалить учебный год<span className="sr-only"> {y.label}</span></summary>
              <p className="mt-2 text-sm text-muted">
                Если год заведён по ошибке: удаляется, пока он не начался и в нём нет классов, групп, учебной нагрузки, учебного плана, расписания, каникул и результатов экзаменов — только его учебные периоды.
              </p>
              <div className="mt-2"><DeleteYearForm year={{ id: y.id, label: y.label }} /></div>
            </details>
          )}
          {y.periods.length === 0 ? <p className="text-muted">Учебные периоды не заданы.</p> : (
            <ul className="space-y-2">
              {y.periods.map((p) => (
                <li key={p.id} className="rounded-lg border border-line bg-white p-3">
                  <span className="font-bold">{p.name}</span> <span className="text-muted">· {p.scheme}</span>
                  <div className="text-sm text-muted">{range(p)} · {p.closed ? 'закрыт' : 'открыт'}</div>
                  {p.closed ? <p className="mt-1 text-sm text-muted">Период закрыт: его даты не меняются. Чтобы их исправить, попросите руководство школы открыть период.</p> : (
                    <details className="mt-2">
                      <summary className="cursor-pointer text-accent">Изменить даты</summary>
                      <div className="mt-2"><PeriodDatesForm period={p} span={`${formatDateRu(y.startDate)}–${formatDateRu(y.endDate)}`} /></div>
                    </details>
                  )}
                </li>
              ))}
            </ul>
          )}
        </section>
      ))}
      <section aria-labelledby="next-year-heading">
        <h2 id="next-year-heading" className="mb-2 text-xl font-bold">Следующий учебный год</h2>
        {!current ? <p className="text-muted">Следующий год заводится после начала текущего учебного года.</p> : nextExists ? (
          <p className="text-muted">Следующий учебный год уже заведён.</p>
        ) : (
          <>
            <p className="mb-2 text-sm text-muted">
              Год заводится с копией учебных периодов {current.label}, сдвинутых на год; их даты можно изменить после.
              Классы, предметы и нагрузка, расписание здесь не создаются: это следующий шаг.
            </p>
            <NextYearForm sourceYearId={current.id} defaults={nextYearDefaults(current)} />
          </>
        )}
      </section>
    </div>
  );
}
