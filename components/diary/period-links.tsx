// A row of links between study periods; the period lives in the URL, so back/forward work.
import Link from 'next/link';

type Props = { periods: { id: number; name: string }[]; currentId: number; href: (id: number) => string; label: string };

export function PeriodLinks({ periods, currentId, href, label }: Props) {
  if (periods.length < 2) return null;
  return (
    <nav aria-label={label}>
      <ul className="flex flex-wrap gap-2">
        {periods.map((p) => {
          const current = p.id === currentId;
          return (
            <li key={p.id}>
              <Link prefetch={false}
                href={href(p.id)}
                aria-current={current ? 'page' : undefined}
                className={`inline-flex min-h-11 items-center rounded-md border px-3 ${current ? 'border-accent bg-accent-soft font-bold text-accent' : 'border-line bg-white hover:border-accent'}`}
              >
                {p.name}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
