// The regulations' entry deadlines (seed 002 §3.4–3.6) in words, with the school's own settings:
// shown above the teacher's and management's lists of overdue entries.
import { pluralRu } from '@/lib/domain/russian';

type Props = { homeworkGraceMinutes: number; markEntryDays: number; className?: string };

/** «2 часов», «90 минут» (after «не позже»). */
function graceText(minutes: number): string {
  if (minutes % 60 === 0) return `${minutes / 60} ${pluralRu(minutes / 60, 'часа', 'часов', 'часов')}`;
  return `${minutes} ${pluralRu(minutes, 'минуты', 'минут', 'минут')}`;
}

export function DeadlineRules({ homeworkGraceMinutes, markEntryDays, className }: Props) {
  return (
    <p className={`text-sm text-muted ${className ?? ''}`}>
      По положению об ЭЖ: тема и отсутствующие — в день урока; домашнее задание (или отметка «не задано») — в день урока, не позже{' '}
      {graceText(homeworkGraceMinutes)} после последнего урока учителя; отметки за работу — в течение {markEntryDays}{' '}
      {pluralRu(markEntryDays, 'дня', 'дней', 'дней')} после урока. Урок по расписанию, не открытый в журнале, со следующего дня
      считается незаполненным.
    </p>
  );
}
