'use client';

import Link from 'next/link';
import { useActionState } from 'react';
import { formatDateRu } from '@/lib/domain/calendar';
import type { PupilClassView, PupilEnrollment } from '@/lib/data/pupil-class';
import { pupilClassAction, type PupilClassState } from './pupil-class-actions';

type Props = { userId: number; view: PupilClassView; canManage: boolean };

/** An open enrollment begun is «по настоящее время»; one still to begin (next year's class) has no end to name. */
const until = (e: PupilEnrollment, today: string) => (e.endDate ? `по ${formatDateRu(e.endDate)}` : e.startDate <= today ? 'по настоящее время' : '');

/** Section «Класс» of a pupil's page: the enrollments, and (users:manage) transfer, leaving, enrolment. */
export function PupilClass({ userId, view, canManage }: Props) {
  const [state, action, pending] = useActionState<PupilClassState, FormData>(pupilClassAction, {});
  const errorsOf = (command: string) => (state.command === command ? state.errors ?? {} : {});
  const valueOf = (command: string, name: string, fallback: string) => (state.command === command && state.values ? state.values[name] ?? fallback : fallback);
  // React resets a form after its action: a new key mounts it afresh with the typed values as defaults.
  const keyOf = (command: string) => (state.command === command && state.values ? `${command}:typed:${JSON.stringify(state.values)}` : `${command}:fresh`);
  const { current, shown } = view;
  const field = 'mt-1 rounded-md border border-line px-3 py-2';
  const button = 'rounded-md border border-accent px-4 py-2 text-accent disabled:opacity-60';
  const hidden = (command: string) => (
    <>
      <input type="hidden" name="studentId" value={userId} />
      <input type="hidden" name="command" value={command} />
      <input type="hidden" name="version" value={view.version} />
    </>
  );
  const t = errorsOf('transfer');
  const l = errorsOf('leave');
  const n = errorsOf('enrol');
  return (
    <section aria-labelledby="pupil-class" className="max-w-xl space-y-4">
      <h2 id="pupil-class" className="text-xl font-bold">Класс</h2>
      <p>
        {current ? <>Сегодня: <b>{current.className}</b> ({current.yearLabel})</>
          : shown && shown.startDate > view.today ? <>Сегодня не учится ни в одном классе; зачислен(а) в <b>{shown.className}</b> с {formatDateRu(shown.startDate)}</>
          : <>Сегодня не учится ни в одном классе{shown ? <>; последний класс — {shown.className}, {until(shown, view.today)}</> : ''}</>}
      </p>
      {view.enrollments.length > 0 ? (
        <table className="w-full rounded-lg border border-line bg-white text-left">
          <thead><tr className="text-muted"><th className="p-2">Класс</th><th className="p-2">Учебный год</th><th className="p-2">Период</th></tr></thead>
          <tbody>
            {view.enrollments.map((e) => (
              <tr key={e.id} className="border-t border-line"><td className="p-2">{e.className}</td><td className="p-2">{e.yearLabel}</td><td className="p-2">с {formatDateRu(e.startDate)} {until(e, view.today)}</td></tr>
            ))}
          </tbody>
        </table>
      ) : <p className="text-muted">Ученик не зачислен ни в один класс.</p>}
      {state.ok && state.message && (
        <p role="status" className="text-ok">{state.message}{state.groupsLink && <> <Link className="text-accent underline" href={state.groupsLink}>Учебная нагрузка класса</Link></>}</p>
      )}
      {state.errors?.form && <p role="alert" className="text-danger">{state.errors.form}</p>}
      {canManage && current && (
        <>
          <form key={keyOf('transfer')} action={action} className="flex flex-wrap items-end gap-3 rounded-lg border border-line bg-white p-4">
            {hidden('transfer')}
            <h3 className="w-full font-bold">Перевести в другой класс</h3>
            <label className="flex flex-col">Новый класс
              <select name="classId" defaultValue={valueOf('transfer', 'classId', '')} aria-invalid={!!t.classId} className={field}>
                <option value="">— выберите —</option>
                {view.transferClasses.map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}
              </select>
            </label>
            <label className="flex flex-col">Первый день в новом классе
              <input type="date" name="date" defaultValue={valueOf('transfer', 'date', view.today)} aria-invalid={!!t.date} className={field} />
            </label>
            <button disabled={pending} className={button}>Перевести</button>
            <p aria-live="polite" className="w-full text-sm text-danger">{t.classId ?? t.date}</p>
          </form>
          <form key={keyOf('leave')} action={action} className="space-y-3 rounded-lg border border-line bg-white p-4">
            {hidden('leave')}
            <h3 className="font-bold">Выбытие из школы</h3>
            <label className="flex flex-col">Последний день в школе
              <input type="date" name="date" defaultValue={valueOf('leave', 'date', view.today)} aria-invalid={!!l.date} className={`${field} max-w-xs`} />
            </label>
            <p aria-live="polite" className="text-sm text-danger">{l.date}</p>
            <label className="flex flex-col">Основание (необязательно)
              <input name="reason" maxLength={200} defaultValue={valueOf('leave', 'reason', '')} placeholder="приказ № 45 от 02.12.2026, выбыл в МБОУ СОШ № 3" aria-invalid={!!l.reason} className={field} />
            </label>
            <p aria-live="polite" className="text-sm text-danger">{l.reason}</p>
            <label className="flex items-center gap-2">
              <input type="checkbox" name="disableLogin" defaultChecked={valueOf('leave', 'disableLogin', 'on') === 'on'} className="size-5" />Отключить вход ученика и завершить его сеансы
            </label>
            <button disabled={pending} className={button}>Записать выбытие</button>
          </form>
        </>
      )}
      {canManage && !current && (
        <form key={keyOf('enrol')} action={action} className="flex flex-wrap items-end gap-3 rounded-lg border border-line bg-white p-4">
          {hidden('enrol')}
          <h3 className="w-full font-bold">Зачислить в класс</h3>
          <label className="flex flex-col">Класс
            <select name="classId" defaultValue={valueOf('enrol', 'classId', '')} aria-invalid={!!n.classId} className={field}>
              <option value="">— выберите —</option>
              {view.enrolClasses.map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}
            </select>
          </label>
          <label className="flex flex-col">Первый день в классе
            <input type="date" name="date" defaultValue={valueOf('enrol', 'date', view.today)} aria-invalid={!!n.date} className={field} />
          </label>
          <button disabled={pending} className={button}>Зачислить</button>
          <p aria-live="polite" className="w-full text-sm text-danger">{n.classId ?? n.date}</p>
        </form>
      )}
    </section>
  );
}
