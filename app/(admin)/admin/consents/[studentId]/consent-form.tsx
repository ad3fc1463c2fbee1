'use client';

import { startTransition, useActionState, useState } from 'react';
import { Field } from '@/components/ui/field';
import { recordConsentAction, type ConsentFormState } from '../actions';
import { DECISION_LABELS, DELIVERY_LABELS } from '../labels';

type Guardian = { id: number; name: string; email: string | null; phone: string | null };
type Props = { studentId: number; guardians: Guardian[]; defaultVersion: string };

const DECISIONS = Object.entries(DECISION_LABELS) as [keyof typeof DECISION_LABELS, string][];
const DELIVERIES = Object.entries(DELIVERY_LABELS) as [keyof typeof DELIVERY_LABELS, string][];

export function ConsentForm({ studentId, guardians, defaultVersion }: Props) {
  const [state, action, pending] = useActionState<ConsentFormState, FormData>(recordConsentAction, {});
  const [guardianId, setGuardianId] = useState(guardians.length === 1 ? guardians[0].id : 0);
  const [decision, setDecision] = useState<'GRANTED' | 'REFUSED'>('GRANTED');
  const [delivery, setDelivery] = useState<'ONLINE' | 'EMAIL' | 'PAPER'>('ONLINE');
  const initial = guardians.length === 1 ? guardians[0] : undefined;
  const [version, setVersion] = useState(defaultVersion);
  const [email, setEmail] = useState(initial?.email ?? '');
  const [phone, setPhone] = useState(initial?.phone ?? '');
  const [note, setNote] = useState('');
  const refused = decision === 'REFUSED';

  function chooseGuardian(id: number) {
    setGuardianId(id);
    const g = guardians.find((x) => x.id === id);
    setEmail(g?.email ?? '');
    setPhone(g?.phone ?? '');
  }

  // Submitted through a transition rather than the form's action prop: React resets a form after
  // an action, which would wipe what was typed when the server answers with an error.
  function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    startTransition(() => action(data));
  }
  const e = state.errors ?? {};

  if (!guardians.length) {
    return <p role="note" className="rounded-lg border border-line bg-white p-5">У ученика нет привязанных родителей. Согласие оформляет родитель (законный представитель): сначала привяжите его к ученику.</p>;
  }
  return (
    <form action={action} onSubmit={submit} className="space-y-2 rounded-lg border border-line bg-white p-5">
      <input type="hidden" name="studentId" value={studentId} />
      {state.ok && <p role="status" className="text-ok">{state.message}</p>}
      <div className="mb-3">
        <label htmlFor="consent-guardian" className="mb-1 block font-bold">Родитель (законный представитель)</label>
        <select id="consent-guardian" name="guardianId" value={guardianId || ''} onChange={(ev) => chooseGuardian(Number(ev.target.value))} required
          aria-invalid={e.guardianId ? true : undefined} aria-describedby="consent-guardian-error" className="w-full rounded-md border border-line px-3 py-2.5">
          <option value="" disabled>Выберите родителя</option>
          {guardians.map((g) => <option key={g.id} value={g.id}>{g.name}</option>)}
        </select>
        <p id="consent-guardian-error" aria-live="polite" className="mt-1 min-h-5 text-sm text-danger">{e.guardianId}</p>
      </div>
      <fieldset className="mb-3" aria-describedby="consent-decision-error">
        <legend className="mb-1 font-bold">Решение</legend>
        <div className="flex gap-6">
          {DECISIONS.map(([value, label]) => (
            <label key={value} className="flex items-center gap-2 py-1">
              <input type="radio" name="decision" value={value} checked={decision === value} onChange={() => setDecision(value)} className="size-5" />{label}
            </label>
          ))}
        </div>
        <p id="consent-decision-error" aria-live="polite" className="min-h-5 text-sm text-danger">{e.decision}</p>
      </fieldset>
      <Field label="Версия документа" name="documentVersion" value={version} onChange={(ev) => setVersion(ev.target.value)} required error={e.documentVersion} hint="Номер редакции бланка согласия, который подписал родитель" />
      <fieldset className="mb-3" aria-describedby="consent-delivery-hint consent-delivery-error" disabled={refused}>
        <legend className="mb-1 font-bold">Способ доставки сведений</legend>
        {DELIVERIES.map(([value, label]) => (
          <label key={value} className="flex items-center gap-2 py-1">
            <input type="radio" name="deliveryPreference" value={value} checked={refused ? value === 'PAPER' : delivery === value} onChange={() => setDelivery(value)} className="size-5" />{label}
          </label>
        ))}
        <p id="consent-delivery-hint" className="text-sm text-muted">{refused ? 'При отказе семья получает бумажные выписки не реже раза в неделю, а электронный дневник закрывается для родителей и ученика (их логины не выдаются) до нового согласия.' : 'Электронная почта требует адреса.'}</p>
        <p id="consent-delivery-error" aria-live="polite" className="min-h-5 text-sm text-danger">{e.deliveryPreference}</p>
      </fieldset>
      {!refused && (
        <Field label="Электронная почта для доставки" name="contactEmail" type="email" value={email} onChange={(ev) => setEmail(ev.target.value)}
          required={delivery === 'EMAIL'} error={e.contactEmail} hint="Адрес из заявления родителя" />
      )}
      <Field label="Телефон" name="contactPhone" type="tel" value={phone} onChange={(ev) => setPhone(ev.target.value)} error={e.contactPhone} />
      <div className="mb-3">
        <label htmlFor="consent-note" className="mb-1 block font-bold">Примечание</label>
        <textarea id="consent-note" name="note" rows={2} maxLength={500} value={note} onChange={(ev) => setNote(ev.target.value)} aria-describedby="consent-note-error" className="w-full rounded-md border border-line px-3 py-2.5" placeholder="Например: заявление от 01.09.2026, вх. № 15" />
        <p id="consent-note-error" aria-live="polite" className="mt-1 min-h-5 text-sm text-danger">{e.note}</p>
      </div>
      {e.form && <p role="alert" className="text-danger">{e.form}</p>}
      {e.studentId && <p role="alert" className="text-danger">{e.studentId}</p>}
      <button disabled={pending} className="rounded-md bg-accent px-5 py-3 font-bold text-white disabled:opacity-60">{pending ? 'Сохранение…' : 'Записать решение'}</button>
    </form>
  );
}
