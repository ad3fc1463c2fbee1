// The journal of one course for one study period: the grid, the period switch, the rule of the
// forecast and the way to the final marks.
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { requireUser } from '@/lib/auth/current-user';
import { parseId } from '@/lib/ids';
import { loadJournalGrid } from '@/lib/data/journal/grid';
import { journalGridProps } from '@/lib/data/journal/grid-props';
import { JournalGridView } from '@/components/journal-grid/journal-grid-view';
import { AddLessonForm } from './add-lesson-form';
import { cellHistoryAction, saveCellAction } from './actions';

export const metadata = { title: 'Журнал класса' };

type Props = { params: Promise<{ courseId: string }>; searchParams: Promise<{ period?: string }> };

export default async function CoursePage({ params, searchParams }: Props) {
  const user = await requireUser();
  const { courseId } = await params;
  const { period } = await searchParams;
  const id = parseId(courseId);
  if (id === null) notFound();
  // An unknown period shows the default one.
  const grid = await loadJournalGrid(user, id, parseId(period) ?? undefined);
  if (!grid) notFound();
  // A pupil moved here from another class during the period: their earlier marks count (prior-marks.ts).
  const priorClass = grid.pupils.find((p) => p.prior.length)?.prior[0].className;

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-bold">{grid.course.title}</h1>
          <p className="text-muted">
            {grid.period.name}: {grid.period.startDate.split('-').reverse().join('.')} — {grid.period.endDate.split('-').reverse().join('.')}
            {grid.period.status === 'CLOSED' && <span className="ml-2 rounded bg-stone-200 px-2 py-0.5 text-sm text-ink">период закрыт</span>}
            {grid.course.yearEnded && <span className="ml-2 rounded bg-stone-200 px-2 py-0.5 text-sm text-ink">учебный год завершён — только просмотр</span>}
          </p>
        </div>
        <nav aria-label="Учебные периоды" className="flex flex-wrap gap-1">
          {grid.periods.map((p) => (
            <Link key={p.id} href={`/journal/courses/${id}?period=${p.id}`} aria-current={p.id === grid.period.id ? 'page' : undefined}
              className={`rounded-md border px-3 py-1.5 text-sm ${p.id === grid.period.id ? 'border-accent bg-accent text-white' : 'border-line bg-white hover:border-accent'}`}>
              {p.name}
            </Link>
          ))}
        </nav>
      </div>
      <JournalGridView key={grid.period.id} grid={journalGridProps(grid)} saveCell={saveCellAction} loadHistory={cellHistoryAction} />
      {priorClass && (
        <p className="text-sm text-muted">
          «из {priorClass}: …» после фамилии — отметки по этому предмету в прежнем классе за этот период до перевода; количество, средние баллы и прогноз учитывают их вместе с отметками здесь.
        </p>
      )}
      <details className="rounded-lg border border-line bg-white p-3 text-sm">
        <summary className="cursor-pointer font-bold">Клавиши и правило прогноза</summary>
        <ul className="mt-2 list-disc space-y-1 pl-5">
          <li>Стрелки и Tab — переход; цифра — отметка; Н, Б, УП, ОП (или n, b, up, op) — посещаемость; Enter — сохранить и вниз; Delete — очистить.</li>
          <li>F2 или Shift+Enter — подробности ячейки: форма контроля, комментарий, вторая отметка, история.</li>
          <li>Вставка столбца из таблицы (Ctrl+V) заполняет ячейки вниз от выбранной.</li>
          <li>Ячейка с ошибкой сохраняет введённое значение: Enter — повторить.</li>
        </ul>
        <p className="mt-2 text-muted">{grid.policyText}</p>
      </details>
      <div className="flex flex-wrap items-start gap-3">
        <Link href={`/journal/courses/${id}/final?period=${grid.period.id}`} className="rounded-md border border-accent px-4 py-2 text-accent hover:bg-accent-soft">Итоговые отметки за период</Link>
        {grid.course.writable && grid.period.status === 'OPEN' && <AddLessonForm courseId={id} />}
      </div>
    </div>
  );
}
