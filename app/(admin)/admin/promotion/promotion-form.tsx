'use client';

import { useActionState } from 'react';
import { FormFooter } from '@/components/ui/form-footer';
import type { PromotionClass } from '@/lib/data/promotion';
import { promoteClassesAction, type PromotionState } from './actions';

/** `endedOn`: the graduates' last day (the day before next year's first), as shown. */
type Props = { nextYearId: number; nextLabel: string; endedOn: string; classes: PromotionClass[]; teachers: { id: number; name: string }[] };

export function PromotionForm({ nextYearId, nextLabel, endedOn, classes, teachers }: Props) {
  const [state, action, pending] = useActionState<PromotionState, FormData>(promoteClassesAction, {});
  const e = state.errors ?? {};
  const typed = state.values;
  // Remounted with what it must show: checkboxes and selects take a changed default only when mounted anew.
  const key = typed ? `typed:${JSON.stringify(typed)}` : state.ok ? `saved:${state.message}` : 'plan';
  return (
    <form key={key} action={action} className="space-y-4">
      <input type="hidden" name="nextYearId" value={nextYearId} />
      {classes.map((c) => {
        const id = (name: string) => `promote-${c.id}-${name}`;
        const error = e[`class-${c.id}`];
        const open = c.target && !c.target.exists;
        const promoted = typed ? typed.classes.includes(String(c.id)) : c.byDefault;
        const graduates = typed ? typed.graduate.includes(String(c.id)) : !!c.graduation?.byDefault;
        const listed = (open || !!c.graduation) && c.pupils.length > 0;
        // Everyone graduated: nothing is left to promote or count in this class.
        const allGone = c.pupils.length === 0 && (c.graduation?.done ?? 0) > 0;
        const teacher = typed ? typed.teachers[String(c.id)] ?? '' : String(c.classTeacherId ?? '');
        return (
          <fieldset key={c.id} aria-describedby={id('error')} className={`rounded-lg border bg-white p-4 ${error ? 'border-danger' : 'border-line'}`}>
            <legend className="px-1 text-lg font-bold">{c.name}{c.target ? ` → ${c.target.name}` : ''} {!c.target?.exists && !allGone && <span className="text-sm font-normal text-muted">· учеников: {c.pupils.length}</span>}</legend>
            {!c.target ? <p className="text-muted">Выпускной класс: на следующий год класс не создаётся.</p>
              : c.target.exists ? (
                // Its pupils moved up are no longer "in the class now" for this list: say who is left, not «0».
                <p className="text-muted">
                  Класс {c.target.name} на {nextLabel} уже создан.
                  {c.pupils.length > 0 && ` Не переведены: ${c.pupils.length} — их класс на ${nextLabel} выбирают ниже.`}
                </p>
              ) : allGone ? null : (
                <>
                  <input type="hidden" name={`shown-${c.id}`} value={c.pupils.map((p) => p.enrollmentId).join(',')} />
                  <label className="flex items-center gap-2 font-bold">
                    <input type="checkbox" name="classes" value={c.id} defaultChecked={promoted} className="h-5 w-5" />
                    {c.byDefault ? `Создать ${c.target.name} на ${nextLabel} и перевести в него учеников` : `Класс переходит в 10 класс (${c.target.name})`}
                  </label>
                  <p className="mt-1 text-sm text-muted">Учебные периоды: {c.target.scheme}</p>
                  <div className="mt-2">
                    <label htmlFor={id('teacher')} className="mb-1 block font-bold">Классный руководитель {c.target.name}</label>
                    <select id={id('teacher')} name={`teacher-${c.id}`} defaultValue={teacher} className="w-full rounded-md border border-line px-3 py-2.5 sm:w-96">
                      <option value="">— не назначен —</option>
                      {teachers.map((t) => <option key={t.id} value={t.id}>{t.name}</option>)}
                    </select>
                  </div>
                </>
              )}
            {c.graduation && (c.pupils.length > 0 ? (
              <>
                {!open && <input type="hidden" name={`shown-${c.id}`} value={c.pupils.map((p) => p.enrollmentId).join(',')} />}
                <label className="mt-2 flex items-center gap-2 font-bold">
                  <input type="checkbox" name="graduate" value={c.id} defaultChecked={graduates} className="h-5 w-5" />
                  Выпуск: ученики выбывают {endedOn}
                </label>
                {c.graduation.done > 0 && <p className="text-sm text-muted">Уже выпущен(ы): {c.graduation.done}</p>}
              </>
            ) : c.graduation.done > 0 && <p className="mt-1 font-bold">Выпущен(ы): {c.graduation.done}</p>)}
            <p id={id('error')} aria-live="polite" className="mt-1 min-h-5 text-sm text-danger">{error}</p>
            {listed && (
              <details className="mt-1" open={!!error}>
                <summary className="cursor-pointer text-accent">Ученики<span className="sr-only"> {c.name}</span> (снимите отметку с тех, кто не {open ? 'переводится' : 'выпускается'})</summary>
                <ul className="mt-2 grid gap-1 sm:grid-cols-2">
                  {c.pupils.map((p) => (
                    <li key={p.enrollmentId}>
                      <label className="flex items-center gap-2">
                        <input type="checkbox" name="pupils" value={p.enrollmentId} defaultChecked={typed ? typed.pupils.includes(String(p.enrollmentId)) : true} className="h-5 w-5" />
                        <span>{p.name} <span className="text-sm text-muted">— {open ? (c.graduation ? 'переводится или выпускается' : 'переводится') : 'выпускается'}</span></span>
                      </label>
                    </li>
                  ))}
                </ul>
              </details>
            )}
          </fieldset>
        );
      })}
      <FormFooter error={e.form} pending={pending} label={pending ? 'Создание…' : 'Создать классы и перевести учеников'} savedMessage={state.ok ? state.message : undefined} />
    </form>
  );
}
