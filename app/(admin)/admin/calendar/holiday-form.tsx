'use client';

import { useActionState } from 'react';
import { Field } from '@/components/ui/field';
import { deleteHolidayAction, saveHolidayAction, type DeleteState, type HolidayFormState } from './actions';
import { FormFooter } from '@/components/ui/form-footer';

const GRADES = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];

type Props = {
  academicYearId: number;
  /** The holiday being changed; absent for a new one. */
  holiday?: { id: number; name: string; startDate: string; endDate: string; gradeLevels: number[] };
  span: string;
};

export function HolidayForm({ academicYearId, holiday, span }: Props) {
  const [state, action, pending] = useActionState<HolidayFormState, FormData>(saveHolidayAction, {});
  const e = state.errors ?? {};
  // After an error the form shows what was typed (state.values), else the holiday as it is.
  const v = state.values ?? (holiday ? { ...holiday, gradeLevels: holiday.gradeLevels.map(String) } : undefined);
  const prefix = holiday ? `h${holiday.id}-` : 'new-';
  return (
    <form action={action} className="space-y-2 rounded-lg border border-line bg-white p-4">
      {holiday && <input type="hidden" name="id" value={holiday.id} />}
      <input type="hidden" name="academicYearId" value={academicYearId} />
      <Field id={`${prefix}name`} label="Название" name="name" defaultValue={v?.name} error={e.name} required maxLength={100} />
      <div className="grid gap-x-3 sm:grid-cols-2">
        <Field id={`${prefix}startDate`} label="Первый день" name="startDate" type="date" defaultValue={v?.startDate} error={e.startDate} hint={`В пределах ${span}`} required />
        <Field id={`${prefix}endDate`} label="Последний день" name="endDate" type="date" defaultValue={v?.endDate} error={e.endDate} required />
      </div>
      <fieldset aria-describedby={`${prefix}grades-error`}>
        <legend className="mb-1 font-bold">Для каких классов</legend>
        <p className="mb-1 text-sm text-muted">Ничего не отмечено — для всей школы. Дополнительные каникулы первоклассников — отметьте «1».</p>
        <div className="flex flex-wrap gap-x-4">
          {GRADES.map((g) => (
            <label key={g} className="flex items-center gap-2 py-1">
              <input type="checkbox" name="gradeLevels" value={g} defaultChecked={v?.gradeLevels.includes(String(g))} className="size-5" />{g}
            </label>
          ))}
        </div>
        <p id={`${prefix}grades-error`} aria-live="polite" className="min-h-5 text-sm text-danger">{e.gradeLevels}</p>
      </fieldset>
      <FormFooter error={e.form} pending={pending} label={holiday ? 'Сохранить' : 'Добавить'} savedMessage={state.ok ? state.message : undefined} />
    </form>
  );
}

export function DeleteHolidayButton({ id, name }: { id: number; name: string }) {
  const [state, action, pending] = useActionState<DeleteState, FormData>(deleteHolidayAction, {});
  return (
    <form action={action} className="inline" onSubmit={(event) => { if (!confirm(`Удалить «${name}»?`)) event.preventDefault(); }}>
      <input type="hidden" name="id" value={id} />
      <button disabled={pending} className="rounded-md border border-danger px-3 py-1.5 text-danger disabled:opacity-60" aria-label={`Удалить «${name}»`}>Удалить</button>
      {state.error && <span role="alert" className="ml-2 text-sm text-danger">{state.error}</span>}
    </form>
  );
}
