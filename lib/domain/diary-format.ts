// Russian wording the diary shows for database values: lesson kinds, exam kinds, special final
// values, teachers' short names, bell times and week ranges. Pure, so the paper extract and the
// pages print the same words.
import { MONTH_NAMES_GENITIVE_RU } from './calendar';
import { formatDecimalRu, pluralRu } from './russian';
import { toSchoolDate, toSchoolTime, wallClockAt } from './timezone';

export type LessonKindName = 'LESSON' | 'TEST' | 'QUIZ' | 'LAB' | 'PRACTICAL' | 'DICTATION' | 'EXCURSION';
export type ExamKindName = 'OGE' | 'EGE' | 'GVE';
export type FinalSpecialName = 'NOT_ATTESTED' | 'EXEMPT' | 'PASSED';

/** The notice on a plain lesson at which the teacher has announced a test: the diary, the extract and the digest. */
export const PLANNED_TEST = 'Запланирована контрольная работа';

export const LESSON_KIND_LABELS: Record<LessonKindName, string> = {
  LESSON: 'Урок',
  TEST: 'Контрольная работа',
  QUIZ: 'Проверочная работа',
  LAB: 'Лабораторная работа',
  PRACTICAL: 'Практическая работа',
  DICTATION: 'Диктант',
  EXCURSION: 'Экскурсия',
};

/** Kinds that belong in the schedule of tests (график контрольных работ). */
export const TEST_LESSON_KINDS: readonly LessonKindName[] = ['TEST', 'QUIZ', 'DICTATION'];

export const EXAM_KIND_LABELS: Record<ExamKindName, string> = { OGE: 'ОГЭ', EGE: 'ЕГЭ', GVE: 'ГВЭ' };

export const FINAL_SPECIAL_LABELS: Record<FinalSpecialName, string> = {
  NOT_ATTESTED: 'н/а',
  EXEMPT: 'осв.',
  PASSED: 'зач.',
};

/** What the abbreviations mean, for a legend under the results table. */
export const FINAL_SPECIAL_MEANINGS: Record<FinalSpecialName, string> = {
  NOT_ATTESTED: 'не аттестован',
  EXEMPT: 'освобождён',
  PASSED: 'зачтено',
};

type PersonName = { lastName: string; firstName: string; middleName?: string | null };

/** «Петрова А. И.»: how a diary names a teacher in a narrow column. */
export function shortPersonName(p: PersonName): string {
  const initials = [p.firstName, p.middleName].filter(Boolean).map((n) => `${n![0]}.`).join(' ');
  return initials ? `${p.lastName} ${initials}` : p.lastName;
}

/** «Анна Ивановна Петрова»: how a family addresses a teacher. */
export function politePersonName(p: PersonName): string {
  return [p.firstName, p.middleName, p.lastName].filter(Boolean).join(' ');
}

/** An exam score with its noun: «1 балл», «72 балла», «85 баллов». */
export function formatScoreRu(score: number): string {
  return `${score} ${pluralRu(score, 'балл', 'балла', 'баллов')}`;
}

/**
 * When families see results after their publication (the school's setting, in hours):
 * «сразу», «через 12 часов», «через сутки», «через 72 часа». Longer delays stay in hours:
 * «сутки» takes collective numerals («через трое суток», «через 21 сутки»), which read oddly.
 */
export function resultsDelayRu(hours: number): string {
  if (hours <= 0) return 'сразу';
  if (hours === 24) return 'через сутки';
  return `через ${hours} ${pluralRu(hours, 'час', 'часа', 'часов')}`;
}

/** A work type's weight without trailing zeros: 1 → '1', 1.5 → '1,5'. */
export function formatWeight(weight: number): string {
  return Number.isInteger(weight) ? String(weight) : formatDecimalRu(weight, 2).replace(/,?0+$/, '');
}

/**
 * A week's span as a heading: «23–28 ноября 2026», «30 ноября – 5 декабря 2026»,
 * «29 декабря 2026 – 3 января 2027».
 */
export function formatRangeRu(first: string, last: string): string {
  const [y1, m1, d1] = first.split('-').map(Number);
  const [y2, m2, d2] = last.split('-').map(Number);
  const month = (m: number) => MONTH_NAMES_GENITIVE_RU[m - 1];
  if (y1 !== y2) return `${d1} ${month(m1)} ${y1} – ${d2} ${month(m2)} ${y2}`;
  if (m1 !== m2) return `${d1} ${month(m1)} – ${d2} ${month(m2)} ${y2}`;
  return `${d1}–${d2} ${month(m2)} ${y2}`;
}

/** An instant on the school's clock: «24.11.2026, 19:40», with seconds «24.11.2026, 19:40:05». */
export function formatInstantRu(instant: Date | string, timeZone: string, precision: 'minutes' | 'seconds' = 'minutes'): string {
  const at = typeof instant === 'string' ? new Date(instant) : instant;
  const [y, m, d] = toSchoolDate(at, timeZone).split('-');
  const time = toSchoolTime(at, timeZone);
  return `${d}.${m}.${y}, ${precision === 'seconds' ? `${time}:${String(wallClockAt(at, timeZone).second).padStart(2, '0')}` : time}`;
}

/**
 * A course's group as shown next to its subject: «Английский язык, 2 группа» under «Английский
 * язык» reads «2 группа»; a group named otherwise keeps its name.
 */
export function groupLabel(subject: string, group: string | null): string | null {
  if (!group) return null;
  const prefix = `${subject.toLowerCase()}, `;
  return group.toLowerCase().startsWith(prefix) ? group.slice(prefix.length) : group;
}

// One collator for every Russian sort: localeCompare(…, 'ru') builds a new one on each call,
// which costs more than the rest of a diary page's arithmetic.
const ruCollator = new Intl.Collator('ru');

/** Russian alphabetical order (ё next to е), for sort(). */
export function compareRu(a: string, b: string): number {
  return ruCollator.compare(a, b);
}
