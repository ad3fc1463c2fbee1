'use client';

import { useActionState } from 'react';
import { Field } from '@/components/ui/field';
import { FormFooter } from '@/components/ui/form-footer';
import { addCourseAction, type CourseFormState } from './actions';

type Option = { id: number; name: string };

function Choice({ name, label, options, value, error, empty, required }: { name: string; label: string; options: Option[]; value: string; error?: string; empty: string; required?: boolean }) {
  return (
    <div>
      <label htmlFor={`field-${name}`} className="mb-1 block font-bold">{label}</label>
      <select id={`field-${name}`} name={name} defaultValue={value} required={required} aria-invalid={error ? true : undefined} aria-describedby={`field-${name}-error`}
        className={`w-full rounded-md border px-3 py-2.5 ${error ? 'border-danger' : 'border-line'}`}>
        <option value="">{empty}</option>
        {options.map((o) => <option key={o.id} value={o.id}>{o.name}</option>)}
      </select>
      <p id={`field-${name}-error`} aria-live="polite" className="mt-1 min-h-5 text-sm text-danger">{error}</p>
    </div>
  );
}

export function AddCourseForm({ classId, subjects, groups, scales, teachers }: { classId: number; subjects: Option[]; groups: Option[]; scales: Option[]; teachers: Option[] }) {
  const [state, action, pending] = useActionState<CourseFormState, FormData>(addCourseAction, {});
  const e = state.errors ?? {};
  const v = (name: string) => String(state.values?.[name] ?? '');
  const key = state.values ? `typed:${JSON.stringify(state.values)}` : 'saved';
  return (
    <form key={key} action={action} className="space-y-2 rounded-lg border border-line bg-white p-5">
      <input type="hidden" name="classId" value={classId} />
      <div className="grid gap-x-4 sm:grid-cols-2">
        <Choice name="subjectId" label="Предмет" options={subjects} value={v('subjectId')} error={e.subjectId} empty="— новый предмет (впишите ниже) —" />
        <Field label="Или новый предмет" name="subjectName" defaultValue={v('subjectName')} error={e.subjectName} maxLength={100} hint="Если предмета нет в списке" />
        <Choice name="groupId" label="Группа" options={groups} value={v('groupId')} error={e.groupId} empty="— весь класс —" />
        <Choice name="gradingScaleId" label="Шкала отметок" options={scales} value={v('gradingScaleId')} error={e.gradingScaleId} empty="— выберите —" required />
        <Choice name="primaryId" label="Основной учитель" options={teachers} value={v('primaryId')} error={e.primaryId} empty="— выберите —" required />
      </div>
      <FormFooter error={e.form} pending={pending} label={pending ? 'Добавление…' : 'Добавить курс'} savedMessage={state.ok ? state.message : undefined} />
    </form>
  );
}
