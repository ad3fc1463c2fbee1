'use client';

import { useActionState } from 'react';
import { signOut } from 'next-auth/react';
import { changePasswordAction, type ChangePasswordState } from './actions';
import { Field } from '@/components/ui/field';

export function ChangePasswordForm() {
  const [state, action, pending] = useActionState<ChangePasswordState, FormData>(changePasswordAction, {});
  if (state.ok) {
    return (
      <div className="rounded-lg border border-line bg-white p-5">
        <p className="mb-4">Пароль изменён. Все прежние сеансы завершены — войдите с новым паролем.</p>
        <button className="rounded-md bg-accent px-4 py-3 font-bold text-white" onClick={() => signOut({ callbackUrl: '/login' })}>
          Войти снова
        </button>
      </div>
    );
  }
  return (
    <form action={action} className="space-y-4 rounded-lg border border-line bg-white p-5 shadow-sm">
      <Field label="Текущий пароль" name="current" type="password" autoComplete="current-password" error={state.errors?.current} />
      <Field label="Новый пароль" name="password" type="password" autoComplete="new-password" error={state.errors?.password} />
      <Field label="Повторите новый пароль" name="repeat" type="password" autoComplete="new-password" error={state.errors?.repeat} />
      {state.errors?.form && <p role="alert" className="text-danger">{state.errors.form}</p>}
      <button type="submit" disabled={pending} className="w-full rounded-md bg-accent px-4 py-3 font-bold text-white disabled:opacity-60">
        {pending ? 'Сохранение…' : 'Сменить пароль'}
      </button>
    </form>
  );
}
