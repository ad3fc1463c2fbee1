'use client';

import { useActionState } from 'react';
import { FormFooter } from '@/components/ui/form-footer';
import type { LeftBehindPupil } from '@/lib/data/promotion';
import { placePupilsAction, type PlacementState } from './actions';

type Props = { nextYearId: number; nextLabel: string; pupils: LeftBehindPupil[]; classes: { id: number; name: string }[] };

/** Per pupil left behind, a class of next year to join (or none: the pupil stays where they are). */
export function PlacementForm({ nextYearId, nextLabel, pupils, classes }: Props) {
  const [state, action, pending] = useActionState<PlacementState, FormData>(placePupilsAction, {});
  const e = state.errors ?? {};
  const key = state.values ? `typed:${JSON.stringify(state.values)}` : state.ok ? `saved:${state.message}` : 'plan';
  return (
    <form key={key} action={action} className="space-y-2 rounded-lg border border-line bg-white p-4">
      <input type="hidden" name="nextYearId" value={nextYearId} />
      <ul className="space-y-2">
        {pupils.map((p) => {
          const id = `place-${p.enrollmentId}`;
          const error = e[`pupil-${p.enrollmentId}`];
          return (
            <li key={p.enrollmentId} className="grid gap-1 sm:grid-cols-2 sm:items-center">
              <label htmlFor={id}>{p.name} <span className="text-sm text-muted">· {p.className}</span></label>
              <select id={id} name={id} defaultValue={state.values?.[String(p.enrollmentId)] ?? ''} aria-describedby={`${id}-error`} aria-invalid={!!error}
                className={`w-full rounded-md border px-3 py-2.5 ${error ? 'border-danger' : 'border-line'}`}>
                <option value="">— остаётся в {p.className} —</option>
                {classes.map((c) => <option key={c.id} value={c.id}>{c.name} ({nextLabel})</option>)}
              </select>
              <p id={`${id}-error`} aria-live="polite" className="text-sm text-danger sm:col-span-2">{error}</p>
            </li>
          );
        })}
      </ul>
      <FormFooter error={e.form} pending={pending} label="Зачислить в выбранные классы" savedMessage={state.ok ? state.message : undefined} />
    </form>
  );
}
