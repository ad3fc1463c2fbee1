// Whether each family checked the diary at least twice a week (seed 003 §8), for the class teacher
// and management: /class/[classId]/diary-checks?period=<id>[&only=missed].
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { requireUser } from '@/lib/auth/current-user';
import { parseId } from '@/lib/ids';
import { classDiaryChecks } from '@/lib/data/diary/class-checks';
import { REQUIRED_CHECKS_PER_WEEK } from '@/lib/domain/diary-checks';
import { PeriodLinks } from '@/components/diary/period-links';
import { ChecksTable } from '@/components/diary/checks-table';

export const metadata: Metadata = { title: 'Проверка дневников родителями' };

type Props = { params: Promise<{ classId: string }>; searchParams: Promise<{ period?: string; only?: string }> };

export default async function DiaryChecksPage({ params, searchParams }: Props) {
  const user = await requireUser();
  const classId = parseId((await params).classId);
  if (classId === null) notFound();
  const query = await searchParams;
  const data = await classDiaryChecks(user, classId, parseId(query.period));
  if (!data) notFound();
  const onlyMissed = query.only === 'missed';
  const base = `/class/${classId}/diary-checks?period=${data.period.id}`;
  const rows = onlyMissed ? data.families.filter((f) => !f.offline && f.checks.missed > 0) : data.families;
  const regular = data.summary.families - data.summary.withMisses - data.summary.offline;
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">{data.className}: проверка дневников родителями</h1>
      <p className="max-w-3xl text-muted">
        Родители должны просматривать электронный дневник не реже {REQUIRED_CHECKS_PER_WEEK === 2 ? 'двух' : REQUIRED_CHECKS_PER_WEEK} раз в
        неделю. Считаются разные дни, в которые кто-то из родителей открыл дневник ребёнка; в неделю с одним
        учебным днём достаточно одного. Недели до прихода ученика в класс и после ухода не оцениваются, семьи,
        получающие дневник на бумаге или по почте, — тоже.{' '}
        <Link prefetch={false} href={`/class/${classId}/acknowledgements?period=${data.period.id}`} className="text-accent underline">Ознакомление с итоговыми отметками</Link>
      </p>
      <PeriodLinks periods={data.periods} currentId={data.period.id} href={(id) => `/class/${classId}/diary-checks?period=${id}${onlyMissed ? '&only=missed' : ''}`} label="Учебный период" />
      <p role="status">
        Каждую неделю: <b>{regular}</b> из {data.summary.families} семей · с пропущенными неделями: <b className="text-danger">{data.summary.withMisses}</b>
        {data.summary.offline > 0 && <> · получают дневник не онлайн (бумага, почта): <b>{data.summary.offline}</b></>}
      </p>
      <p>
        {onlyMissed ? (
          <Link prefetch={false} href={base} className="inline-flex min-h-11 items-center text-accent underline">Показать все семьи</Link>
        ) : (
          <Link prefetch={false} href={`${base}&only=missed`} className="inline-flex min-h-11 items-center text-accent underline">Только семьи с пропущенными неделями</Link>
        )}
      </p>
      {data.weeks.length === 0 ? <p className="text-muted">Период ещё не начался.</p> : <ChecksTable weeks={data.weeks} families={rows} />}
    </div>
  );
}
