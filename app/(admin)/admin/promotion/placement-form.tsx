'use client';

import { useActionState } from 'react';
import { FormFooter } from '@/components/ui/form-footer';
import type { LeftBehindPupil, MovedPupil } from '@/lib/data/promotion';
import { placePupilsAction, type PlacementState } from './actions';

type Props = { nextYearId: number; nextLabel: string; pupils: LeftBehindPupil[]; moved: MovedPupil[]; classes: { id: number; name: string }[] };

/** The list in its order, split by `className` (already sorted by class). */
function byClass<T extends { className: string }>(list: readonly T[]): [string, T[]][] {
  const groups = new Map<string, T[]>();
  for (const item of list) groups.set(item.className, [...(groups.get(item.className) ?? []), item]);
  return [...groups];
}

/**
 * Per pupil still in this year's class, a class of next year to join (or none: the pupil stays
 * where they are); per pupil already moved, another class of next year or back to this year's.
 */
export function PlacementForm({ nextYearId, nextLabel, pupils, moved, classes }: Props) {
  const [state, action, pending] = useActionState<PlacementState, FormData>(placePupilsAction, {});
  const e = state.errors ?? {};
  const key = state.values ? `typed:${JSON.stringify(state.values)}` : state.ok ? `saved:${state.message}` : 'plan';
  const row = (enrollmentId: number, field: string, label: React.ReactNode, value: string, options: React.ReactNode, hidden?: React.ReactNode) => {
    const id = `${field}-${enrollmentId}`;
    const error = e[`pupil-${enrollmentId}`];
    return (
      <li key={enrollmentId} className="grid gap-1 sm:grid-cols-2 sm:items-center">
        {hidden}
        <label htmlFor={id}>{label}</label>
        <select id={id} name={id} defaultValue={value} aria-describedby={`${id}-error`} aria-invalid={!!error}
          className={`w-full rounded-md border px-3 py-2.5 ${error ? 'border-danger' : 'border-line'}`}>
          {options}
        </select>
        <p id={`${id}-error`} aria-live="polite" className="text-sm text-danger sm:col-span-2">{error}</p>
      </li>
    );
  };
  const nextOptions = classes.map((c) => <option key={c.id} value={c.id}>{c.name} ({nextLabel})</option>);
  return (
    <form key={key} action={action} className="space-y-4 rounded-lg border border-line bg-white p-4">
      <input type="hidden" name="nextYearId" value={nextYearId} />
      {byClass(pupils).map(([name, list]) => (
        <fieldset key={`now-${name}`}>
          <legend className="mb-2 font-bold">Сейчас в {name}</legend>
          <ul className="space-y-2">
            {list.map((p) => row(p.enrollmentId, 'place', p.name, state.values?.place[String(p.enrollmentId)] ?? '', (
              <><option value="">— остаётся в {p.className} —</option>{nextOptions}</>
            )))}
          </ul>
        </fieldset>
      ))}
      {byClass(moved).map(([name, list]) => (
        <fieldset key={`moved-${name}`}>
          <legend className="mb-2 font-bold">Уже переведены в {name} ({nextLabel})</legend>
          <ul className="space-y-2">
            {list.map((p) => row(p.enrollmentId, 'move', <>{p.name}{p.from && <span className="text-sm text-muted"> · из {p.from.className}</span>}</>, state.values?.move[String(p.enrollmentId)] ?? String(p.classId), (
              <>{p.from && <option value="stay">— остаётся в {p.from.className} —</option>}{nextOptions}</>
            ), <input type="hidden" name={`in-${p.enrollmentId}`} value={p.classId} />))}
          </ul>
        </fieldset>
      ))}
      <FormFooter error={e.form} pending={pending} label="Сохранить классы учеников" savedMessage={state.ok ? state.message : undefined} />
    </form>
  );
}
