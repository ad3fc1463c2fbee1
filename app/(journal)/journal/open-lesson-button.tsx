'use client';
// Opens (creates on first use) the lesson of a timetable slot — today's, or a past one never
// opened (late entry is allowed, and flagged) — and goes to its page.
import { useActionState } from 'react';
import { openLessonAction, type FormState } from './lessons/actions';

export function OpenLessonButton({ courseId, date, slot }: { courseId: number; date: string; slot: number }) {
  const [state, action, pending] = useActionState<FormState, FormData>(openLessonAction, {});
  return (
    <form action={action} className="ml-2 inline">
      <input type="hidden" name="courseId" value={courseId} />
      <input type="hidden" name="date" value={date} />
      <input type="hidden" name="slot" value={slot} />
      <button disabled={pending} className="rounded-md border border-accent px-2 py-0.5 text-sm text-accent hover:bg-accent-soft">Открыть урок</button>
      {state.errors && <span role="alert" className="ml-2 text-sm text-danger">{Object.values(state.errors)[0]}</span>}
    </form>
  );
}
