import Link from 'next/link';
import { redirect } from 'next/navigation';
import { requirePermission } from '@/lib/auth/current-user';
import { formatDateRu } from '@/lib/domain/calendar';
import { lastDayBefore, promotionPlan } from '@/lib/data/promotion';
import { PromotionForm } from './promotion-form';
import { PlacementForm } from './placement-form';
import { StrandedSection } from './stranded-section';

export const metadata = { title: 'Переход на новый учебный год' };

export default async function PromotionPage() {
  const actor = await requirePermission('users:manage');
  const plan = await promotionPlan(actor);
  if (!plan) redirect('/forbidden');
  return (
    <div className="max-w-4xl">
      <h1 className="mb-2 text-2xl font-bold">Переход на новый учебный год</h1>
      {!plan.ready ? (
        <p className="mb-4">
          {plan.current ? `Следующий за ${plan.current.label} учебный год ещё не заведён.` : 'Текущий учебный год ещё не начался или не заведён.'}{' '}
          Сначала заведите следующий учебный год на странице <Link href="/admin/calendar/periods" className="text-accent underline">«Учебные периоды»</Link>.
        </p>
      ) : (
        <>
          <p className="mb-2 text-muted">
            Классы {plan.current.label} переходят в {plan.next.label} на класс старше, с той же буквой и тем же классным руководителем (его можно сменить или не назначать).
            Ученики с отметкой «переводится» учатся в новом классе с {formatDateRu(plan.next.startDate)}, а в нынешнем числятся до {formatDateRu(lastDayBefore(plan.next))}, лето включительно:
            дневник и журнал этого года остаются за ними. Ученики без отметки (остаются на второй год, уходят из школы) остаются в своём классе.
          </p>
          <p className="mb-2 text-muted">
            Выпускные 11 классы не переводятся. 9 классы переводятся в 10 только если отметить «переходит в 10 класс».
            Отметка «Выпуск» у 11 класса (и у 9 класса, который не переходит в 10) выводит отмеченных учеников из класса {formatDateRu(lastDayBefore(plan.next))}: до этого дня дневник и журнал остаются за ними,
            пересдачи ГИА в сентябре записываются в их прошлогодний класс. Ученик без отметки (остаётся на второй год) остаётся в классе.
            Если класс на следующий год уже создан, его не создать второй раз: снимите отметку с этого класса.
          </p>
          <p className="mb-4 text-muted">
            Предметы и учебная нагрузка не копируются: их задают для каждого нового класса на странице <Link href="/admin/courses" className="text-accent underline">«Учебная нагрузка»</Link>. Всё записывается в журнал аудита.
          </p>
          {plan.classes.length === 0 ? <p className="text-muted">В учебном году {plan.current.label} классов нет.</p> : (
            <PromotionForm nextYearId={plan.next.id} nextLabel={plan.next.label} endedOn={formatDateRu(lastDayBefore(plan.next))} classes={plan.classes} teachers={plan.teachers} />
          )}
          {plan.nextClasses.length > 0 && plan.leftBehind.length + plan.moved.length > 0 && (
            <section aria-labelledby="placement-heading" className="mt-8">
              <h2 id="placement-heading" className="mb-2 text-xl font-bold">Классы учеников на {plan.next.label}</h2>
              <p className="mb-2 text-muted">
                Ученики, которые остаются в классах {plan.current.label} (на второй год, без класса на следующий год или ещё не переведённые), зачисляются в уже созданный класс {plan.next.label}:
                в нём — с {formatDateRu(plan.next.startDate)}, в нынешнем — до {formatDateRu(lastDayBefore(plan.next))}.
              </p>
              {plan.moved.length > 0 && (
                <p className="mb-2 text-muted">
                  Пока {plan.next.label} не начался, уже переведённого ученика можно перевести в другой класс {plan.next.label} или вернуть в прежний класс («остаётся в …»).
                  Вернувшегося тоже нужно зачислить в класс {plan.next.label} до {formatDateRu(plan.next.startDate)}: второгодника — в класс той же параллели (из 5А — например, в 5Б {plan.next.label}).
                  Кто к началу года останется без класса {plan.next.label}, не попадёт ни в один список класса. Всё записывается в журнал аудита.
                </p>
              )}
              <PlacementForm nextYearId={plan.next.id} nextLabel={plan.next.label} pupils={plan.leftBehind} moved={plan.moved} classes={plan.nextClasses} />
            </section>
          )}
        </>
      )}
      {plan.stranded && <StrandedSection stranded={plan.stranded} />}
    </div>
  );
}
