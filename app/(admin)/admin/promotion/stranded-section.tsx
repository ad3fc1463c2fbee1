import { formatDateRu } from '@/lib/domain/calendar';
import { lastDayBefore } from '@/lib/data/promotion';
import type { Stranded } from '@/lib/data/promotion-stranded';
import { PlacementForm } from './placement-form';

/** Pupils left in last year's classes after this year began: placed into this year's from its first day. */
export function StrandedSection({ stranded }: { stranded: Stranded }) {
  const { previous, current, pupils, classes } = stranded;
  return (
    <section aria-labelledby="stranded-heading" className="mt-8">
      <h2 id="stranded-heading" className="mb-2 text-xl font-bold">Остались в классах {previous.label}</h2>
      <p className="mb-2 text-muted">
        Учебный год {current.label} уже начался, а эти ученики не зачислены ни в один класс {current.label}: их нет в списках классов, и классный руководитель не видит их дневник.
        Выбранный класс зачисляет ученика с {formatDateRu(current.startDate)} (с первого дня учебного года), а прежний класс закрывается {formatDateRu(lastDayBefore(current))}.
        Уроки до зачисления в журнале остаются без отметок. Выпущенные при переходе на новый учебный год (отметка «Выпуск») в этом списке не числятся.
        Всё записывается в журнал аудита.
      </p>
      {classes.length === 0 ? <p className="text-muted">В учебном году {current.label} классов ещё нет: сначала создайте их.</p> : (
        <PlacementForm yearField="currentYearId" nextYearId={current.id} nextLabel={current.label} fromLabel={previous.label} pupils={pupils} moved={[]} classes={classes} />
      )}
    </section>
  );
}
