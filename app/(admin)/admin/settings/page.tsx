import { redirect } from 'next/navigation';
import { requirePermission } from '@/lib/auth/current-user';
import { describePolicy } from '@/lib/domain/rounding';
import { formatDecimalRu } from '@/lib/domain/russian';
import { schoolSettings } from '@/lib/data/school-settings';
import { SettingsForm } from './settings-form';

export const metadata = { title: 'Настройки школы' };

const decimal = (n: number) => formatDecimalRu(n, 2);

export default async function SettingsPage() {
  const actor = await requirePermission('school:settings');
  const s = await schoolSettings(actor);
  if (!s) redirect('/forbidden');
  const p = s.roundingPolicy;
  return (
    <div className="max-w-3xl">
      <h1 className="mb-2 text-2xl font-bold">Настройки школы</h1>
      <p className="mb-4 text-muted">Изменения действуют сразу и записываются в журнал аудита.</p>
      <SettingsForm shown={s.shown} current={{
        name: s.name, shortName: s.shortName, address: s.address,
        resultVisibilityHours: String(s.resultVisibilityHours), schoolDaysPerWeek: String(s.schoolDaysPerWeek),
        markEntryDays: String(s.markEntryDays), homeworkGraceMinutes: String(s.homeworkGraceMinutes), forecastDayOfMonth: String(s.forecastDayOfMonth),
        threshold3: decimal(p.thresholds[3]), threshold4: decimal(p.thresholds[4]), threshold5: decimal(p.thresholds[5]),
        teacherDecidesBand: decimal(p.teacherDecidesBand), minMarks: String(p.minMarks),
      }} />
      <section aria-labelledby="policy-heading" className="mt-6">
        <h2 id="policy-heading" className="mb-1 text-lg font-bold">Правило округления сейчас</h2>
        <p className="text-sm">{describePolicy(p)}</p>
      </section>
      <section aria-labelledby="tz-heading" className="mt-6">
        <h2 id="tz-heading" className="mb-1 text-lg font-bold">Часовой пояс: {s.timezone}</h2>
        <p className="text-sm text-muted">
          Часовой пояс здесь не меняется. По нему считаются «сегодня» в журнале и дневнике, сроки выставления отметок
          и домашних заданий, время публикации итогов. Смена задним числом изменила бы, какие уже сделанные записи
          считаются просроченными, и сдвинула бы время в журнале аудита. Если пояс указан неверно, обратитесь к администратору сервера.
        </p>
      </section>
    </div>
  );
}
