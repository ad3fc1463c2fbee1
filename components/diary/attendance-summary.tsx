// Lessons missed per period (seed 002 §2.1 «сведения о посещаемости»), by attendance code.
import type { DiaryPeriod } from '@/lib/data/diary/calendar';
import type { AttendanceCounts } from '@/lib/domain/diary-marks';

type Props = { rows: { period: DiaryPeriod; counts: AttendanceCounts }[] };

const COLUMNS: { key: keyof AttendanceCounts; code: string; title: string }[] = [
  { key: 'ABSENT', code: 'Н', title: 'отсутствовал' },
  { key: 'ILL', code: 'Б', title: 'болел' },
  { key: 'EXCUSED', code: 'УП', title: 'уважительная причина' },
  { key: 'LATE', code: 'ОП', title: 'опоздал' },
];

export function AttendanceSummary({ rows }: Props) {
  if (!rows.length) return null;
  return (
    <section aria-labelledby="attendance-title" className="space-y-2">
      <h2 id="attendance-title" className="text-xl font-bold">Пропуски уроков</h2>
      <div role="region" aria-labelledby="attendance-title" tabIndex={0} className="overflow-x-auto rounded-lg border border-line bg-white">
        <table className="w-full text-left">
          <caption className="sr-only">Пропуски и опоздания по учебным периодам</caption>
          <thead className="bg-[#f4f2ec] text-sm">
            <tr>
              <th scope="col" className="px-3 py-2">Период</th>
              {COLUMNS.map((c) => (
                <th key={c.key} scope="col" className="px-2 py-2 text-right">
                  <abbr title={c.title} className="no-underline">{c.code}</abbr>
                </th>
              ))}
              <th scope="col" className="px-3 py-2 text-right">Пропущено</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-line">
            {rows.map(({ period, counts }) => (
              <tr key={period.id}>
                <th scope="row" className="px-3 py-2 font-normal">{period.name}</th>
                {COLUMNS.map((c) => (
                  <td key={c.key} className="px-2 py-2 text-right tabular-nums">{counts[c.key]}</td>
                ))}
                <td className="px-3 py-2 text-right font-bold tabular-nums">{counts.missed}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="text-sm text-muted">Н — отсутствовал, Б — болел, УП — уважительная причина, ОП — опоздал (опоздание не считается пропуском).</p>
    </section>
  );
}
