// The family's start: one child (or a pupil's own account) goes straight to the week; several
// children are listed to choose from. A diary the family's refusal closed is listed and marked;
// its page explains why (components/diary/closed-diary.tsx).
import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { requireUser } from '@/lib/auth/current-user';
import { homeOutside } from '@/lib/auth/home';
import { diaryStudents } from '@/lib/data/students';

export const metadata: Metadata = { title: 'Дневник' };

export default async function DiaryHomePage() {
  const user = await requireUser();
  if (!user.permissions.has('diary:read:children') && !user.permissions.has('diary:read:self')) redirect(homeOutside(user, '/diary'));
  const students = await diaryStudents(user);
  if (students.length === 1) redirect(`/diary/${students[0].id}`);
  return (
    <div className="mx-auto max-w-3xl">
      <h1 className="mb-4 text-2xl font-bold">Дневник</h1>
      {students.length === 0 ? (
        <p className="text-muted">К вашей учётной записи не привязан ни один ученик. Обратитесь к классному руководителю.</p>
      ) : (
        <>
          <p className="mb-3 text-muted">Выберите ребёнка:</p>
          <ul className="grid gap-3 sm:grid-cols-2">
            {students.map((s) => (
              <li key={s.id}>
                <Link href={`/diary/${s.id}`} prefetch={false} className="flex min-h-14 items-center justify-between rounded-lg border border-line bg-white px-4 py-3 text-lg hover:border-accent">
                  <span className="font-bold">{s.firstName} {s.lastName}</span>
                  <span className="text-right text-muted">
                    {s.className && <span className="block">{s.className} класс</span>}
                    {s.closed && <span className="block text-sm">Дневник закрыт: выписки на бумаге</span>}
                  </span>
                </Link>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
