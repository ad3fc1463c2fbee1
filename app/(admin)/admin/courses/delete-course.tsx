'use client';

import { useActionState } from 'react';
import { deleteCourseAction, type DeleteState } from './actions';

export function DeleteCourseButton({ courseId, title }: { courseId: number; title: string }) {
  const [state, action, pending] = useActionState<DeleteState, FormData>(deleteCourseAction, {});
  return (
    <form action={action} className="inline" onSubmit={(event) => { if (!confirm(`Удалить курс «${title}»?`)) event.preventDefault(); }}>
      <input type="hidden" name="courseId" value={courseId} />
      <button disabled={pending} className="rounded-md border border-danger px-3 py-1.5 text-danger disabled:opacity-60" aria-label={`Удалить курс «${title}»`}>Удалить</button>
      {state.error && <p role="alert" className="mt-1 text-sm text-danger">{state.error}</p>}
    </form>
  );
}
