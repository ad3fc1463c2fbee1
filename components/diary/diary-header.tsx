// The top of every diary page: whose diary it is, a switcher between the family's children, and
// the diary's sections. Plain links (no client code); the section and the child live in the URL.
import Link from 'next/link';
import type { OpenDiary } from '@/lib/data/diary/open';
import { ChildSwitcher } from './child-switcher';

export type DiarySection = 'week' | 'marks' | 'results' | 'schedule';

const SECTIONS: { id: DiarySection; label: string; path: string }[] = [
  { id: 'week', label: 'Неделя', path: '' },
  { id: 'marks', label: 'Отметки', path: '/marks' },
  { id: 'results', label: 'Итоги', path: '/results' },
  { id: 'schedule', label: 'Расписание', path: '/schedule' },
];

export function sectionHref(studentId: number, section: DiarySection, query = ''): string {
  const path = SECTIONS.find((s) => s.id === section)!.path;
  return `/diary/${studentId}${path}${query ? `?${query}` : ''}`;
}

type Props = {
  diary: OpenDiary;
  section: DiarySection;
  /** Query kept when switching child within the section (e.g. the week shown). */
  childQuery?: string;
};

export function DiaryHeader({ diary, section, childQuery }: Props) {
  const id = diary.student.id;
  // A class teacher's answer to the reader's message waits on «Итоги» (familyChildren); that page
  // itself marks the answers «Новый» instead.
  const newReply = section !== 'results' && !!diary.children.find((c) => c.id === id)?.newReply;
  return (
    <header className="mb-4 space-y-3">
      <h1 className="text-2xl font-bold leading-tight">
        {diary.name}
        {diary.className && <span className="ml-2 text-lg font-normal text-muted">{diary.className} класс</span>}
      </h1>
      <ChildSwitcher childList={diary.children} currentId={id} href={(childId) => sectionHref(childId, section, childQuery)} />
      <nav aria-label="Разделы дневника" className="-mx-4 overflow-x-auto px-2 sm:px-4">
        <ul className="flex min-w-max gap-1 border-b border-line">
          {SECTIONS.map((s) => {
            const current = s.id === section;
            return (
              <li key={s.id}>
                <Link prefetch={false}
                  href={sectionHref(id, s.id)}
                  aria-current={current ? 'page' : undefined}
                  className={`-mb-px inline-flex min-h-11 items-center border-b-[3px] px-2.5 sm:px-4 ${current ? 'border-accent font-bold text-accent' : 'border-transparent text-ink hover:border-line'}`}
                >
                  {s.label}
                  {s.id === 'results' && newReply && (
                    <span className="ml-1.5 rounded-full bg-accent px-2 py-0.5 text-xs font-bold text-white" data-testid="new-reply">
                      <span className="sr-only"> — </span>новый ответ
                    </span>
                  )}
                </Link>
              </li>
            );
          })}
        </ul>
      </nav>
    </header>
  );
}
