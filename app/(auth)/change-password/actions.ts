'use server';

import { headers } from 'next/headers';
import { z } from 'zod';
import { answerErrors, SESSION_ENDED } from '@/lib/action-errors';
import { clientAddress } from '@/lib/auth/client-address';
import { getSessionUser } from '@/lib/auth/current-user';
import { changeOwnPassword } from '@/lib/data/accounts';
import { getEnv } from '@/lib/env';

export type ChangePasswordState = { ok?: boolean; errors?: Partial<Record<'current' | 'password' | 'repeat' | 'form', string>> };

const schema = z
  .object({
    current: z.string().min(1, 'Введите текущий пароль'),
    password: z.string().min(1, 'Введите новый пароль'),
    repeat: z.string(),
  })
  .refine((v) => v.password === v.repeat, { path: ['repeat'], message: 'Пароли не совпадают' });

export async function changePasswordAction(_prev: ChangePasswordState, form: FormData): Promise<ChangePasswordState> {
  return answerErrors('changePasswordAction', (form): ChangePasswordState => ({ errors: { form } }), async () => {
    const user = await getSessionUser();
    if (!user) return { errors: { form: SESSION_ENDED } };
    const parsed = schema.safeParse(Object.fromEntries(form));
    if (!parsed.success) {
      const errors: ChangePasswordState['errors'] = {};
      for (const issue of parsed.error.issues) errors[issue.path[0] as 'current'] ??= issue.message;
      return { errors };
    }
    const request = await headers();
    const ip = clientAddress((name) => request.get(name), getEnv().TRUSTED_PROXIES);
    const result = await changeOwnPassword(user, parsed.data.current, parsed.data.password, ip);
    if (!result.ok) return { errors: { [result.field]: result.error } };
    return { ok: true };
  });
}
