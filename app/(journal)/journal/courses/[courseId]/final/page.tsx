// Final marks of a course for a period: the proposal by the school's rule next to each pupil,
// the teacher's decision (value, н/а, осв., зач. or a deferral), and publishing.
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { requireUser } from '@/lib/auth/current-user';
import { parseId } from '@/lib/ids';
import { loadJournalGrid } from '@/lib/data/journal/grid';
import { FinalMarkRow, PublishButton } from './final-mark-row';

export const metadata = { title: 'Итоговые отметки' };

type Props = { params: Promise<{ courseId: string }>; searchParams: Promise<{ period?: string }> };

export default async function FinalMarksPage({ params, searchParams }: Props) {
  const user = await requireUser();
  const id = parseId((await params).courseId);
  const { period } = await searchParams;
  if (id === null) notFound();
  const grid = await loadJournalGrid(user, id, parseId(period) ?? undefined);
  if (!grid) notFound();
  // Final marks follow their period alone: a deferred year mark may come after the year (see yearEnded).
  const editable = grid.course.finalsWritable && grid.period.status === 'OPEN';
  // A moved pupil's draft is not published from here (publishFinalMarks skips it).
  const drafts = grid.pupils.filter((p) => p.final?.status === 'DRAFT' && !p.movedOut).length;
  // A pupil moved here from another class during the period: their earlier marks count (prior-marks.ts).
  const priorClass = grid.pupils.find((p) => p.prior.length)?.prior[0].className;
  return (
    <div className="space-y-4">
      <div>
        <p className="text-sm"><Link className="text-accent underline" href={`/journal/courses/${id}?period=${grid.period.id}`}>← Журнал</Link></p>
        <h1 className="text-2xl font-bold">Итоговые отметки: {grid.course.title}</h1>
        <p className="text-muted">{grid.period.name}{grid.period.status === 'CLOSED' ? ' · период закрыт, изменения только после открытия администрацией' : ''}</p>
      </div>
      <p className="rounded-lg border border-line bg-white p-3 text-sm">{grid.policyText}</p>
      <div className="overflow-x-auto rounded-lg border border-line bg-white">
        <table className="w-full text-sm">
          <thead className="bg-stone-50 text-left">
            <tr>
              <th scope="col" className="px-3 py-2">Ученик</th>
              <th scope="col" className="px-2 py-2 text-center">Отметок</th>
              <th scope="col" className="px-2 py-2 text-center">Ср. взв.</th>
              <th scope="col" className="px-2 py-2 text-center">Предложение</th>
              <th scope="col" className="px-3 py-2">Итоговая отметка</th>
            </tr>
          </thead>
          <tbody>
            {grid.pupils.map((p) => <FinalMarkRow key={p.id} pupil={p} courseId={id} periodId={grid.period.id} scale={grid.course.scale.values} editable={editable} periodEnd={grid.period.endDate} timeZone={user.timeZone} />)}
          </tbody>
        </table>
      </div>
      {priorClass && (
        <p className="text-sm text-muted">
          «из {priorClass}: …» под фамилией — отметки по этому предмету, полученные учеником в прежнем классе за этот период до перевода. Количество отметок, средневзвешенный балл и предложение считаются по всем отметкам периода: здесь и в прежнем классе, с теми же весами и тем же правилом округления.
        </p>
      )}
      {editable && <PublishButton courseId={id} periodId={grid.period.id} drafts={drafts} />}
    </div>
  );
}
