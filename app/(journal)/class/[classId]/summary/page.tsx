// The summary sheet (сводная ведомость) of a class on screen: final marks of every pupil in every
// subject for a period or the year, the statistics per subject, and the same as a PDF.
import Link from 'next/link';
import { notFound, redirect } from 'next/navigation';
import { requireUser } from '@/lib/auth/current-user';
import { parseId } from '@/lib/ids';
import { summarySheet } from '@/lib/data/summary-sheet';
import { STATISTICS_NOTE } from '@/lib/pdf/summary-model';
import { SummaryTable } from './summary-table';

export const metadata = { title: 'Сводная ведомость' };

type Props = { params: Promise<{ classId: string }>; searchParams: Promise<{ period?: string }> };

const dateRu = (iso: string) => iso.split('-').reverse().join('.');

export default async function SummaryPage({ params, searchParams }: Props) {
  const user = await requireUser();
  const id = parseId((await params).classId);
  const { period } = await searchParams;
  const periodId = period ? parseId(period) : null;
  if (id === null || (period && periodId === null)) notFound();
  const result = await summarySheet(user, id, periodId);
  if (!result.ok) return result.status === 403 ? redirect('/forbidden') : notFound();
  const { sheet } = result;
  const pdf = `/api/pdf/summary-sheet?classId=${sheet.classId}&periodId=${sheet.period.id}`;
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <p className="text-sm"><Link href={`/class/${sheet.classId}`} className="text-accent underline">← {sheet.className} класс</Link></p>
          <h1 className="text-2xl font-bold">Сводная ведомость: {sheet.className} класс</h1>
          <p className="text-muted">{sheet.period.name} ({dateRu(sheet.period.startDate)} – {dateRu(sheet.period.endDate)}), {sheet.yearLabel} учебный год</p>
        </div>
        <a href={pdf} className="rounded-md bg-accent px-4 py-2 font-bold text-white">Скачать PDF</a>
      </div>
      <nav aria-label="Учебные периоды" className="flex flex-wrap gap-1">
        {sheet.periods.map((p) => (
          <Link key={p.id} href={`/class/${sheet.classId}/summary?period=${p.id}`} aria-current={p.id === sheet.period.id ? 'page' : undefined}
            className={`rounded-md border px-3 py-1.5 text-sm ${p.id === sheet.period.id ? 'border-accent bg-accent text-white' : 'border-line bg-white hover:border-accent'}`}>{p.name}</Link>
        ))}
      </nav>
      <SummaryTable sheet={sheet} />
      <p className="max-w-4xl text-sm text-muted">{STATISTICS_NOTE} Для предметов не по пятибалльной шкале статистика не считается («—»). «отср.» — итоговая отметка отсрочена (дата — в подсказке).</p>
    </div>
  );
}
