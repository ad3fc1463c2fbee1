// The class teacher's (and management's) printing of weekly paper extracts (seeds 001 §5,
// 002 §3.8, 003 §5): pick a week, print the families on paper or the whole class as one PDF.
import Link from 'next/link';
import { notFound, redirect } from 'next/navigation';
import { requireUser } from '@/lib/auth/current-user';
import { parseId } from '@/lib/ids';
import { printPage } from '@/lib/data/extracts/print-page';
import { BatchForm } from './batch-form';

export const metadata = { title: 'Бумажные выписки' };

type Props = { params: Promise<{ classId: string }> };

export default async function PrintPage({ params }: Props) {
  const user = await requireUser();
  const id = parseId((await params).classId);
  if (id === null) notFound();
  const result = await printPage(user, id);
  if (!result.ok) return result.status === 403 ? redirect('/forbidden') : notFound();
  const { page } = result;
  const paper = page.pupils.filter((p) => p.paperReason);
  return (
    <div className="space-y-4">
      <div>
        <p className="text-sm"><Link href={`/class/${page.classId}`} className="text-accent underline">← {page.className} класс</Link></p>
        <h1 className="text-2xl font-bold">Бумажные выписки: {page.className} класс</h1>
        <p className="max-w-3xl text-muted">
          Семьи, которые отказались от электронной формы, выбрали бумажную, ещё не оформили согласие или не могут войти в дневник (у родителей нет входа), получают выписку из
          дневника не реже раза в неделю. В PDF у каждого ученика своя страница (если неделя не помещается на одну — несколько
          страниц подряд). Выберите, как печатает ваш принтер: при двусторонней печати у каждого ученика чётное число страниц
          (оборот последнего листа остаётся пустым), так что на одном листе никогда не окажутся два ученика; при односторонней
          пустых страниц нет.
        </p>
      </div>
      <BatchForm classId={page.classId} weeks={page.weeks} paperCount={paper.length} allCount={page.pupils.length} canPrintSchool={page.canPrintSchool} pupils={page.pupils} />
    </div>
  );
}
