'use client';

import { useActionState } from 'react';
import { FormFooter } from '@/components/ui/form-footer';
import { copyCoursesAction, type CourseFormState } from './actions';
import type { CopyChoice } from '@/lib/data/teaching-load-copy';

/** Stays mounted after a copy (the page shows it for every class of next year), so its message stays in view. */
export function CopyCoursesForm({ classId, choice }: { classId: number; choice: CopyChoice }) {
  const [state, action, pending] = useActionState<CourseFormState, FormData>(copyCoursesAction, {});
  const e = state.errors ?? {};
  if (state.ok) return <p role="status" className="rounded-lg border border-line bg-white p-5 text-ok">{state.message}</p>;
  if (choice.blocked) return <p className="text-muted">{choice.blocked}</p>;
  const value = String(state.values?.sourceClassId ?? choice.defaultId ?? '');
  return (
    <form key={state.values ? `typed:${value}` : 'fresh'} action={action} className="space-y-2 rounded-lg border border-line bg-white p-5">
      <input type="hidden" name="classId" value={classId} />
      <label htmlFor="field-sourceClassId" className="mb-1 block font-bold">Класс {choice.year} учебного года</label>
      <select id="field-sourceClassId" name="sourceClassId" defaultValue={value} required aria-invalid={e.sourceClassId ? true : undefined} aria-describedby="field-sourceClassId-hint field-sourceClassId-error"
        className={`w-full rounded-md border px-3 py-2.5 sm:w-96 ${e.sourceClassId ? 'border-danger' : 'border-line'}`}>
        <option value="">— выберите —</option>
        {choice.sources.map((s) => <option key={s.id} value={s.id}>{s.name} (курсов: {s.courses})</option>)}
      </select>
      <p id="field-sourceClassId-hint" className="text-sm text-muted">
        Переносятся предметы, шкалы отметок, группы класса (по названию, без учеников — составы групп задаются заново) и учителя.
        Учитель, который больше не работает в школе (учётная запись отключена или снята роль «Учитель»), не переносится: курс переносится без него, и основного учителя нужно назначить.
      </p>
      <p id="field-sourceClassId-error" aria-live="polite" className="min-h-5 text-sm text-danger">{e.sourceClassId}</p>
      <FormFooter error={e.form} pending={pending} label={pending ? 'Перенос…' : 'Перенести предметы'} savedMessage={undefined} />
    </form>
  );
}
