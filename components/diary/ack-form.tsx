'use client';

// The only interactive part of the diary: acknowledging a period's final marks with a message to
// the class teacher. Works without JavaScript too (a plain form posting to the server action).
import { useActionState } from 'react';
import { acknowledgeAction, type AckFormState } from '@/app/(diary)/diary/[studentId]/results/actions';

type Props = { studentId: number; periodId: number; periodName: string; classTeacher: string | null };

export function AckForm({ studentId, periodId, periodName, classTeacher }: Props) {
  const [state, action, pending] = useActionState<AckFormState, FormData>(acknowledgeAction, {});
  const fieldId = `ack-message-${periodId}`;
  if (state.ok) {
    return <p role="status" className="rounded-md border border-ok bg-white p-3">{state.message}</p>;
  }
  return (
    <form action={action} className="space-y-2">
      <input type="hidden" name="studentId" value={studentId} />
      <input type="hidden" name="periodId" value={periodId} />
      <label htmlFor={fieldId} className="block font-bold">
        Сообщение классному руководителю{classTeacher ? ` (${classTeacher})` : ''} — необязательно
      </label>
      <textarea
        id={fieldId}
        name="message"
        rows={3}
        maxLength={2000}
        defaultValue={state.values?.message}
        aria-invalid={state.errors?.message ? true : undefined}
        aria-describedby={`${fieldId}-error`}
        className="w-full rounded-md border border-line bg-white px-3 py-2 text-base"
        placeholder="Например: С отметками ознакомлены, вопросов нет."
      />
      <p id={`${fieldId}-error`} aria-live="polite" className="min-h-5 text-sm text-danger">
        {state.errors?.message ?? state.errors?.form}
      </p>
      <button type="submit" disabled={pending} className="min-h-11 w-full rounded-md bg-accent px-4 py-2 font-bold text-white disabled:opacity-60 sm:w-auto">
        {pending ? 'Отправка…' : `Ознакомлен(а) с итогами: ${periodName}`}
      </button>
    </form>
  );
}
