'use client';

import { useActionState } from 'react';
import { Credentials } from '@/components/ui/credentials';
import { userCommandAction, type FormState } from '../actions';

type Props = {
  userId: number; active: boolean; currentRoles: string[]; roles: { value: string; label: string }[];
  canSetRoles: boolean; isTeacher: boolean; isParent: boolean;
  classes: { id: number; name: string; classTeacherId: number | null; classTeacherName: string | null }[];
  childrenList: { id: number; name: string }[];
  permissions: { value: string; label: string; granted: boolean }[];
};

export function UserCommands({ userId, active, currentRoles, roles, canSetRoles, isTeacher, isParent, classes, childrenList, permissions }: Props) {
  const [state, action, pending] = useActionState<FormState, FormData>(userCommandAction, {});
  const e = state.errors ?? {};
  const button = 'rounded-md border border-accent px-4 py-2 text-accent disabled:opacity-60';
  return (
    <section aria-labelledby="commands" className="max-w-xl space-y-4">
      <h2 id="commands" className="text-xl font-bold">Действия</h2>
      {state.credentials ? <Credentials message={state.message!} {...state.credentials} /> : state.message && <p role="status" className="text-ok">{state.message}</p>}
      {e.form && <p role="alert" className="text-danger">{e.form}</p>}
      {canSetRoles && (
        <form action={action} className="rounded-lg border border-line bg-white p-4">
          <input type="hidden" name="userId" value={userId} />
          <input type="hidden" name="command" value="roles" />
          <input type="hidden" name="shown" value={currentRoles.join(',')} />
          <fieldset>
            <legend className="mb-2 font-bold">Роли</legend>
            <div className="grid grid-cols-2 gap-1">
              {roles.map((r) => (
                <label key={r.value} className="flex items-center gap-2 py-1">
                  <input type="checkbox" name="roles" value={r.value} defaultChecked={currentRoles.includes(r.value)} className="size-5" />{r.label}
                </label>
              ))}
            </div>
          </fieldset>
          <p aria-live="polite" className="min-h-5 text-sm text-danger">{e.roles}</p>
          <button disabled={pending} className={button}>Сохранить роли</button>
        </form>
      )}
      {canSetRoles && (
        <form action={action} className="rounded-lg border border-line bg-white p-4">
          <input type="hidden" name="userId" value={userId} />
          <input type="hidden" name="command" value="grants" />
          <input type="hidden" name="shown" value={permissions.filter((p) => p.granted).map((p) => p.value).join(',')} />
          <fieldset>
            <legend className="mb-1 font-bold">Дополнительные права</legend>
            <p className="mb-2 text-sm text-muted">Сверх прав его ролей; действуют со следующего запроса.</p>
            <div className="grid gap-x-3 sm:grid-cols-2">
              {permissions.map((p) => (
                <label key={p.value} className="flex items-center gap-2 py-1 text-sm">
                  <input type="checkbox" name="permissions" value={p.value} defaultChecked={p.granted} className="size-4" />{p.label}
                </label>
              ))}
            </div>
          </fieldset>
          <p aria-live="polite" className="min-h-5 text-sm text-danger">{e.permissions}</p>
          <button disabled={pending} className={`${button} mt-2`}>Сохранить права</button>
        </form>
      )}
      {isTeacher && (
        <form action={action} className="flex flex-wrap items-end gap-3 rounded-lg border border-line bg-white p-4">
          <input type="hidden" name="userId" value={userId} />
          <input type="hidden" name="command" value="class-teacher" />
          {/* Who leads each class as shown here: a save over someone else's change is refused (assignClassTeacher). */}
          <input type="hidden" name="shown" value={classes.map((c) => `${c.id}:${c.classTeacherId ?? ''}`).join(',')} />
          <label className="flex flex-col">Назначить классным руководителем
            <select name="classId" className="mt-1 rounded-md border border-line px-3 py-2">
              {classes.map((c) => <option key={c.id} value={c.id}>{c.name} — {c.classTeacherId === userId ? 'уже руководит' : c.classTeacherName ? `сейчас ${c.classTeacherName}` : 'без руководителя'}</option>)}
            </select>
          </label>
          <button disabled={pending} className={button}>Назначить</button>
          <p aria-live="polite" className="w-full text-sm text-danger">{e.classId ?? e.teacherId}</p>
        </form>
      )}
      {isParent && (
        <div className="rounded-lg border border-line bg-white p-4">
          <h3 className="mb-2 font-bold">Дети</h3>
          <ul className="mb-3">
            {childrenList.map((c) => (
              <li key={c.id} className="flex items-center gap-3 py-1">
                {c.name}
                <form action={action}>
                  <input type="hidden" name="userId" value={userId} /><input type="hidden" name="command" value="unlink-child" /><input type="hidden" name="studentId" value={c.id} />
                  <button disabled={pending} className="text-sm text-danger underline">отвязать</button>
                </form>
              </li>
            ))}
          </ul>
          <form action={action} className="flex flex-wrap items-end gap-2">
            <input type="hidden" name="userId" value={userId} /><input type="hidden" name="command" value="link-child" />
            <label className="flex flex-col text-sm">Класс
              <select name="classId" className="mt-1 rounded-md border border-line px-3 py-2">{classes.map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}</select>
            </label>
            <label className="flex flex-col text-sm">Фамилия ученика<input name="lastName" className="mt-1 rounded-md border border-line px-3 py-2" /></label>
            <label className="flex flex-col text-sm">Имя ученика<input name="firstName" className="mt-1 rounded-md border border-line px-3 py-2" /></label>
            <button disabled={pending} className={button}>Привязать ребёнка</button>
            <p aria-live="polite" className="w-full text-sm text-danger">{e.pupil}</p>
          </form>
        </div>
      )}
      <div className="flex flex-wrap gap-2">
        {[
          { command: 'reset-password', label: 'Выдать новый пароль' },
          { command: 'end-sessions', label: 'Завершить сеансы' },
          { command: active ? 'deactivate' : 'activate', label: active ? 'Отключить' : 'Включить' },
        ].map((c) => (
          <form key={c.command} action={action}>
            <input type="hidden" name="userId" value={userId} />
            <input type="hidden" name="command" value={c.command} />
            <button disabled={pending} className={button}>{c.label}</button>
          </form>
        ))}
      </div>
    </section>
  );
}
