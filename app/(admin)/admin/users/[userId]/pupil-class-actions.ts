'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { answerErrors, SESSION_ENDED, typedValues } from '@/lib/action-errors';
import { getCurrentUser } from '@/lib/auth/current-user';
import { isIsoDate } from '@/lib/domain/calendar';
import { idField } from '@/lib/ids';
import { fieldErrors } from '@/lib/form-errors';
import { enrolPupil, pupilLeaves, REASON_MAX, transferPupil } from '@/lib/data/pupil-class-change';

/** `command` names the form that answered: only that form shows the errors and the typed values. */
export type PupilClassState = { ok?: boolean; command?: string; message?: string; groupsLink?: string | null; errors?: Record<string, string>; values?: Record<string, string> };

// Empty: today on the school's clock (the data layer's default).
const date = z.string().trim().refine((v) => v === '' || (/^\d{4}-\d{2}-\d{2}$/.test(v) && isIsoDate(v)), 'Укажите дату в формате ДД.ММ.ГГГГ');
const base = { studentId: idField('Неверный ученик'), version: z.string().max(4000), date };
const schemas = {
  transfer: z.object({ ...base, classId: idField('Выберите класс', 'Выберите класс') }),
  enrol: z.object({ ...base, classId: idField('Выберите класс', 'Выберите класс') }),
  leave: z.object({ ...base, reason: z.string().max(REASON_MAX, `Не длиннее ${REASON_MAX} символов`), disableLogin: z.boolean() }),
};

export async function pupilClassAction(_prev: PupilClassState, form: FormData): Promise<PupilClassState> {
  const command = String(form.get('command') ?? '');
  const state = await answerErrors('pupilClassAction', (message): PupilClassState => ({ errors: { form: message } }), async (): Promise<PupilClassState> => {
    const actor = await getCurrentUser();
    if (!actor) return { errors: { form: SESSION_ENDED } };
    const raw = {
      studentId: form.get('studentId'), version: String(form.get('version') ?? ''), date: String(form.get('date') ?? ''),
      classId: form.get('classId'), reason: String(form.get('reason') ?? ''), disableLogin: form.get('disableLogin') === 'on',
    };
    let result;
    if (command === 'transfer' || command === 'enrol') {
      const parsed = schemas[command].safeParse(raw);
      if (!parsed.success) return { errors: fieldErrors(parsed.error.issues, ['studentId', 'version']) };
      result = await (command === 'transfer' ? transferPupil : enrolPupil)(actor, parsed.data);
    } else if (command === 'leave') {
      const parsed = schemas.leave.safeParse(raw);
      if (!parsed.success) return { errors: fieldErrors(parsed.error.issues, ['studentId', 'version']) };
      result = await pupilLeaves(actor, parsed.data);
    } else {
      return { errors: { form: 'Неизвестное действие' } };
    }
    if (!result.ok) return { errors: { [result.field ?? 'form']: result.error } };
    revalidatePath(`/admin/users/${String(raw.studentId)}`);
    return { ok: true, message: result.message, groupsLink: result.groupsLink };
  });
  return state.ok ? { ...state, command } : { ...state, command, values: typedValues(form, ['classId', 'date', 'reason', 'disableLogin']) };
}
