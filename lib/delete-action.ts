// The admin pages' «Удалить» buttons (a holiday, a timetable change, a course): one id from the
// form, the data layer's refusal as the answer, the page refreshed on success. Server actions
// call this; like every action it answers errors and never throws them (action-errors.ts).
import 'server-only';
import { revalidatePath } from 'next/cache';
import { answerErrors, SESSION_ENDED } from './action-errors';
import type { Actor } from './auth/actor';
import { getCurrentUser } from './auth/current-user';
import { idField } from './ids';

export type DeleteState = { ok?: boolean; error?: string };

type Spec = {
  /** The action's name, for the log of unexpected errors. */
  action: string;
  /** The form field holding the id, and the answer when it names nothing. */
  field: string;
  notFound: string;
  /** The page to refresh once deleted. */
  path: string;
};

export function deleteById(form: FormData, spec: Spec, remove: (actor: Actor, id: number) => Promise<{ ok: true } | { ok: false; error: string }>): Promise<DeleteState> {
  return answerErrors(spec.action, (error): DeleteState => ({ error }), async (): Promise<DeleteState> => {
    const actor = await getCurrentUser();
    if (!actor) return { error: SESSION_ENDED };
    const id = idField(spec.notFound).safeParse(form.get(spec.field));
    if (!id.success) return { error: spec.notFound };
    const result = await remove(actor, id.data);
    if (!result.ok) return { error: result.error };
    revalidatePath(spec.path);
    return { ok: true };
  });
}
