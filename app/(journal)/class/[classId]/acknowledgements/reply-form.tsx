'use client';

// The class teacher's answer to a parent's message, under the message. Folded until opened, as a
// class's page lists up to 50 messages; an error keeps it open with what was typed.
import { useActionState } from 'react';
import { replyAction, type ReplyFormState } from './actions';

type Props = { classId: number; messageId: number; maxLength: number };

export function ReplyForm({ classId, messageId, maxLength }: Props) {
  const [state, action, pending] = useActionState<ReplyFormState, FormData>(replyAction, {});
  const fieldId = `reply-${messageId}`;
  const error = state.errors?.body ?? state.errors?.form;
  if (state.ok) return <p role="status" className="mt-2 text-sm text-ok">Ответ отправлен.</p>;
  return (
    <details className="mt-2" open={error ? true : undefined}>
      <summary className="cursor-pointer py-2.5 text-accent underline">Ответить</summary>
      <form action={action} className="mt-2 space-y-2">
        <input type="hidden" name="classId" value={classId} />
        <input type="hidden" name="messageId" value={messageId} />
        <label htmlFor={fieldId} className="block text-sm font-bold">Ответ родителю</label>
        <textarea
          id={fieldId}
          name="body"
          rows={2}
          maxLength={maxLength}
          defaultValue={state.values?.body}
          aria-invalid={error ? true : undefined}
          aria-describedby={`${fieldId}-error`}
          className="w-full rounded-md border border-line bg-white px-3 py-2 text-base"
        />
        <p id={`${fieldId}-error`} aria-live="polite" className="min-h-5 text-sm text-danger">{error}</p>
        <button type="submit" disabled={pending} className="min-h-11 w-full rounded-md bg-accent px-4 py-2 font-bold text-white disabled:opacity-60 sm:w-auto">
          {pending ? 'Отправка…' : 'Отправить ответ'}
        </button>
      </form>
    </details>
  );
}
