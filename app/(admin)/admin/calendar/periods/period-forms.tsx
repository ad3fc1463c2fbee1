'use client';

import { useActionState } from 'react';
import { Field } from '@/components/ui/field';
import { FormFooter } from '@/components/ui/form-footer';
import { createNextYearAction, deleteYearAction, savePeriodDatesAction, saveYearDatesAction, type DeleteYearState, type NextYearState, type PeriodDatesState } from './actions';

/** A period's dates; the stored ones also go back as shown…, so that a save over another person's later change is refused. */
export function PeriodDatesForm({ period, span, year }: { period: { id: number; startDate: string; endDate: string }; span?: string; year?: boolean }) {
  const [state, action, pending] = useActionState<PeriodDatesState, FormData>(year ? saveYearDatesAction : savePeriodDatesAction, {});
  const e = state.errors ?? {};
  // After an error the form shows what was typed (state.values), else the period as saved.
  const v = state.values ?? period;
  // Remounted with the values it must show: inputs take a changed defaultValue only when mounted anew.
  const key = state.values ? `typed:${v.startDate}:${v.endDate}` : `saved:${period.startDate}:${period.endDate}`;
  const prefix = `${year ? 'y' : 'p'}${period.id}-`;
  return (
    <form key={key} action={action} className="space-y-2 rounded-lg border border-line bg-white p-4">
      <input type="hidden" name="id" value={period.id} />
      <input type="hidden" name="shownStartDate" value={period.startDate} />
      <input type="hidden" name="shownEndDate" value={period.endDate} />
      <div className="grid gap-x-3 sm:grid-cols-2">
        <Field id={`${prefix}startDate`} label="Первый день" name="startDate" type="date" defaultValue={v.startDate} error={e.startDate} hint={span && `В пределах ${span}`} required />
        <Field id={`${prefix}endDate`} label="Последний день" name="endDate" type="date" defaultValue={v.endDate} error={e.endDate} required />
      </div>
      <FormFooter error={e.form} pending={pending} label="Сохранить" savedMessage={state.ok ? state.message : undefined} />
    </form>
  );
}

export function NextYearForm({ sourceYearId, defaults }: { sourceYearId: number; defaults: { label: string; startDate: string; endDate: string } }) {
  const [state, action, pending] = useActionState<NextYearState, FormData>(createNextYearAction, {});
  const e = state.errors ?? {};
  const v = state.values ?? defaults;
  const key = state.values ? `typed:${JSON.stringify(state.values)}` : 'defaults';
  return (
    <form key={key} action={action} className="space-y-2 rounded-lg border border-line bg-white p-4">
      <input type="hidden" name="sourceYearId" value={sourceYearId} />
      <Field id="next-label" label="Учебный год" name="label" defaultValue={v.label} error={e.label} required maxLength={9} />
      <div className="grid gap-x-3 sm:grid-cols-2">
        <Field id="next-startDate" label="Первый день" name="startDate" type="date" defaultValue={v.startDate} error={e.startDate} required />
        <Field id="next-endDate" label="Последний день" name="endDate" type="date" defaultValue={v.endDate} error={e.endDate} required />
      </div>
      <FormFooter error={e.form} pending={pending} label="Завести учебный год" savedMessage={state.ok ? state.message : undefined} />
    </form>
  );
}

/** Removing a year not begun: a box to tick first, so that one click does not remove it. */
export function DeleteYearForm({ year }: { year: { id: number; label: string } }) {
  const [state, action, pending] = useActionState<DeleteYearState, FormData>(deleteYearAction, {});
  const e = state.errors ?? {};
  const id = `delete-year-${year.id}`;
  return (
    <form action={action} className="space-y-2 rounded-lg border border-line bg-white p-4">
      <input type="hidden" name="id" value={year.id} />
      <label htmlFor={id} className="flex items-center gap-2">
        <input id={id} type="checkbox" name="confirm" className="h-5 w-5" aria-describedby={`${id}-error`} />
        <span>Удалить учебный год {year.label} вместе с его учебными периодами</span>
      </label>
      <p id={`${id}-error`} aria-live="polite" className="min-h-5 text-sm text-danger">{e.confirm}</p>
      <FormFooter error={e.form} pending={pending} label="Удалить учебный год" savedMessage={state.ok ? state.message : undefined} />
    </form>
  );
}
