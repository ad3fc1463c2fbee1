// The frame of every signed-in page: who is signed in, where they can go, how to sign out.
import Link from 'next/link';
import type { NavItem } from '@/lib/auth/navigation';
import { SignOut } from './sign-out';

type Props = { userName: string; roleLabel: string; nav: NavItem[]; children: React.ReactNode };

export function AppShell({ userName, roleLabel, nav, children }: Props) {
  return (
    <div className="min-h-screen">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:bg-white focus:p-2">
        К содержимому
      </a>
      <header className="border-b border-line bg-white">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3">
          <Link href="/" className="text-lg font-bold text-accent">Электронный журнал</Link>
          <nav aria-label="Основная навигация" className="order-3 w-full overflow-x-auto sm:order-none sm:w-auto sm:min-w-0 sm:flex-1 sm:overflow-visible">
            {/* One scrolling row on a phone; on a wider screen a long menu (an administrator has a dozen) wraps. */}
            <ul className="flex gap-1 sm:flex-wrap">
              {nav.map((item) => (
                <li key={item.href}>
                  <Link href={item.href} prefetch={false} className="block whitespace-nowrap rounded-md px-3 py-2 hover:bg-accent-soft">{item.label}</Link>
                </li>
              ))}
            </ul>
          </nav>
          <div className="ml-auto flex items-center gap-3 text-sm">
            <span className="text-right leading-tight">
              <span className="block font-bold">{userName}</span>
              <span className="block text-muted">{roleLabel}</span>
            </span>
            <SignOut />
          </div>
        </div>
      </header>
      <main id="main" className="mx-auto max-w-6xl px-4 py-6">{children}</main>
    </div>
  );
}
