// Links between a family's children, each to the same diary section; a child whose diary the
// family's refusal closed is marked, so a parent sees at once which diaries are online.
import Link from 'next/link';
import type { StudentSummary } from '@/lib/data/students';

type Props = { childList: StudentSummary[]; currentId: number; href: (studentId: number) => string };

export function ChildSwitcher({ childList, currentId, href }: Props) {
  if (childList.length < 2 || !childList.some((c) => c.id === currentId)) return null;
  return (
    <nav aria-label="Выбор ребёнка">
      <ul className="flex flex-wrap gap-2">
        {childList.map((c) => {
          const current = c.id === currentId;
          return (
            <li key={c.id}>
              <Link
                href={href(c.id)}
                prefetch={false}
                aria-current={current ? 'page' : undefined}
                className={`inline-flex min-h-11 items-center rounded-full border px-4 ${current ? 'border-accent bg-accent text-white' : 'border-line bg-white hover:border-accent'}`}
              >
                {c.firstName}
                {c.className && <span className={`ml-1.5 text-sm ${current ? 'text-white' : 'text-muted'}`}>{c.className}</span>}
                {c.closed && <span className={`ml-1.5 text-sm ${current ? 'text-white' : 'text-muted'}`}>(выписки на бумаге)</span>}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
