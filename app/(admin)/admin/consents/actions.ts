'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { answerErrors, SESSION_ENDED } from '@/lib/action-errors';
import { getCurrentUser } from '@/lib/auth/current-user';
import { idField } from '@/lib/ids';
import { recordConsent } from '@/lib/data/consents';
import { fieldErrors } from '@/lib/form-errors';

export type ConsentFormState = { ok?: boolean; message?: string; errors?: Record<string, string> };

const consentSchema = z
  .object({
    studentId: idField('Неверный ученик'),
    guardianId: idField('Выберите родителя'),
    decision: z.enum(['GRANTED', 'REFUSED'], { error: 'Выберите решение: согласие или отказ' }),
    documentVersion: z.string().trim().min(1, 'Укажите версию документа').max(40, 'Не длиннее 40 знаков'),
    deliveryPreference: z.enum(['ONLINE', 'EMAIL', 'PAPER'], { error: 'Выберите способ доставки' }),
    contactEmail: z.union([z.literal(''), z.email('Неверный адрес электронной почты')]),
    contactPhone: z.union([z.literal(''), z.string().trim().regex(/^\+?[0-9 ()-]{10,20}$/, 'Неверный номер телефона')]),
    note: z.string().trim().max(500, 'Не длиннее 500 знаков'),
  })
  // A refusal is always delivered on paper (seed 002 §3.8): the choice is not asked.
  .transform((v) => (v.decision === 'REFUSED' ? { ...v, deliveryPreference: 'PAPER' as const, contactEmail: '' } : v))
  .refine((v) => v.deliveryPreference !== 'EMAIL' || v.contactEmail !== '', { path: ['contactEmail'], message: 'Для доставки по электронной почте укажите адрес' });


const text = (form: FormData, name: string) => {
  const v = form.get(name);
  return typeof v === 'string' ? v.trim() : '';
};

export async function recordConsentAction(_prev: ConsentFormState, form: FormData): Promise<ConsentFormState> {
  return answerErrors('recordConsentAction', (form): ConsentFormState => ({ errors: { form } }), async () => {
    const actor = await getCurrentUser();
    if (!actor) return { errors: { form: SESSION_ENDED } };
    const parsed = consentSchema.safeParse({
      studentId: form.get('studentId'), guardianId: form.get('guardianId') || undefined, decision: form.get('decision') ?? undefined,
      documentVersion: text(form, 'documentVersion'), deliveryPreference: form.get('deliveryPreference') ?? (form.get('decision') === 'REFUSED' ? 'PAPER' : undefined),
      contactEmail: text(form, 'contactEmail'), contactPhone: text(form, 'contactPhone'), note: text(form, 'note'),
    });
    if (!parsed.success) return { errors: fieldErrors(parsed.error.issues) };
    const result = await recordConsent(actor, parsed.data);
    if (!result.ok) return { errors: { [result.field ?? 'form']: result.error } };
    revalidatePath('/admin/consents');
    revalidatePath(`/admin/consents/${parsed.data.studentId}`);
    return { ok: true, message: parsed.data.decision === 'GRANTED' ? 'Согласие записано.' : 'Отказ записан: семья будет получать бумажные выписки.' };
  });
}
