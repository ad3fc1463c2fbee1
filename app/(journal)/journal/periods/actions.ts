'use server';
// Management closes and reopens study periods; reopening needs a reason (audited).
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { answerErrors, SESSION_ENDED } from '@/lib/action-errors';
import { getCurrentUser } from '@/lib/auth/current-user';
import { idField } from '@/lib/ids';
import { setPeriodStatus } from '@/lib/data/journal/periods';

export type PeriodFormState = { ok?: boolean; message?: string; error?: string };

const PERIOD_NOT_FOUND = 'Период не найден';
const failed = (error: string): PeriodFormState => ({ error });

const schema = z.object({ periodId: idField(PERIOD_NOT_FOUND), close: z.enum(['1', '0']), reason: z.string().trim().max(500, 'Слишком длинно') });

export async function periodStatusAction(_prev: PeriodFormState, form: FormData): Promise<PeriodFormState> {
  return answerErrors('periodStatusAction', failed, async () => {
    const actor = await getCurrentUser();
    if (!actor) return { error: SESSION_ENDED };
    const parsed = schema.safeParse({ periodId: form.get('periodId'), close: form.get('close'), reason: form.get('reason') ?? '' });
    if (!parsed.success) return { error: parsed.error.issues[0].message };
    const r = await setPeriodStatus(actor, parsed.data.periodId, parsed.data.close === '1', parsed.data.reason);
    if (!r.ok) return { error: r.error };
    revalidatePath('/journal/periods');
    return { ok: true, message: parsed.data.close === '1' ? 'Период закрыт' : 'Период открыт' };
  });
}
