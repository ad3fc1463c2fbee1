'use client';

import { useActionState } from 'react';
import type { SlotTime } from '@/lib/domain/bell-times';
import { Field } from '@/components/ui/field';
import { recordChangeAction, type ChangeFormState } from './actions';
import { KIND_LABELS } from './labels';
import { FormFooter } from '@/components/ui/form-footer';
import { SelectField as Select } from '@/components/ui/select-field';

type Props = {
  date: string;
  /** The lesson chosen from the day's table («courseId:slot»). */
  selected?: string;
  lessons: { value: string; label: string }[];
  teachers: { id: number; name: string }[];
  slots: SlotTime[];
};

export function ChangeForm({ date, selected, lessons, teachers, slots }: Props) {
  const [state, action, pending] = useActionState<ChangeFormState, FormData>(recordChangeAction, {});
  const e = state.errors ?? {};
  const v = state.values;
  return (
    <form action={action} className="space-y-1 rounded-lg border border-line bg-white p-5" aria-labelledby="change-form-title">
      <h2 id="change-form-title" className="mb-3 text-lg font-bold">Записать изменение</h2>
      <input type="hidden" name="date" value={date} />
      <div className="grid gap-x-4 sm:grid-cols-2">
        <Select label="Урок" name="lesson" error={e.lesson ?? e.date} defaultValue={v?.lesson ?? selected}>
          <option value="">Выберите урок</option>
          {lessons.map((l) => <option key={l.value} value={l.value}>{l.label}</option>)}
        </Select>
        <Select label="Изменение" name="kind" error={e.kind} defaultValue={v?.kind}>
          <option value="">Выберите вид</option>
          {Object.entries(KIND_LABELS).map(([value, label]) => <option key={value} value={value}>{label}</option>)}
        </Select>
        <Select label="Замещающий учитель" name="substituteTeacherId" error={e.substituteTeacherId} defaultValue={v?.substituteTeacherId} hint="Для замены">
          <option value="">Не выбран</option>
          {teachers.map((t) => <option key={t.id} value={t.id}>{t.name}</option>)}
        </Select>
        <Field label="Кабинет" name="room" defaultValue={v?.room} error={e.room} maxLength={20} hint="Для смены кабинета; при замене или переносе — если кабинет другой" />
        <Field label="Перенести на дату" name="newDate" type="date" defaultValue={v?.newDate} error={e.newDate} hint="Для переноса" />
        <Select label="Перенести на урок" name="newSlot" error={e.newSlot} defaultValue={v?.newSlot} hint="Для переноса">
          <option value="">Не выбран</option>
          {slots.map((s) => <option key={s.slot} value={s.slot}>{s.slot}-й урок ({s.time})</option>)}
        </Select>
      </div>
      <Field label="Причина" name="reason" defaultValue={v?.reason} error={e.reason} maxLength={300} hint="Например: болезнь учителя, экскурсия" />
      <FormFooter error={e.form} pending={pending} label={pending ? 'Сохранение…' : 'Записать'} savedMessage={state.ok ? state.message : undefined} />
    </form>
  );
}
