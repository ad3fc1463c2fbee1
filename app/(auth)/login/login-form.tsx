'use client';

import { useState } from 'react';
import { signIn } from 'next-auth/react';

export function LoginForm({ next }: { next: string }) {
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    const result = await signIn('credentials', {
      login: String(form.get('login') ?? ''),
      password: String(form.get('password') ?? ''),
      redirect: false,
    });
    if (result?.ok && !result.error) {
      window.location.assign(next);
      return;
    }
    setPending(false);
    setError(result?.error && result.error !== 'CredentialsSignin' ? result.error : 'Неверный логин или пароль.');
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4 rounded-lg border border-line bg-white p-5 shadow-sm" noValidate>
      <div>
        <label htmlFor="login" className="mb-1 block font-bold">Логин</label>
        <input id="login" name="login" autoComplete="username" autoCapitalize="none" spellCheck={false} required
          className="w-full rounded-md border border-line px-3 py-3 text-lg" aria-describedby={error ? 'login-error' : undefined} />
      </div>
      <div>
        <label htmlFor="password" className="mb-1 block font-bold">Пароль</label>
        <input id="password" name="password" type="password" autoComplete="current-password" required
          className="w-full rounded-md border border-line px-3 py-3 text-lg" />
      </div>
      <p id="login-error" role="alert" aria-live="polite" className="min-h-6 text-danger">{error}</p>
      <button type="submit" disabled={pending}
        className="w-full rounded-md bg-accent px-4 py-3 text-lg font-bold text-white hover:opacity-90 disabled:opacity-60">
        {pending ? 'Вход…' : 'Войти'}
      </button>
    </form>
  );
}
