'use client';

import { useActionState } from 'react';
import { FormFooter } from '@/components/ui/form-footer';
import type { LeftBehindPupil, MovedPupil } from '@/lib/data/promotion';
import { placePupilsAction, type PlacementState } from './actions';

/**
 * `yearField`: 'currentYearId' for the pupils left in last year's classes (`fromLabel`) placed into
 * this year's (`nextYearId`, `nextLabel`: then this year's).
 */
type Props = {
  nextYearId: number; nextLabel: string; pupils: LeftBehindPupil[]; moved: MovedPupil[]; classes: { id: number; name: string }[];
  yearField?: 'nextYearId' | 'currentYearId'; fromLabel?: string;
};

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
export function PlacementForm({ nextYearId, nextLabel, pupils, moved, classes, yearField = 'nextYearId', fromLabel }: Props) {
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
  // A large school lists hundreds of pupils: each class folds, open where an error or a choice is to be seen.
  const group = (key: string, title: string, ids: number[], chosen: (id: number) => boolean, items: React.ReactNode) => (
    <details key={key} open={ids.some((id) => e[`pupil-${id}`] || chosen(id))} className="rounded-md border border-line p-2">
      <summary className="cursor-pointer font-bold">{title}</summary>
      <fieldset aria-label={title} className="mt-2"><ul className="space-y-2">{items}</ul></fieldset>
    </details>
  );
  const nextOptions = classes.map((c) => <option key={c.id} value={c.id}>{c.name} ({nextLabel})</option>);
  return (
    <form key={key} action={action} className="space-y-4 rounded-lg border border-line bg-white p-4">
      <input type="hidden" name={yearField} value={nextYearId} />
      {byClass(pupils).map(([name, list]) => group(`now-${name}`, fromLabel ? `В ${name} (${fromLabel})` : `Сейчас в ${name}`, list.map((p) => p.enrollmentId), (id) => !!state.values?.place[String(id)],
        list.map((p) => row(p.enrollmentId, 'place', p.name, state.values?.place[String(p.enrollmentId)] ?? '', (
          <><option value="">— остаётся в {p.className} —</option>{nextOptions}</>
        )))))}
      {byClass(moved).map(([name, list]) => group(`moved-${name}`, `Уже переведены в ${name} (${nextLabel})`, list.map((p) => p.enrollmentId),
        (id) => { const v = state.values?.move[String(id)]; return v !== undefined && v !== String(list.find((p) => p.enrollmentId === id)!.classId); },
        list.map((p) => row(p.enrollmentId, 'move', <>{p.name}{p.from && <span className="text-sm text-muted"> · из {p.from.className}</span>}</>, state.values?.move[String(p.enrollmentId)] ?? String(p.classId), (
          <>{p.from && <option value="stay">— остаётся в {p.from.className} —</option>}{nextOptions}</>
        ), <input type="hidden" name={`in-${p.enrollmentId}`} value={p.classId} />))))}
      <FormFooter error={e.form} pending={pending} label="Сохранить классы учеников" savedMessage={state.ok ? state.message : undefined} />
    </form>
  );
}
