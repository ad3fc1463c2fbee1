'use client';
// The journal grid as the page renders it. On the server, and in the browser's first render that
// must match it, a light placeholder with the pupils' names; once mounted, the interactive grid
// from the same props, with no request of its own. The grid needs JavaScript anyway, and the
// server HTML of its thousand-odd cells was most of the page's size and server time.
import { useSyncExternalStore } from 'react';
import { InteractiveGrid } from './journal-grid';
import type { GridProps, JournalGridProps } from './types';

const noSubscription = () => () => {};
const inBrowser = () => true;
const onServer = () => false;

export function JournalGridView(props: GridProps) {
  const { pupils, lessons } = props.grid;
  const mounted = useSyncExternalStore(noSubscription, inBrowser, onServer);
  if (!pupils.length || !lessons.length) {
    return <p className="rounded-lg border border-line bg-white p-4 text-muted">{!pupils.length ? 'В этом периоде в классе (группе) нет учеников.' : 'В этом периоде ещё нет уроков. Откройте урок из расписания на главной странице или добавьте его.'}</p>;
  }
  return mounted ? <InteractiveGrid {...props} /> : <GridPlaceholder grid={props.grid} />;
}

/** The grid's frame and its row of names, so the page does not jump when the grid appears. */
function GridPlaceholder({ grid }: { grid: JournalGridProps }) {
  return (
    <div className="space-y-2" style={{ marginInline: 'min(0px, calc(50% - 50vw + 1rem))' }}>
      <div aria-busy="true" className="max-h-[70vh] overflow-auto rounded-lg border border-line bg-white">
        <table className="border-separate border-spacing-0 text-sm">
          <caption className="px-2 py-2 text-left text-muted">Журнал: {grid.title}, {grid.period.name} — загружается…</caption>
          <tbody>
            {grid.pupils.map((p, row) => (
              <tr key={p.id} className="h-9">
                <th scope="row" className="min-w-52 whitespace-nowrap border-b border-r border-line px-2 text-left font-normal">
                  <span className="mr-1 inline-block w-5 text-right text-xs text-muted">{row + 1}</span>{p.name}
                </th>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
