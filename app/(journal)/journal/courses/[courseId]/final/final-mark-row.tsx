'use client';
// One pupil's final mark: the proposal beside a choice of value, special value or deferral.
import { useActionState, useState } from 'react';
import type { GridPupil } from '@/lib/data/journal/grid-pupils';
import { addDays, formatDateRu } from '@/lib/domain/calendar';
import { formatInstantRu } from '@/lib/domain/diary-format';
import { publishFinalMarksAction, setFinalMarkAction, type FinalFormState } from './actions';

const SPECIAL: [string, string][] = [['special:NOT_ATTESTED', 'н/а'], ['special:EXEMPT', 'осв.'], ['special:PASSED', 'зач.']];
const input = 'rounded-md border border-line px-2 py-1';

/** timeZone: the school's, for the moment families see a published mark. */
type Props = { pupil: GridPupil; courseId: number; periodId: number; scale: string[]; editable: boolean; periodEnd: string; timeZone: string };

export function FinalMarkRow({ pupil, courseId, periodId, scale, editable, periodEnd, timeZone }: Props) {
  const [state, action, pending] = useActionState<FinalFormState, FormData>(setFinalMarkAction, {});
  const f = pupil.final;
  const initial = f?.value ?? (f?.special ? `special:${f.special}` : f?.deferredUntil ? 'deferral' : '');
  const [choice, setChoice] = useState(initial);
  // After a refused save the deferral fields show what was typed (state.values), not the saved mark.
  const typed = state.values;
  const errorOn = (fields: string[]) => (state.error && state.field && fields.includes(state.field) ? state.error : undefined);
  const choiceError = errorOn(['choice', 'value', 'special', 'studentId']);
  const untilError = errorOn(['until']);
  const reasonError = errorOn(['reason']);
  const formError = state.error && !choiceError && !untilError && !reasonError ? state.error : undefined;
  const id = `final-${pupil.id}`;
  // Moved to another class during the period: that class's teacher gives the mark (period-mark-class.ts);
  // one given here before the transfer was recorded is shown, not changed.
  if (pupil.movedOut) {
    return (
      <tr className="border-t border-line align-top">
        <PupilCell pupil={pupil} />
        <td className="px-2 py-2 text-center tabular-nums">{pupil.count}</td>
        <td className="px-2 py-2 text-center tabular-nums">{pupil.weightedAverage}</td>
        <td className="px-2 py-2 text-center font-bold">{pupil.forecast}</td>
        <td className="px-3 py-2 text-sm text-muted">
          {f && <span className="mr-2 font-bold text-ink">{finalText(f)} (выставлена здесь до перевода{f.status === 'DRAFT' ? ', черновик — отсюда не публикуется' : ''})</span>}
          {pupil.movedOut.note}
        </td>
      </tr>
    );
  }
  // A published mark of the class the pupil left stands: no second one here (setFinalMark refuses it).
  const earlier = pupil.earlierFinal;
  const locked = !editable || Boolean(earlier?.published);
  return (
    <tr className="border-t border-line align-top">
      <PupilCell pupil={pupil} />
      <td className="px-2 py-2 text-center tabular-nums">{pupil.count}</td>
      <td className="px-2 py-2 text-center tabular-nums">{pupil.weightedAverage}</td>
      <td className="px-2 py-2 text-center font-bold">{pupil.forecast}</td>
      <td className="px-3 py-2">
        <form action={action} className="flex flex-wrap items-center gap-2">
          <input type="hidden" name="courseId" value={courseId} />
          <input type="hidden" name="periodId" value={periodId} />
          <input type="hidden" name="studentId" value={pupil.id} />
          <input type="hidden" name="expectedVersion" value={f?.version ?? 0} />
          <select name="choice" aria-label={`Итоговая отметка: ${pupil.name}`} className={input} value={choice} disabled={locked} onChange={(e) => setChoice(e.target.value)}
            aria-invalid={choiceError ? true : undefined} aria-describedby={`${id}-choice-error`}>
            <option value="">—</option>
            {scale.map((v) => <option key={v} value={v}>{v}</option>)}
            {SPECIAL.map(([v, l]) => <option key={v} value={v}>{l}</option>)}
            <option value="deferral">отсрочка</option>
          </select>
          <span id={`${id}-choice-error`} aria-live="polite" className="text-sm text-danger">{choiceError}</span>
          {choice === 'deferral' && (
            <>
              <input type="date" name="until" aria-label="Отсрочка до" min={addDays(periodEnd, 1)} defaultValue={typed?.until ?? f?.deferredUntil ?? ''} className={input} required
                aria-invalid={untilError ? true : undefined} aria-describedby={`${id}-until-error`} />
              <span id={`${id}-until-error`} aria-live="polite" className="text-sm text-danger">{untilError}</span>
              <input name="reason" aria-label="Причина отсрочки" placeholder="причина (болезнь…)" defaultValue={typed?.reason ?? f?.deferralReason ?? ''} maxLength={300} className={input} required
                aria-invalid={reasonError ? true : undefined} aria-describedby={`${id}-reason-error`} />
              <span id={`${id}-reason-error`} aria-live="polite" className="text-sm text-danger">{reasonError}</span>
            </>
          )}
          {earlier && <span className="text-sm">в {earlier.className} выставлена: <b>{earlier.mark}</b>{earlier.published ? '' : ' (черновик, не опубликована)'}</span>}
          {!locked && <button disabled={pending || !choice} className="rounded-md border border-accent px-3 py-1 text-accent disabled:opacity-50">Сохранить</button>}
          {f && <span className="text-xs text-muted">{f.status === 'PUBLISHED' ? `опубликовано${f.visibleFrom ? `, семьям с ${formatInstantRu(f.visibleFrom, timeZone)}` : ''}` : 'черновик'}</span>}
          <span aria-live="polite" className={`text-sm ${formError ? 'text-danger' : 'text-ok'}`}>{formError ?? (state.ok ? state.message : undefined)}</span>
        </form>
      </td>
    </tr>
  );
}

function PupilCell({ pupil }: { pupil: GridPupil }) {
  return (
    <th scope="row" className="px-3 py-2 text-left font-normal">
      {pupil.name}
      {pupil.prior.map((g) => (
        <span key={g.className} className="block text-xs text-muted">из {g.className}: {g.marks.map((m) => m.value).join(' ')}</span>
      ))}
    </th>
  );
}

const finalText = (f: NonNullable<GridPupil['final']>) =>
  f.value ?? (f.special ? SPECIAL.find(([v]) => v === `special:${f.special}`)?.[1] : f.deferredUntil ? `отсрочка до ${formatDateRu(f.deferredUntil)}` : '—');

export function PublishButton({ courseId, periodId, drafts }: { courseId: number; periodId: number; drafts: number }) {
  const [state, action, pending] = useActionState<FinalFormState, FormData>(publishFinalMarksAction, {});
  return (
    <form action={action} className="flex items-center gap-3">
      <input type="hidden" name="courseId" value={courseId} />
      <input type="hidden" name="periodId" value={periodId} />
      <button disabled={pending || drafts === 0} className="rounded-md bg-accent px-4 py-2 font-bold text-white disabled:opacity-50">Опубликовать черновики ({drafts})</button>
      <span aria-live="polite" className={state.error ? 'text-danger' : 'text-ok'}>{state.error ?? state.message}</span>
    </form>
  );
}
