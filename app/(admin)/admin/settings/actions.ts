'use server';

import { revalidatePath } from 'next/cache';
import { answerErrors, typedValues, SESSION_ENDED } from '@/lib/action-errors';
import { getCurrentUser } from '@/lib/auth/current-user';
import { saveSchoolSettings } from '@/lib/data/school-settings';
import { SETTINGS_FIELDS } from '@/lib/domain/school-settings';

export type SettingsTyped = Record<(typeof SETTINGS_FIELDS)[number], string>;
/** values: what the form held, sent back with an error so that nothing typed is lost. */
export type SettingsFormState = { ok?: boolean; message?: string; errors?: Record<string, string>; values?: SettingsTyped };

export async function saveSettingsAction(_prev: SettingsFormState, form: FormData): Promise<SettingsFormState> {
  const state = await answerErrors('saveSettingsAction', (message): SettingsFormState => ({ errors: { form: message } }), async (): Promise<SettingsFormState> => {
    const actor = await getCurrentUser();
    if (!actor) return { errors: { form: SESSION_ENDED } };
    // `shown`: the settings as the page showed them, for the data layer to refuse a save over a change made since.
    const result = await saveSchoolSettings(actor, typedValues(form, SETTINGS_FIELDS), String(form.get('shown') ?? ''));
    if (!result.ok) return { errors: result.errors as Record<string, string> };
    revalidatePath('/admin/settings');
    return { ok: true, message: result.changed.length ? 'Настройки сохранены' : 'Изменений нет' };
  });
  return state.ok ? state : { ...state, values: typedValues(form, SETTINGS_FIELDS) };
}
