'use client';

import { useActionState } from 'react';
import { addNoteAction, type NoteFormState } from './actions';

type Props = { kinds: { value: string; label: string }[]; classes: { id: number; name: string }[] };

export function NoteForm({ kinds, classes }: Props) {
  const [state, action, pending] = useActionState<NoteFormState, FormData>(addNoteAction, {});
  const e = state.errors ?? {};
  const input = 'mt-1 rounded-md border border-line px-3 py-2';
  return (
    <form action={action} className="grid max-w-2xl gap-3 rounded-lg border border-line bg-white p-4 sm:grid-cols-2">
      <label className="flex flex-col">Вид записи
        <select name="kind" className={input}>{kinds.map((k) => <option key={k.value} value={k.value}>{k.label}</option>)}</select>
      </label>
      <label className="flex flex-col">Класс
        <select name="classId" className={input}>{classes.map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}</select>
      </label>
      <label className="flex flex-col">Фамилия ученика<input name="lastName" className={input} aria-invalid={!!e.lastName || !!e.pupil} /></label>
      <label className="flex flex-col">Имя ученика<input name="firstName" className={input} /></label>
      <p aria-live="polite" className="text-sm text-danger sm:col-span-2">{e.pupil ?? e.lastName ?? e.firstName}</p>
      <label className="flex flex-col sm:col-span-2">Запись<textarea name="text" rows={3} className={input} /></label>
      <p aria-live="polite" className="text-sm text-danger sm:col-span-2">{e.text ?? e.form}</p>
      <div className="flex items-center gap-3 sm:col-span-2">
        <button disabled={pending} className="rounded-md bg-accent px-4 py-2 font-bold text-white disabled:opacity-60">Добавить запись</button>
        {state.ok && <span role="status" className="text-ok">Запись добавлена</span>}
      </div>
    </form>
  );
}
