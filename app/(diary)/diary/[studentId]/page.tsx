// The week view: /diary/[studentId]?week=YYYY-MM-DD (any date of the week; the current week without).
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { requireUser } from '@/lib/auth/current-user';
import { openDiary, parseStudentId } from '@/lib/data/diary/open';
import { diaryWeek } from '@/lib/data/diary/week';
import { DiaryHeader } from '@/components/diary/diary-header';
import { WeekView } from '@/components/diary/week-view';

export const metadata: Metadata = { title: 'Дневник: неделя' };

type Props = { params: Promise<{ studentId: string }>; searchParams: Promise<{ week?: string | string[] }> };

export default async function DiaryWeekPage({ params, searchParams }: Props) {
  const user = await requireUser();
  const studentId = parseStudentId((await params).studentId);
  const requested = (await searchParams).week;
  const weekParam = typeof requested === 'string' ? requested : null;
  const [diary, week] = await Promise.all([openDiary(user, studentId), diaryWeek(user, studentId, weekParam)]);
  if (!diary || !week) notFound();
  return (
    <div className="mx-auto max-w-3xl">
      <DiaryHeader diary={diary} section="week" childQuery={week.isCurrentWeek ? '' : `week=${week.monday}`} />
      <WeekView week={week} />
    </div>
  );
}
