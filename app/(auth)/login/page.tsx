import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { getCurrentUser } from '@/lib/auth/current-user';
import { homePathFor, localPath } from '@/lib/auth/home';
import { LoginForm } from './login-form';

export const metadata: Metadata = { title: 'Вход' };

type Props = { searchParams: Promise<{ error?: string; next?: string | string[] }> };

export default async function LoginPage({ searchParams }: Props) {
  const user = await getCurrentUser();
  if (user) redirect(homePathFor(user));
  const { next } = await searchParams;
  const safeNext = localPath(next);
  return (
    <main className="mx-auto flex min-h-screen max-w-sm flex-col justify-center px-4 py-10">
      <h1 className="mb-1 text-2xl font-bold">Электронный журнал</h1>
      <p className="mb-6 text-muted">Вход для учителей, родителей и учеников</p>
      <LoginForm next={safeNext} />
      <p className="mt-6 text-sm text-muted">
        Логин и пароль выдаёт администратор школы. Забыли пароль — обратитесь к классному руководителю.
      </p>
    </main>
  );
}
