// «Выйти» with the CSRF token its plain form needs, read on the server from the browser's own
// cookie (see SignOutButton): the one place every screen with a sign-out gets it from.
import { cookies } from 'next/headers';
import { csrfTokenOf } from '@/lib/auth/session-token';
import { SignOutButton } from './sign-out-button';

export async function SignOut() {
  const jar = await cookies();
  return <SignOutButton csrfToken={csrfTokenOf((name) => jar.get(name)?.value)} />;
}
