// The class teacher's overview (read-only): every subject's weighted average and final mark per
// pupil for a period, attendance totals, and the class average per subject.
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { requireUser } from '@/lib/auth/current-user';
import { parseId } from '@/lib/ids';
import { classOverview } from '@/lib/data/journal/class-overview';
import { OverviewTable } from './_components/overview-table';

export const metadata = { title: 'Мой класс' };

const SECTIONS: [string, string][] = [['summary', 'Сводная ведомость'], ['diary-checks', 'Проверка дневников родителями'], ['acknowledgements', 'Ознакомление с итоговыми отметками'], ['print', 'Бумажные выписки']];

type Props = { params: Promise<{ classId: string }>; searchParams: Promise<{ period?: string }> };

export default async function ClassPage({ params, searchParams }: Props) {
  const user = await requireUser();
  const id = parseId((await params).classId);
  const { period } = await searchParams;
  if (id === null) notFound();
  const data = await classOverview(user, id, parseId(period) ?? undefined);
  if (!data) notFound();
  // A pupil moved here from another class during the period: their earlier marks count (prior-marks.ts).
  const priorClass = data.rows.flatMap((r) => Object.values(r.cells)).find((c) => c.prior)?.prior?.split(':')[0];
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-bold">{data.className} класс: успеваемость и посещаемость</h1>
          <p className="text-muted">{data.period.name}. В ячейке — средневзвешенный балл по предмету, справа жирным — итоговая отметка.</p>
        </div>
        <nav aria-label="Учебные периоды" className="flex flex-wrap gap-1">
          {data.periods.map((p) => (
            <Link key={p.id} href={`/class/${id}?period=${p.id}`} aria-current={p.id === data.period.id ? 'page' : undefined}
              className={`rounded-md border px-3 py-1.5 text-sm ${p.id === data.period.id ? 'border-accent bg-accent text-white' : 'border-line bg-white hover:border-accent'}`}>{p.name}</Link>
          ))}
        </nav>
      </div>
      <OverviewTable data={data} />
      {priorClass && (
        <p className="text-sm text-muted">«из {priorClass}: …» в ячейке — отметки по предмету в прежнем классе за этот период до перевода: средний балл ученика учитывает их, средний по классу — нет.</p>
      )}
      <nav aria-label="Другие страницы класса" className="flex flex-wrap gap-3 text-sm">
        {SECTIONS.map(([path, label]) => <Link key={path} href={`/class/${id}/${path}`} className="text-accent underline">{label}</Link>)}
      </nav>
    </div>
  );
}
