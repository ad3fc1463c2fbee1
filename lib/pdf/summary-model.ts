// What the summary sheet (сводная ведомость, seed 000 §5) shows: pupils × subjects with their
// final marks, special values and deferrals, and each subject's class statistics. Shared by the
// screen, the PDF and the tests; no database types here.
import type { ClassStatistics, FinalResult } from '../domain/statistics';

export type SummaryCell =
  | { kind: 'value'; text: string; draft: boolean }
  | { kind: 'special'; text: 'н/а' | 'осв.' | 'зач.'; draft: boolean }
  | { kind: 'deferred'; until: string; draft: boolean }
  /** Studies the subject, no final mark yet. */
  | { kind: 'none' }
  /** Does not study the subject (another group's course): left out of its statistics. */
  | { kind: 'not-studied' };

export type SummarySubject = {
  subjectId: number;
  name: string;
  /** Statistics need the five-point scale; other scales show none. */
  fivePoint: boolean;
  statistics: ClassStatistics | null;
};

export type SummaryPupil = { id: number; name: string; note: string | null; cells: SummaryCell[] };

export type SummaryPeriod = { id: number; name: string; kind: 'TERM' | 'YEAR'; startDate: string; endDate: string };

export type SummarySheet = {
  schoolName: string;
  classId: number;
  className: string;
  classTeacherName: string | null;
  yearLabel: string;
  period: SummaryPeriod;
  /** Every period of the class's scheme and the year, for the selector. */
  periods: SummaryPeriod[];
  subjects: SummarySubject[];
  pupils: SummaryPupil[];
  generatedOn: string;
};

/** A cell as lib/domain/statistics.ts counts it; undefined when the pupil is not counted at all. */
export function cellResult(cell: SummaryCell): FinalResult | undefined {
  switch (cell.kind) {
    case 'value':
      return { value: Number(cell.text) };
    case 'special':
      return { special: cell.text === 'н/а' ? 'НА' : cell.text === 'осв.' ? 'ОСВ' : 'ЗАЧ' };
    case 'not-studied':
      return undefined;
    default:
      // A deferral is a pupil without a mark yet.
      return null;
  }
}

/** Short text of a cell for print: '5', 'н/а', 'отср.'. */
export function cellText(cell: SummaryCell): string {
  if (cell.kind === 'value' || cell.kind === 'special') return cell.text;
  if (cell.kind === 'deferred') return 'отср.';
  return '';
}

export const STATISTICS_NOTE =
  'Статистика считается по ученикам. N — ученики класса (группы) без освобождённых (осв.) и без тех, у кого нет итоговой отметки или она отсрочена; «н/а» входит в N. ' +
  'Успеваемость = («5» + «4» + «3» + зач.) / N; качество знаний = («5» + «4») / N; СОУ = (100·«5» + 64·«4» + 36·«3» + 16·«2» + 7·н/а) / (N − зач.); средний балл — по числовым отметкам. ' +
  'Неопубликованные отметки (черновики) отмечены звёздочкой и входят в статистику.';
