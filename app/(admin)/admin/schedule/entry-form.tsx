'use client';

import { useActionState } from 'react';
import type { SlotTime } from '@/lib/domain/bell-times';
import { Field } from '@/components/ui/field';
import { FormFooter } from '@/components/ui/form-footer';
import { SelectField } from '@/components/ui/select-field';
import { WEEKDAY_NAMES_RU } from '@/lib/domain/calendar';
import { addEntryAction, type AddEntryState } from './actions';

type Props = {
  classId: number;
  className: string;
  defaultFrom: string;
  days: number;
  courses: { id: number; label: string }[];
  slots: SlotTime[];
};

export function EntryForm({ classId, className, defaultFrom, days, courses, slots }: Props) {
  const [state, action, pending] = useActionState<AddEntryState, FormData>(addEntryAction, {});
  const e = state.errors ?? {};
  const v = state.values;
  return (
    <form action={action} className="space-y-1 rounded-lg border border-line bg-white p-5" aria-labelledby="entry-form-title">
      <h2 id="entry-form-title" className="mb-3 text-lg font-bold">Добавить урок в расписание {className}</h2>
      <input type="hidden" name="classId" value={classId} />
      <div className="grid gap-x-4 sm:grid-cols-2">
        <SelectField label="Предмет" name="courseId" error={e.courseId} defaultValue={v?.courseId}>
          <option value="">Выберите предмет</option>
          {courses.map((c) => <option key={c.id} value={c.id}>{c.label}</option>)}
        </SelectField>
        <SelectField label="День недели" name="weekday" error={e.weekday} defaultValue={v?.weekday}>
          <option value="">Выберите день</option>
          {WEEKDAY_NAMES_RU.slice(0, days).map((name, i) => <option key={name} value={i + 1}>{name[0].toUpperCase() + name.slice(1)}</option>)}
        </SelectField>
        <SelectField label="Урок" name="slot" error={e.slot} defaultValue={v?.slot}>
          <option value="">Выберите урок</option>
          {slots.map((s) => <option key={s.slot} value={s.slot}>{s.slot}-й урок ({s.time})</option>)}
        </SelectField>
        <Field label="Кабинет" name="room" defaultValue={v?.room} error={e.room} maxLength={20} />
        <Field label="Действует с" name="validFrom" type="date" defaultValue={v?.validFrom ?? defaultFrom} error={e.validFrom} hint="Чтобы изменить урок, снимите прежний с этой даты и добавьте новый" />
      </div>
      <FormFooter error={e.form} pending={pending} label={pending ? 'Сохранение…' : 'Добавить'} savedMessage={state.ok ? state.message : undefined} />
    </form>
  );
}
