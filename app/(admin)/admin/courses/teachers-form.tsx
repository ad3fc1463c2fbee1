'use client';

import { useActionState } from 'react';
import { FormFooter } from '@/components/ui/form-footer';
import { setCourseTeachersAction, type CourseFormState } from './actions';

type Option = { id: number; name: string };

/** shown: the course's teachers as loaded with the page, sent back so that a save over someone else's later change is refused. */
export function TeachersForm({ courseId, teachers, current, shown }: { courseId: number; teachers: Option[]; current: { primaryId: number | null; coTeacherIds: number[] }; shown: string }) {
  const [state, action, pending] = useActionState<CourseFormState, FormData>(setCourseTeachersAction, {});
  const e = state.errors ?? {};
  const typed = state.values;
  const primary = typed ? String(typed.primaryId ?? '') : String(current.primaryId ?? '');
  const co = typed ? (typed.coTeacherIds as string[] | undefined) ?? [] : current.coTeacherIds.map(String);
  // Remounted with what it must show: selects take a changed defaultValue only when mounted anew.
  const key = typed ? `typed:${JSON.stringify(typed)}` : `saved:${shown}`;
  const id = (name: string) => `course-${courseId}-${name}`;
  return (
    <form key={key} action={action} className="space-y-3">
      <input type="hidden" name="courseId" value={courseId} />
      <input type="hidden" name="shown" value={shown} />
      <div>
        <label htmlFor={id('primaryId')} className="mb-1 block font-bold">Основной учитель</label>
        <select id={id('primaryId')} name="primaryId" defaultValue={primary} required aria-invalid={e.primaryId ? true : undefined} aria-describedby={id('primaryId-error')}
          className="w-full rounded-md border border-line px-3 py-2.5 sm:w-96">
          <option value="">— выберите —</option>
          {teachers.map((t) => <option key={t.id} value={t.id}>{t.name}</option>)}
        </select>
        <p id={id('primaryId-error')} aria-live="polite" className="mt-1 min-h-5 text-sm text-danger">{e.primaryId}</p>
      </div>
      {/* Checkboxes, not a multiple select: there a click without Ctrl silently drops the other co-teachers. */}
      <fieldset aria-describedby={`${id('coTeacherIds-hint')} ${id('coTeacherIds-error')}`}>
        <legend className="mb-1 font-bold">Другие учителя курса (необязательно)</legend>
        <p id={id('coTeacherIds-hint')} className="mb-1 text-sm text-muted">Например, второй учитель при делении на группы. Снимите отметку, чтобы убрать учителя из курса.</p>
        <div className="max-h-56 overflow-y-auto rounded-md border border-line px-3 py-2 sm:w-96">
          {teachers.map((t) => (
            <label key={t.id} className="flex items-center gap-2 py-1">
              <input type="checkbox" name="coTeacherIds" value={t.id} defaultChecked={co.includes(String(t.id))} />
              {t.name}
            </label>
          ))}
        </div>
        <p id={id('coTeacherIds-error')} aria-live="polite" className="mt-1 min-h-5 text-sm text-danger">{e.coTeacherIds}</p>
      </fieldset>
      <FormFooter error={e.form} pending={pending} label={pending ? 'Сохранение…' : 'Сохранить учителей'} savedMessage={state.ok ? state.message : undefined} />
    </form>
  );
}
