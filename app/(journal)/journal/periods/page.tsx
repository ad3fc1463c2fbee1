// Study periods of the school: management closes a period (locking its marks, attendance and
// final marks) and reopens it with a reason.
import { redirect } from 'next/navigation';
import { requireUser } from '@/lib/auth/current-user';
import { listPeriods } from '@/lib/data/journal/periods';
import { PeriodRow } from './period-row';

export const metadata = { title: 'Учебные периоды' };

export default async function PeriodsPage() {
  const user = await requireUser();
  const periods = await listPeriods(user);
  if (!periods) redirect('/forbidden');
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">Учебные периоды</h1>
      <p className="text-muted">Закрытый период запрещает изменять отметки, посещаемость и итоговые отметки в нём; закрытый учебный год — во всех его четвертях и триместрах. Открыть его снова можно только с указанием причины — это записывается в журнал аудита.</p>
      {/* relative: the header's sr-only text stays inside the scrolling frame instead of widening the page on a phone. */}
      <div className="relative overflow-x-auto rounded-lg border border-line bg-white">
        <table className="w-full text-sm">
          <thead className="bg-stone-50 text-left"><tr><th className="px-3 py-2">Год</th><th className="px-3 py-2">Схема</th><th className="px-3 py-2">Период</th><th className="px-3 py-2">Даты</th><th className="px-3 py-2">Состояние</th><th className="px-3 py-2"><span className="sr-only">Действие</span></th></tr></thead>
          <tbody>{periods.map((p) => <PeriodRow key={p.id} period={p} />)}</tbody>
        </table>
      </div>
    </div>
  );
}
