// Families × weeks: on how many days the diary was opened. A missed week says so in words, not
// only in colour; the family's row is highlighted when any completed week fell short.
import type { FamilyRow, OfflineReason } from '@/lib/data/diary/class-checks';
import type { CheckWeek, WeekCheckStatus } from '@/lib/domain/diary-checks';

const CELL: Record<WeekCheckStatus, { className: string; label: string }> = {
  ok: { className: 'text-ok', label: 'норма' },
  missed: { className: 'bg-[#fbe6e3] font-bold text-danger', label: 'мало' },
  'in-progress': { className: 'text-muted', label: 'идёт' },
  holiday: { className: 'text-muted', label: 'каник.' },
  'not-in-class': { className: 'text-muted', label: 'не в классе' },
};

const OFFLINE: Record<OfflineReason, string> = {
  NO_ACCOUNT: 'Нет входа в электронный дневник — бумажная выписка',
  EMAIL: 'Получает выписку по электронной почте',
  PAPER: 'Выбрана бумажная выписка',
  REFUSED: 'Отказ от электронной обработки данных — бумажная выписка',
  NO_CONSENT: 'Согласие не оформлено — бумажная выписка',
  NO_EMAIL: 'Выбрана почта, но адрес не указан — бумажная выписка',
};

const dayMonth = (iso: string) => `${iso.slice(8, 10)}.${iso.slice(5, 7)}`;

export function ChecksTable({ weeks, families }: { weeks: CheckWeek[]; families: FamilyRow[] }) {
  return (
    <div role="region" aria-label="Проверка дневников по неделям" tabIndex={0} className="overflow-x-auto rounded-lg border border-line bg-white">
      <table className="min-w-full text-left text-sm">
        <caption className="sr-only">Число дней недели, в которые родители открывали дневник</caption>
        <thead className="bg-[#f4f2ec]">
          <tr>
            <th scope="col" className="sticky left-0 z-10 bg-[#f4f2ec] px-3 py-2">Ученик и родители</th>
            {weeks.map((w) => (
              <th key={w.monday} scope="col" className="whitespace-nowrap px-2 py-2 text-center">
                <abbr title={`Неделя ${dayMonth(w.monday)}–${dayMonth(w.sunday)}`} className="no-underline">{dayMonth(w.monday)}</abbr>
              </th>
            ))}
            <th scope="col" className="px-3 py-2 text-center">Недель с нарушением</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-line">
          {families.map((f) => {
            const flagged = !f.offline && f.checks.missed > 0;
            return (
              <tr key={f.studentId} className={flagged ? 'bg-[#fff6f4]' : undefined} data-flagged={flagged || undefined}>
                <th scope="row" className={`sticky left-0 z-10 min-w-44 px-3 py-2 font-normal ${flagged ? 'bg-[#fff6f4]' : 'bg-white'}`}>
                  <span className="block font-bold">{f.pupil}</span>
                  <span className="block text-muted">
                    {f.guardians.length ? f.guardians.map((g) => g.name + (g.hasAccount ? '' : ' (нет входа)')).join(', ') : 'родители не указаны'}
                  </span>
                  {flagged && <span className="block font-bold text-danger">Недель ниже нормы: {f.checks.missed}</span>}
                </th>
                {f.offline ? (
                  <td colSpan={weeks.length} className="px-3 py-2 text-muted">{OFFLINE[f.offline]}</td>
                ) : (
                  f.checks.weeks.map((w) => (
                    <td key={w.monday} className={`px-2 py-2 text-center ${CELL[w.status].className}`}>
                      <span className="block text-base tabular-nums">{w.status === 'not-in-class' ? '—' : w.days}</span>
                      <span className="block text-xs">{CELL[w.status].label}</span>
                    </td>
                  ))
                )}
                <td className={`px-3 py-2 text-center tabular-nums ${flagged ? 'font-bold text-danger' : ''}`}>{f.offline ? '—' : f.checks.missed}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
