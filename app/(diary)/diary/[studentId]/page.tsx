// The week view: /diary/[studentId]?week=YYYY-MM-DD (any date of the week; the current week without).
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { requireUser } from '@/lib/auth/current-user';
import { openDiary, parseStudentId } from '@/lib/data/diary/open';
import { diaryWeek } from '@/lib/data/diary/week';
import { DiaryHeader } from '@/components/diary/diary-header';
import { closedDiaryOrNotFound } from '@/components/diary/closed-diary';
import { WeekView } from '@/components/diary/week-view';

export const metadata: Metadata = { title: 'Дневник: неделя' };

type Props = { params: Promise<{ studentId: string }>; searchParams: Promise<{ week?: string | string[] }> };

export default async function DiaryWeekPage({ params, searchParams }: Props) {
  const user = await requireUser();
  const studentId = parseStudentId((await params).studentId);
  const requested = (await searchParams).week;
  const weekParam = typeof requested === 'string' ? requested : null;
  const [diary, week] = await Promise.all([openDiary(user, studentId), diaryWeek(user, studentId, weekParam)]);
  // Not this family's, or closed by the family's refusal: the latter is explained.
  if (!diary) return closedDiaryOrNotFound(user, studentId, 'week');
  if (!week) notFound();
  return (
    <div className="mx-auto max-w-3xl">
      <DiaryHeader diary={diary} section="week" childQuery={week.isCurrentWeek ? '' : `week=${week.monday}`} />
      <WeekView week={week} />
      {user.permissions.has('diary:read:children') && <p className="mt-6 text-center">
        {/* The same page on paper (seed 001 §5), for the fridge or for a grandparent without internet. */}
        <a href={`/api/pdf/extract?studentId=${studentId}&week=${week.monday}`} className="inline-block rounded-md border border-line px-4 py-3 text-accent underline">
          Распечатать выписку за неделю (PDF)
        </a>
      </p>}
    </div>
  );
}
