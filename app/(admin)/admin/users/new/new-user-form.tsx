'use client';

import { useActionState } from 'react';
import { Field } from '@/components/ui/field';
import { Credentials } from '@/components/ui/credentials';
import { createUserAction, type FormState } from '../actions';

type Props = { roles: { value: string; label: string }[]; classes: { id: number; name: string }[] };

export function NewUserForm({ roles, classes }: Props) {
  const [state, action, pending] = useActionState<FormState, FormData>(createUserAction, {});
  if (state.ok && state.credentials) return <Credentials message={state.message!} {...state.credentials} />;
  const e = state.errors ?? {};
  // After an error the form shows what was typed (state.values).
  const v = state.values;
  return (
    <form action={action} className="space-y-2 rounded-lg border border-line bg-white p-5">
      <Field label="Фамилия" name="lastName" defaultValue={v?.lastName} error={e.lastName} required />
      <Field label="Имя" name="firstName" defaultValue={v?.firstName} error={e.firstName} required />
      <Field label="Отчество" name="middleName" defaultValue={v?.middleName} error={e.middleName} />
      <Field label="Электронная почта" name="email" defaultValue={v?.email} type="email" error={e.email} />
      <Field label="Телефон" name="phone" defaultValue={v?.phone} type="tel" error={e.phone} />
      <fieldset className="mb-3" aria-describedby="roles-error">
        <legend className="mb-1 font-bold">Роли</legend>
        <div className="grid grid-cols-2 gap-1">
          {roles.map((r) => (
            <label key={r.value} className="flex items-center gap-2 py-1"><input type="checkbox" name="roles" value={r.value} defaultChecked={v?.roles.includes(r.value)} className="size-5" />{r.label}</label>
          ))}
        </div>
        <p id="roles-error" aria-live="polite" className="min-h-5 text-sm text-danger">{e.roles}</p>
      </fieldset>
      <div className="mb-3">
        <label htmlFor="classTeacherOf" className="mb-1 block font-bold">Классное руководство</label>
        {/* A select takes a changed defaultValue only when mounted anew: the key remounts it with what was chosen. */}
        <select key={v ? `typed:${v.classTeacherOf}` : 'new'} id="classTeacherOf" name="classTeacherOf" defaultValue={v?.classTeacherOf ?? ''} className="w-full rounded-md border border-line px-3 py-2.5">
          <option value="">Нет</option>
          {classes.map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}
        </select>
        <p aria-live="polite" className="min-h-5 text-sm text-danger">{e.classTeacherOf}</p>
      </div>
      {e.form && <p role="alert" className="text-danger">{e.form}</p>}
      <button disabled={pending} className="rounded-md bg-accent px-5 py-3 font-bold text-white disabled:opacity-60">{pending ? 'Создание…' : 'Создать'}</button>
    </form>
  );
}
