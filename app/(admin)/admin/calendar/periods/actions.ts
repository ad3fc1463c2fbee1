'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { answerErrors, typedValues, SESSION_ENDED } from '@/lib/action-errors';
import { getCurrentUser } from '@/lib/auth/current-user';
import { isIsoDate } from '@/lib/domain/calendar';
import { idField } from '@/lib/ids';
import { createNextYear, savePeriodDates } from '@/lib/data/study-periods';
import { deleteYear, saveYearDates } from '@/lib/data/academic-years';
import { fieldErrors } from '@/lib/form-errors';

/** values: what the form held, sent back with an error so that nothing typed is lost. */
export type PeriodDatesState = { ok?: boolean; message?: string; errors?: Record<string, string>; values?: { startDate: string; endDate: string } };
export type DeleteYearState = { ok?: boolean; message?: string; errors?: Record<string, string> };
export type NextYearState = { ok?: boolean; message?: string; errors?: Record<string, string>; values?: { label: string; startDate: string; endDate: string } };

const date = (missing: string) => z.string().regex(/^\d{4}-\d{2}-\d{2}$/, missing).refine(isIsoDate, 'Такой даты нет в календаре');
// The dates the form showed: compared with the stored ones, never saved.
const shown = z.string().max(10);

/** A period's or a year's dates, with the dates its form showed (the "changed meanwhile" check). */
const datesSchema = (notFound: string) => z.object({
  id: idField(notFound),
  startDate: date('Укажите дату начала'),
  endDate: date('Укажите дату окончания'),
  shownStartDate: shown,
  shownEndDate: shown,
});
const periodSchema = datesSchema('Учебный период не найден');
const yearSchema = datesSchema('Учебный год не найден');

const datesOf = (form: FormData) => ({
  id: form.get('id'), startDate: form.get('startDate') ?? '', endDate: form.get('endDate') ?? '',
  shownStartDate: form.get('shownStartDate') ?? '', shownEndDate: form.get('shownEndDate') ?? '',
});

const nextYearSchema = z.object({
  sourceYearId: idField('Учебный год не найден'),
  label: z.string().trim().regex(/^\d{4}\/\d{4}$/, 'Название года — как «2027/2028»'),
  startDate: date('Укажите дату начала'),
  endDate: date('Укажите дату окончания'),
});

export async function savePeriodDatesAction(_prev: PeriodDatesState, form: FormData): Promise<PeriodDatesState> {
  const state = await answerErrors('savePeriodDatesAction', (message): PeriodDatesState => ({ errors: { form: message } }), async (): Promise<PeriodDatesState> => {
    const actor = await getCurrentUser();
    if (!actor) return { errors: { form: SESSION_ENDED } };
    const parsed = periodSchema.safeParse(datesOf(form));
    if (!parsed.success) return { errors: fieldErrors(parsed.error.issues, ['id', 'shownStartDate', 'shownEndDate']) };
    const result = await savePeriodDates(actor, parsed.data);
    if (!result.ok) return { errors: { [result.field ?? 'form']: result.error } };
    revalidatePath('/admin/calendar', 'layout');
    return { ok: true, message: result.changed ? 'Даты периода изменены' : 'Изменений нет' };
  });
  return state.ok ? state : { ...state, values: typedValues(form, ['startDate', 'endDate']) };
}

export async function createNextYearAction(_prev: NextYearState, form: FormData): Promise<NextYearState> {
  const state = await answerErrors('createNextYearAction', (message): NextYearState => ({ errors: { form: message } }), async (): Promise<NextYearState> => {
    const actor = await getCurrentUser();
    if (!actor) return { errors: { form: SESSION_ENDED } };
    const parsed = nextYearSchema.safeParse({
      sourceYearId: form.get('sourceYearId'), label: form.get('label') ?? '', startDate: form.get('startDate') ?? '', endDate: form.get('endDate') ?? '',
    });
    if (!parsed.success) return { errors: fieldErrors(parsed.error.issues, ['sourceYearId']) };
    const result = await createNextYear(actor, parsed.data);
    if (!result.ok) return { errors: { [result.field ?? 'form']: result.error } };
    revalidatePath('/admin/calendar', 'layout');
    return { ok: true, message: `Учебный год ${parsed.data.label} заведён` };
  });
  return state.ok ? state : { ...state, values: typedValues(form, ['label', 'startDate', 'endDate']) };
}

export async function saveYearDatesAction(_prev: PeriodDatesState, form: FormData): Promise<PeriodDatesState> {
  const state = await answerErrors('saveYearDatesAction', (message): PeriodDatesState => ({ errors: { form: message } }), async (): Promise<PeriodDatesState> => {
    const actor = await getCurrentUser();
    if (!actor) return { errors: { form: SESSION_ENDED } };
    const parsed = yearSchema.safeParse(datesOf(form));
    if (!parsed.success) return { errors: fieldErrors(parsed.error.issues, ['id', 'shownStartDate', 'shownEndDate']) };
    const result = await saveYearDates(actor, parsed.data);
    if (!result.ok) return { errors: { [result.field ?? 'form']: result.error } };
    revalidatePath('/admin', 'layout');
    return { ok: true, message: result.changed ? 'Даты учебного года изменены' : 'Изменений нет' };
  });
  return state.ok ? state : { ...state, values: typedValues(form, ['startDate', 'endDate']) };
}

/** Removes a next year created by mistake (one not begun, with nothing in it but its periods). */
export async function deleteYearAction(_prev: DeleteYearState, form: FormData): Promise<DeleteYearState> {
  return answerErrors('deleteYearAction', (message): DeleteYearState => ({ errors: { form: message } }), async (): Promise<DeleteYearState> => {
    const actor = await getCurrentUser();
    if (!actor) return { errors: { form: SESSION_ENDED } };
    const id = idField('Учебный год не найден').safeParse(form.get('id'));
    if (!id.success) return { errors: { form: id.error.issues[0].message } };
    if (form.get('confirm') !== 'on') return { errors: { confirm: 'Подтвердите удаление учебного года' } };
    const result = await deleteYear(actor, { id: id.data });
    if (!result.ok) return { errors: { form: result.error } };
    revalidatePath('/admin', 'layout');
    return { ok: true, message: 'Учебный год удалён' };
  });
}
