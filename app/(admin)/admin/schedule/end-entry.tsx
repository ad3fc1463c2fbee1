'use client';

import { useActionState } from 'react';
import { endEntryAction, type EndEntryState } from './actions';

/** Ends a row of the timetable from a date on: the lesson is gone from that day, earlier weeks keep it. */
export function EndEntry({ entryId, label, defaultDate }: { entryId: number; label: string; defaultDate: string }) {
  const [state, action, pending] = useActionState<EndEntryState, FormData>(endEntryAction, {});
  const error = state.errors?.endDate ?? state.errors?.form;
  const id = `end-${entryId}`;
  return (
    <form action={action} className="flex flex-wrap items-end gap-2">
      <input type="hidden" name="entryId" value={entryId} />
      <label htmlFor={id} className="flex flex-col text-sm">Снять с даты
        <input id={id} type="date" name="endDate" defaultValue={defaultDate} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined}
          className={`mt-1 rounded-md border px-3 py-2 text-base ${error ? 'border-danger' : 'border-line'}`} />
      </label>
      <button disabled={pending} aria-label={`Снять с расписания: ${label}`} className="rounded-md border border-danger px-3 py-2 text-danger disabled:opacity-60">Снять</button>
      <span id={`${id}-error`} aria-live="polite" className="text-sm text-danger">{error ?? ''}</span>
      {state.ok && <span aria-live="polite" className="text-sm text-ok">{state.message}</span>}
    </form>
  );
}
