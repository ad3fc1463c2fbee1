import { formatDateRu } from '@/lib/domain/calendar';
import type { DayChange } from '@/lib/data/timetable/day';

export const KIND_LABELS = { SUBSTITUTION: 'Замена учителя', CANCELLED: 'Отмена урока', MOVED: 'Перенос урока', ROOM: 'Другой кабинет' } as const;

/** One line per change, as the day's table shows it. */
export function describeChange(c: DayChange): string {
  const what = c.kind === 'SUBSTITUTION' ? `Замена: ${c.substitute ?? 'учитель не указан'}`
    : c.kind === 'CANCELLED' ? 'Урок отменён'
    : c.kind === 'MOVED' ? `Перенесён${c.newDate ? ` на ${formatDateRu(c.newDate)}, ${c.newSlot}-й урок` : ''}`
    : `Кабинет ${c.room ?? ''}`;
  const room = c.kind !== 'ROOM' && c.room ? `, кабинет ${c.room}` : '';
  return `${what}${room}${c.reason ? ` — ${c.reason}` : ''}`;
}
