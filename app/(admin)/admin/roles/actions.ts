'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { answerErrors, shownList, SESSION_ENDED } from '@/lib/action-errors';
import { getCurrentUser } from '@/lib/auth/current-user';
import { setRolePermissions } from '@/lib/data/roles';

export type RoleFormState = { ok?: boolean; error?: string };

const schema = z.object({ role: z.string().min(1), permissions: z.array(z.string()) });

export async function saveRolePermissions(_prev: RoleFormState, form: FormData): Promise<RoleFormState> {
  return answerErrors('saveRolePermissions', (error): RoleFormState => ({ error }), async () => {
    const actor = await getCurrentUser();
    if (!actor) return { error: SESSION_ENDED };
    const parsed = schema.safeParse({ role: form.get('role'), permissions: form.getAll('permissions').map(String) });
    if (!parsed.success) return { error: 'Неверные данные формы' };
    const result = await setRolePermissions(actor, parsed.data.role, parsed.data.permissions, shownList(form));
    if (!result.ok) return { error: result.error };
    revalidatePath('/admin/roles');
    return { ok: true };
  });
}
