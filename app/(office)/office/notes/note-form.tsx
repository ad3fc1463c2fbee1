'use client';

import { startTransition, useActionState, useEffect, useRef } from 'react';
import { addNoteAction, type NoteFormState } from './actions';

type Props = { kinds: { value: string; label: string }[]; classes: { id: number; name: string }[] };

export function NoteForm({ kinds, classes }: Props) {
  const [state, action, pending] = useActionState<NoteFormState, FormData>(addNoteAction, {});
  const form = useRef<HTMLFormElement>(null);
  const e = state.errors ?? {};
  const input = 'mt-1 rounded-md border border-line px-3 py-2';
  // Submitted through a transition rather than the form's action prop: React resets a form after
  // an action, which would wipe the note when the server answers with an error. A saved note
  // clears the form, as the reset would have.
  function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    startTransition(() => action(data));
  }
  useEffect(() => {
    if (state.ok) form.current?.reset();
  }, [state]);
  return (
    <form ref={form} action={action} onSubmit={submit} className="grid max-w-2xl gap-3 rounded-lg border border-line bg-white p-4 sm:grid-cols-2">
      <label className="flex flex-col">Вид записи
        <select name="kind" className={input} aria-invalid={e.kind ? true : undefined} aria-describedby="note-kind-error">{kinds.map((k) => <option key={k.value} value={k.value}>{k.label}</option>)}</select>
        <span id="note-kind-error" aria-live="polite" className="text-sm text-danger">{e.kind}</span>
      </label>
      <label className="flex flex-col">Класс
        <select name="classId" className={input} aria-invalid={e.classId ? true : undefined} aria-describedby="note-class-error">{classes.map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}</select>
        <span id="note-class-error" aria-live="polite" className="text-sm text-danger">{e.classId}</span>
      </label>
      <label className="flex flex-col">Фамилия ученика<input name="lastName" className={input} aria-invalid={!!e.lastName || !!e.pupil} aria-describedby="note-pupil-error" /></label>
      <label className="flex flex-col">Имя ученика<input name="firstName" className={input} aria-invalid={!!e.firstName || !!e.pupil} aria-describedby="note-pupil-error" /></label>
      <p id="note-pupil-error" aria-live="polite" className="text-sm text-danger sm:col-span-2">{e.pupil ?? e.lastName ?? e.firstName}</p>
      <label className="flex flex-col sm:col-span-2">Запись<textarea name="text" rows={3} maxLength={5000} className={input} aria-invalid={e.text ? true : undefined} aria-describedby="note-text-error" /></label>
      <p id="note-text-error" aria-live="polite" className="text-sm text-danger sm:col-span-2">{e.text ?? e.form}</p>
      <div className="flex items-center gap-3 sm:col-span-2">
        <button disabled={pending} className="rounded-md bg-accent px-4 py-2 font-bold text-white disabled:opacity-60">Добавить запись</button>
        {state.ok && <span role="status" className="text-ok">Запись добавлена</span>}
      </div>
    </form>
  );
}
