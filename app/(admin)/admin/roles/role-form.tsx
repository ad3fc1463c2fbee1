'use client';

import { useActionState } from 'react';
import { saveRolePermissions, type RoleFormState } from './actions';

type Props = { role: string; label: string; permissions: { value: string; label: string; checked: boolean }[] };

export function RoleForm({ role, label, permissions }: Props) {
  const [state, action, pending] = useActionState<RoleFormState, FormData>(saveRolePermissions, {});
  return (
    <form action={action} className="rounded-lg border border-line bg-white p-4">
      <input type="hidden" name="role" value={role} />
      <input type="hidden" name="shown" value={permissions.filter((p) => p.checked).map((p) => p.value).join(',')} />
      <fieldset>
        <legend className="mb-2 text-lg font-bold">{label}</legend>
        <div className="grid gap-x-3 sm:grid-cols-2">
          {permissions.map((p) => (
            <label key={p.value} className="flex items-center gap-2 py-1 text-sm">
              <input type="checkbox" name="permissions" value={p.value} defaultChecked={p.checked} className="size-4" />
              {p.label}
            </label>
          ))}
        </div>
      </fieldset>
      <div className="mt-3 flex items-center gap-3">
        <button disabled={pending} className="rounded-md border border-accent px-4 py-2 text-accent disabled:opacity-60">Сохранить</button>
        <span aria-live="polite" className={state.error ? 'text-danger' : 'text-ok'}>{state.error ?? (state.ok ? 'Сохранено' : '')}</span>
      </div>
    </form>
  );
}
