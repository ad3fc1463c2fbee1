// Where next-auth sends a sign-out it could not verify (the browser posted without its CSRF
// cookie, e.g. «Выйти» pressed before the page's script loaded): next-auth has just set a fresh
// cookie, so the form here carries a valid token and one more press signs out.
import { requireUser } from '@/lib/auth/current-user';
import { SignOut } from '@/components/ui/sign-out';

export const metadata = { title: 'Выход' };

export default async function LogoutPage() {
  const user = await requireUser({ allowPasswordChange: true });
  return (
    <main className="mx-auto flex min-h-screen max-w-sm flex-col justify-center px-4 py-10">
      <h1 className="mb-2 text-2xl font-bold">Выйти из журнала?</h1>
      <p className="mb-6 text-muted">Вы вошли как {user.lastName} {user.firstName}.</p>
      <div className="flex items-center gap-4">
        <SignOut />
        <a href="/" className="inline-flex min-h-11 items-center text-accent underline">Остаться в журнале</a>
      </div>
    </main>
  );
}
