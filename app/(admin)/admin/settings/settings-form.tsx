'use client';

import { useActionState } from 'react';
import { Field } from '@/components/ui/field';
import { saveSettingsAction, type SettingsFormState, type SettingsTyped } from './actions';
import { FormFooter } from '@/components/ui/form-footer';

/** shown: the settings as loaded with the page, sent back so that a save over another administrator's later change is refused. */
export function SettingsForm({ current, shown }: { current: SettingsTyped; shown: string }) {
  const [state, action, pending] = useActionState<SettingsFormState, FormData>(saveSettingsAction, {});
  const e = state.errors ?? {};
  // After an error the form shows what was typed (state.values), else the settings as saved.
  const v = state.values ?? current;
  // The form is remounted with the values it must show, as inputs take a changed defaultValue only when mounted anew.
  const key = state.values ? `typed:${JSON.stringify(state.values)}` : 'saved';
  return (
    <form key={key} action={action} className="space-y-6 rounded-lg border border-line bg-white p-5">
      <input type="hidden" name="shown" value={shown} />
      <fieldset>
        <legend className="mb-2 text-lg font-bold">Школа</legend>
        <Field label="Полное название" name="name" defaultValue={v.name} error={e.name} required maxLength={200} />
        <Field label="Краткое название" name="shortName" defaultValue={v.shortName} error={e.shortName} required maxLength={60} />
        <Field label="Адрес" name="address" defaultValue={v.address} error={e.address} maxLength={300} />
      </fieldset>

      <fieldset>
        <legend className="mb-2 text-lg font-bold">Учебная неделя и сроки</legend>
        <div className="mb-3">
          <label htmlFor="field-schoolDaysPerWeek" className="mb-1 block font-bold">Дней в учебной неделе</label>
          <select id="field-schoolDaysPerWeek" name="schoolDaysPerWeek" defaultValue={v.schoolDaysPerWeek} aria-describedby="schoolDaysPerWeek-error" className="w-full rounded-md border border-line px-3 py-2.5 sm:w-60">
            <option value="5">5 (понедельник — пятница)</option>
            <option value="6">6 (с субботой)</option>
          </select>
          <p id="schoolDaysPerWeek-error" aria-live="polite" className="mt-1 min-h-5 text-sm text-danger">{e.schoolDaysPerWeek}</p>
        </div>
        <div className="grid gap-x-4 sm:grid-cols-2">
          <Field label="Итоги видны семьям через, часов" name="resultVisibilityHours" inputMode="numeric" defaultValue={v.resultVisibilityHours} error={e.resultVisibilityHours}
            hint="Отметки за периоды и год и результаты ГИА. 0–72; по положению — не позже суток (24). Действует для итогов, опубликованных после сохранения; уже опубликованные появятся в назначенный им срок." required />
          <Field label="Срок выставления отметок, дней после урока" name="markEntryDays" inputMode="numeric" defaultValue={v.markEntryDays} error={e.markEntryDays} hint="1–7: по положению — не позднее недели" required />
          <Field label="Домашнее задание записать в течение, минут после последнего урока" name="homeworkGraceMinutes" inputMode="numeric" defaultValue={v.homeworkGraceMinutes} error={e.homeworkGraceMinutes} hint="0–120: по положению — не позднее 2 часов" required />
          <Field label="День месяца для рассылки прогноза семьям" name="forecastDayOfMonth" inputMode="numeric" defaultValue={v.forecastDayOfMonth} error={e.forecastDayOfMonth} hint="1–28: такой день есть в каждом месяце" required />
        </div>
      </fieldset>

      <fieldset aria-describedby="policy-error">
        <legend className="mb-1 text-lg font-bold">Округление отметки за период</legend>
        <p className="mb-2 text-sm text-muted">Средневзвешенный балл, начиная с которого предлагается отметка. Учитель всё равно выставляет отметку сам.</p>
        <div className="grid gap-x-4 sm:grid-cols-3">
          <Field label="Порог «3»" name="threshold3" inputMode="decimal" defaultValue={v.threshold3} error={e.threshold3} required />
          <Field label="Порог «4»" name="threshold4" inputMode="decimal" defaultValue={v.threshold4} error={e.threshold4} required />
          <Field label="Порог «5»" name="threshold5" inputMode="decimal" defaultValue={v.threshold5} error={e.threshold5} required />
          <Field label="Зона решения учителя ниже порога" name="teacherDecidesBand" inputMode="decimal" defaultValue={v.teacherDecidesBand} error={e.teacherDecidesBand} hint="0 — без зоны; 0,1 — от 4,50 до 4,59 решает учитель" required />
          <Field label="Минимум отметок за период" name="minMarks" inputMode="numeric" defaultValue={v.minMarks} error={e.minMarks} hint="Меньше — отметка не предлагается" required />
        </div>
        <p id="policy-error" aria-live="polite" className="min-h-5 text-sm text-danger">{e.policy}</p>
      </fieldset>

      <FormFooter error={e.form} pending={pending} label={pending ? 'Сохранение…' : 'Сохранить'} savedMessage={state.ok ? state.message : undefined} />
    </form>
  );
}
