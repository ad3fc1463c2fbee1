// The overview grid: pupils in rows, subjects in columns, attendance and overall average at the end.
import Link from 'next/link';
import { ATTENDANCE_CODES } from '@/lib/domain/attendance';
import type { classOverview } from '@/lib/data/journal/class-overview';

type Data = NonNullable<Awaited<ReturnType<typeof classOverview>>>;

const th = 'sticky top-0 z-10 border-b border-r border-line bg-stone-50 px-2 py-1 text-center text-xs font-normal';
const td = 'border-b border-r border-line px-2 py-1 text-center tabular-nums';

export function OverviewTable({ data }: { data: Data }) {
  if (!data.rows.length) return <p className="rounded-lg border border-line bg-white p-4 text-muted">В классе нет учеников в этом периоде.</p>;
  return (
    // Wider than the page column: twenty subjects and four attendance codes side by side.
    <div className="max-h-[75vh] overflow-auto rounded-lg border border-line bg-white" style={{ marginInline: 'min(0px, calc(50% - 50vw + 1rem))' }}>
      <table className="border-separate border-spacing-0 text-sm">
        <caption className="sr-only">Средневзвешенные баллы и итоговые отметки по предметам</caption>
        <thead>
          <tr>
            <th scope="col" className={`${th} left-0 z-20 text-left text-sm`}>Ученик</th>
            {data.courses.map((c) => (
              <th key={c.id} scope="col" title={c.fullTitle} className={th}>
                {/* A stream's journal is its teachers': the class teacher sees their pupils' figures here only. */}
                {c.journal ? <Link href={`/journal/courses/${c.id}?period=${data.period.id}`} className="hover:underline">{c.title}</Link> : c.title}
              </th>
            ))}
            <th scope="col" title="Средневзвешенный балл по всем предметам с пятибалльной шкалой" className={`${th} bg-accent-soft`}>Общий ср.</th>
            {ATTENDANCE_CODES.map((c) => <th key={c} scope="col" className={th}>{c}</th>)}
          </tr>
        </thead>
        <tbody>
          {data.rows.map((r) => (
            <tr key={r.id}>
              <th scope="row" className="sticky left-0 z-10 min-w-48 whitespace-nowrap border-b border-r border-line bg-white px-2 text-left font-normal">
                {r.name}
                {(r.left || r.joined) && <span className="ml-1 text-xs text-muted">{r.left ? `выбыл ${r.left.split('-').reverse().join('.')}` : `с ${r.joined!.split('-').reverse().join('.')}`}</span>}
              </th>
              {data.courses.map((c) => {
                const cell = r.cells[c.id];
                return (
                  <td key={c.id} className={td} title={`${c.fullTitle}: отметок ${cell.count}, средний ${cell.average}${cell.prior ? `, в том числе из прежнего класса — ${cell.prior}` : ''}`}>
                    <span className={cell.count ? '' : 'text-muted'}>{cell.weighted}</span>
                    {cell.prior && <span className="block text-xs text-muted">из {cell.prior}</span>}
                    {cell.final && <span className="ml-1 font-bold">{cell.final}</span>}
                  </td>
                );
              })}
              <td className={`${td} bg-accent-soft/50 font-bold`}>{r.overall}</td>
              {ATTENDANCE_CODES.map((c) => <td key={c} className={td}>{r.absences?.[c] || ''}</td>)}
            </tr>
          ))}
          <tr>
            <th scope="row" className="sticky left-0 z-10 border-r border-line bg-stone-50 px-2 text-left">Средний по классу</th>
            {data.courses.map((c) => <td key={c.id} className={`${td} bg-stone-50 font-bold`}>{data.courseAverage[c.id]}</td>)}
            <td className={`${td} bg-stone-50`} colSpan={1 + ATTENDANCE_CODES.length} />
          </tr>
        </tbody>
      </table>
    </div>
  );
}
