// Subjects × periods of final marks, like the last page of a paper diary. A deferral is written
// out, special values are abbreviated as in the journal and explained under the table.
import type { FinalCell, ResultsPeriod } from '@/lib/data/diary/results';
import { FINAL_SPECIAL_LABELS, FINAL_SPECIAL_MEANINGS, type FinalSpecialName } from '@/lib/domain/diary-format';
import { markTone } from './mark-badge';

const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI'];

/** Column heads as in a paper diary's results page: I, II, III, IV for terms, «Год» for the year. */
function shortPeriod(p: ResultsPeriod): string {
  return p.kind === 'YEAR' ? 'Год' : (ROMAN[p.ordinal - 1] ?? String(p.ordinal));
}

function Cell({ cell }: { cell: FinalCell | undefined }) {
  if (!cell) return <span className="text-muted" aria-label="нет отметки">—</span>;
  if (cell.kind === 'deferred') {
    return (
      <span className="text-sm text-[#6b4100]" title={cell.reason ?? undefined}>
        {cell.text}
      </span>
    );
  }
  return (
    <span className={`inline-flex h-9 min-w-9 items-center justify-center rounded-md border px-1 font-bold ${cell.kind === 'mark' ? markTone(cell.scale, cell.text) : 'border-line'}`}>
      {cell.text}
    </span>
  );
}

export function ResultsTable({ periods, subjects }: { periods: ResultsPeriod[]; subjects: { subject: string; cells: Record<number, FinalCell> }[] }) {
  const specials = new Set(subjects.flatMap((s) => Object.values(s.cells)).filter((c) => c.kind === 'special').map((c) => (c as { special: FinalSpecialName }).special));
  const legend = [
    ...periods.filter((p) => p.kind === 'TERM').map((p) => `${shortPeriod(p)} — ${p.name}`),
    ...[...specials].map((k) => `${FINAL_SPECIAL_LABELS[k]} — ${FINAL_SPECIAL_MEANINGS[k]}`),
  ];
  return (
    <>
      <div role="region" aria-label="Итоговые отметки" tabIndex={0} className="overflow-x-auto rounded-lg border border-line bg-white">
        <table className="w-full text-left">
          <caption className="sr-only">Итоговые отметки по предметам и учебным периодам</caption>
          <thead className="bg-[#f4f2ec] text-sm">
            <tr>
              <th scope="col" className="px-3 py-2">Предмет</th>
              {periods.map((p) => (
                <th key={p.id} scope="col" className="px-1.5 py-2 text-center">
                  <abbr title={p.name} className="no-underline">{shortPeriod(p)}</abbr>
                  <span className="sr-only"> ({p.name})</span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-line">
            {subjects.map((s) => (
              <tr key={s.subject}>
                <th scope="row" className="px-3 py-2 font-normal">{s.subject}</th>
                {periods.map((p) => (
                  <td key={p.id} className="px-1.5 py-1.5 text-center">
                    <Cell cell={s.cells[p.id]} />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {legend.length > 0 && <p className="text-sm text-muted">{legend.join('; ')}.</p>}
    </>
  );
}
