'use client';
// Adds a lesson that is not in the timetable (or opens the one that exists) and goes to its page.
import { useActionState } from 'react';
import { openLessonAction, type FormState } from '../../lessons/actions';

export function AddLessonForm({ courseId }: { courseId: number }) {
  const [state, action, pending] = useActionState<FormState, FormData>(openLessonAction, {});
  return (
    <form action={action} className="flex flex-wrap items-end gap-2 rounded-lg border border-line bg-white px-3 py-2">
      <input type="hidden" name="courseId" value={courseId} />
      <label className="text-sm">Дата<br /><input type="date" name="date" required className="rounded-md border border-line px-2 py-1" /></label>
      <label className="text-sm">Урок №<br /><input type="number" name="slot" min={0} max={12} defaultValue={1} required className="w-16 rounded-md border border-line px-2 py-1" /></label>
      <button disabled={pending} className="rounded-md border border-accent px-3 py-1.5 text-accent hover:bg-accent-soft">Добавить урок</button>
      <span aria-live="polite" className="text-sm text-danger">{state.errors && Object.values(state.errors)[0]}</span>
    </form>
  );
}
