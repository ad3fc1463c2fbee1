'use client';
// One study period with the close or reopen command.
import { useActionState } from 'react';
import { periodStatusAction, type PeriodFormState } from './actions';

type Period = { id: number; name: string; scheme: string; year: string; startDate: string; endDate: string; status: string; closedAt: string | null; closedBy: string | null };
const ru = (iso: string) => iso.split('-').reverse().join('.');

export function PeriodRow({ period }: { period: Period }) {
  const [state, action, pending] = useActionState<PeriodFormState, FormData>(periodStatusAction, {});
  const closed = period.status === 'CLOSED';
  return (
    <tr className="border-t border-line align-top">
      <td className="px-3 py-2">{period.year}</td>
      <td className="px-3 py-2">{period.scheme}</td>
      <th scope="row" className="px-3 py-2 text-left">{period.name}</th>
      <td className="px-3 py-2 whitespace-nowrap">{ru(period.startDate)} — {ru(period.endDate)}</td>
      <td className="px-3 py-2">{closed ? `закрыт${period.closedBy ? ` (${period.closedBy})` : ''}` : 'открыт'}</td>
      <td className="px-3 py-2">
        <form action={action} className="flex flex-wrap items-center gap-2"
          // Closing locks every teacher's marks in the period: ask once more.
          onSubmit={(e) => { if (!closed && !window.confirm(`Закрыть период «${period.name}»? Отметки, посещаемость и итоговые отметки в нём станут недоступны для изменения.`)) e.preventDefault(); }}>
          <input type="hidden" name="periodId" value={period.id} />
          <input type="hidden" name="close" value={closed ? '0' : '1'} />
          {closed && <input name="reason" required minLength={5} placeholder="причина открытия" aria-label={`Причина открытия: ${period.name}`} className="rounded-md border border-line px-2 py-1" />}
          <button disabled={pending} className={`rounded-md border px-3 py-1 ${closed ? 'border-accent text-accent' : 'border-danger text-danger'}`}>{closed ? 'Открыть' : 'Закрыть'}</button>
          <span aria-live="polite" className={`text-sm ${state.error ? 'text-danger' : 'text-ok'}`}>{state.error ?? state.message}</span>
        </form>
      </td>
    </tr>
  );
}
