// Per-subject figures of a term: weighted average and forecast, each row opening the subject's
// marks. Used under the week; styled by diary.css to keep the repeated rows small.
import Link from 'next/link';
import type { DiarySubjectSummary } from '@/lib/data/diary/summaries';
import { formatAverage } from '@/lib/domain/averages';
import { pluralRu } from '@/lib/domain/russian';
import { forecastShort } from './forecast-text';
import './diary.css';

type Props = { studentId: number; periodId: number; subjects: DiarySubjectSummary[] };

export function SubjectTable({ studentId, periodId, subjects }: Props) {
  const short = subjects.map((s) => s.forecast?.proposal).find((p) => p?.kind === 'insufficient');
  const minMarks = short?.kind === 'insufficient' ? short.minMarks : null;
  return (
    <div className="overflow-hidden rounded-lg border border-line bg-white">
      <table className="dw-sub">
        <caption className="sr-only">Средний балл и прогноз отметки по предметам</caption>
        <thead>
          <tr>
            <th scope="col">Предмет</th>
            <th scope="col" className="n">
              <abbr title="средневзвешенный балл" className="no-underline">Ср. балл</abbr>
            </th>
            <th scope="col" className="n">Прогноз</th>
          </tr>
        </thead>
        <tbody>
          {subjects.map((s) => (
            <tr key={s.courseId}>
              <th scope="row">
                <Link prefetch={false} href={`/diary/${studentId}/marks/${s.courseId}?period=${periodId}`}>{s.group ? `${s.subject} (${s.group})` : s.subject}</Link>
              </th>
              <td className="n">{formatAverage(s.weightedAverage)}</td>
              <td className="n">{s.forecast?.proposal.kind === 'insufficient' ? <small>мало отм.</small> : forecastShort(s)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {minMarks !== null && (
        <p className="border-t border-line px-3 py-2 text-sm text-muted">
          Прогноз появляется, когда в периоде не меньше {minMarks} {pluralRu(minMarks, 'отметки', 'отметок', 'отметок')} по предмету.
        </p>
      )}
    </div>
  );
}
