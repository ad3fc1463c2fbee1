// The sheet as an HTML table: pupils down, subjects across, statistics under the marks.
import { formatDecimalRu } from '@/lib/domain/russian';
import type { ClassStatistics } from '@/lib/domain/statistics';
import { cellText, type SummaryCell, type SummarySheet } from '@/lib/pdf/summary-model';

const pct = (n: number | null) => (n === null ? '—' : formatDecimalRu(n, 1));

const STAT_ROWS: [string, (s: ClassStatistics) => string, boolean][] = [
  ['Успеваемость, %', (s) => pct(s.successRate), true],
  ['Качество знаний, %', (s) => pct(s.qualityRate), true],
  ['СОУ, %', (s) => pct(s.sou), true],
  ['Средний балл', (s) => (s.averageMark === null ? '—' : formatDecimalRu(s.averageMark, 2)), true],
  ['N (учтено учеников)', (s) => String(s.N), false],
  ['«5» / «4» / «3» / «2»', (s) => `${s.n5}/${s.n4}/${s.n3}/${s.n2}`, false],
  ['н/а · зач. · осв.', (s) => `${s.nNA} · ${s.nPass} · ${s.nExempt}`, false],
  ['без отметки', (s) => String(s.nNoMark), false],
];

function Cell({ cell }: { cell: SummaryCell }) {
  if (cell.kind === 'not-studied') return <td className="border-l border-line px-1 py-1 text-center text-muted" title="Не изучает (другая группа)">·</td>;
  const draft = 'draft' in cell && cell.draft;
  const title = cell.kind === 'deferred' ? `Отсрочка до ${cell.until.split('-').reverse().join('.')}` : draft ? 'Черновик: не опубликована' : undefined;
  return (
    <td className={`border-l border-line px-1 py-1 text-center ${cell.kind === 'value' ? 'font-bold' : 'text-sm'} ${draft ? 'text-muted' : ''}`} title={title}>
      {cellText(cell)}{draft ? '*' : ''}
    </td>
  );
}

export function SummaryTable({ sheet }: { sheet: SummarySheet }) {
  return (
    <div role="region" aria-label="Сводная ведомость" tabIndex={0} className="overflow-x-auto rounded-lg border border-line bg-white">
      <table className="text-sm">
        <thead className="border-b border-line bg-accent-soft">
          <tr>
            <th scope="col" className="sticky left-0 bg-accent-soft px-3 py-2 text-left">Ученик</th>
            {sheet.subjects.map((s) => (
              <th key={s.subjectId} scope="col" className="h-40 border-l border-line px-1 align-bottom font-normal">
                <span className="inline-block whitespace-nowrap [writing-mode:vertical-rl] rotate-180">{s.name}</span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {sheet.pupils.map((p, i) => (
            <tr key={p.id} className="border-b border-line odd:bg-white even:bg-paper">
              <th scope="row" className="sticky left-0 whitespace-nowrap bg-inherit px-3 py-1 text-left font-normal">
                {i + 1}. {p.name}{p.note && <span className="ml-1 text-xs text-muted">({p.note})</span>}
              </th>
              {p.cells.map((c, j) => <Cell key={sheet.subjects[j].subjectId} cell={c} />)}
            </tr>
          ))}
          {sheet.pupils.length === 0 && <tr><td colSpan={sheet.subjects.length + 1} className="px-3 py-4 text-center text-muted">В классе нет учеников за этот период</td></tr>}
        </tbody>
        <tfoot className="border-t-2 border-ink">
          {STAT_ROWS.map(([label, value, strong]) => (
            <tr key={label} className="border-b border-line">
              <th scope="row" className={`sticky left-0 bg-white px-3 py-1 text-left ${strong ? 'font-bold' : 'font-normal text-muted'}`}>{label}</th>
              {sheet.subjects.map((s) => (
                <td key={s.subjectId} className={`whitespace-nowrap border-l border-line px-1 py-1 text-center ${strong ? 'font-bold' : 'text-muted'}`}>{s.statistics ? value(s.statistics) : '—'}</td>
              ))}
            </tr>
          ))}
        </tfoot>
      </table>
    </div>
  );
}
