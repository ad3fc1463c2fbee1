'use client';

import { useActionState } from 'react';
import { removeChangeAction, type RemoveState } from './actions';

export function RemoveChange({ changeId, label }: { changeId: number; label: string }) {
  const [state, action, pending] = useActionState<RemoveState, FormData>(removeChangeAction, {});
  return (
    <form action={action} className="inline">
      <input type="hidden" name="changeId" value={changeId} />
      <button disabled={pending} aria-label={`Удалить: ${label}`} className="ml-2 text-sm text-danger underline disabled:opacity-60">Удалить</button>
      {state.error && <span role="alert" className="ml-2 text-sm text-danger">{state.error}</span>}
    </form>
  );
}
