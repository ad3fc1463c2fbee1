'use client';

import { signOut } from 'next-auth/react';

export function SignOutButton() {
  return (
    <button type="button" onClick={() => signOut({ callbackUrl: '/login' })}
      className="rounded-md border border-line px-3 py-2 hover:bg-accent-soft">
      Выйти
    </button>
  );
}
