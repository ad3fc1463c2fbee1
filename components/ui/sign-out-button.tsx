'use client';

import { signOut } from 'next-auth/react';

type Props = { csrfToken: string | null };

/**
 * A form posting to next-auth's sign-out, so «Выйти» works before the page's script has loaded
 * (a slow phone) or without it. Once the script runs, next-auth's signOut() takes over: it fetches
 * a fresh CSRF token, so signing out works even when the browser lost the CSRF cookie.
 */
export function SignOutButton({ csrfToken }: Props) {
  return (
    <form method="post" action="/api/auth/signout" onSubmit={(event) => { event.preventDefault(); void signOut({ callbackUrl: '/login' }); }}>
      {csrfToken && <input type="hidden" name="csrfToken" value={csrfToken} />}
      <input type="hidden" name="callbackUrl" value="/login" />
      <button type="submit" className="rounded-md border border-line px-3 py-2 hover:bg-accent-soft">
        Выйти
      </button>
    </form>
  );
}
