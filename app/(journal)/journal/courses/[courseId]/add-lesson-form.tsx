'use client';
// Adds a lesson that is not in the timetable (or opens the one that exists) and goes to its page.
// A refused date (a holiday, outside the school year) is said under the date field.
import { useActionState } from 'react';
import { openLessonAction, type FormState } from '../../lessons/actions';

export function AddLessonForm({ courseId }: { courseId: number }) {
  const [state, action, pending] = useActionState<FormState, FormData>(openLessonAction, {});
  const dateError = state.errors?.date;
  const otherError = state.errors && Object.entries(state.errors).find(([field]) => field !== 'date')?.[1];
  return (
    <form action={action} className="flex flex-wrap items-start gap-2 rounded-lg border border-line bg-white px-3 py-2">
      <input type="hidden" name="courseId" value={courseId} />
      <div className="text-sm">
        <label htmlFor={`add-lesson-date-${courseId}`}>Дата</label><br />
        <input id={`add-lesson-date-${courseId}`} type="date" name="date" required aria-invalid={dateError ? true : undefined}
          aria-describedby={dateError ? `add-lesson-date-${courseId}-error` : undefined}
          className={`rounded-md border px-2 py-1 ${dateError ? 'border-danger' : 'border-line'}`} />
        {dateError && <p id={`add-lesson-date-${courseId}-error`} aria-live="polite" className="mt-1 max-w-xs text-danger">{dateError}</p>}
      </div>
      <label className="text-sm">Урок №<br /><input type="number" name="slot" min={0} max={12} defaultValue={1} required className="w-16 rounded-md border border-line px-2 py-1" /></label>
      <button disabled={pending} className="mt-5 rounded-md border border-accent px-3 py-1.5 text-accent hover:bg-accent-soft">Добавить урок</button>
      <span aria-live="polite" className="mt-6 text-sm text-danger">{otherError}</span>
    </form>
  );
}
