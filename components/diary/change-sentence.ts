// A timetable change in one Russian sentence for the schedule page.
import { formatDayMonthRu } from '@/lib/domain/calendar';
import type { ChangeKindName } from '@/lib/domain/diary-day';

type Change = { kind: ChangeKindName; substitute: string | null; newDate: string | null; newSlot: number | null; room: string | null; reason: string | null };

export function changeSentence(c: Change): string {
  const why = c.reason ? ` (${c.reason})` : '';
  switch (c.kind) {
    case 'SUBSTITUTION':
      return `замена, урок ведёт ${c.substitute ?? 'другой учитель'}${c.room ? `, каб. ${c.room}` : ''}${why}`;
    case 'CANCELLED':
      return `урок отменён${why}`;
    case 'MOVED':
      return c.newDate ? `перенесён на ${formatDayMonthRu(c.newDate)}${c.newSlot ? `, ${c.newSlot}-й урок` : ''}${why}` : `урок перенесён${why}`;
    case 'ROOM':
      return `другой кабинет${c.room ? `: ${c.room}` : ''}${why}`;
  }
}
