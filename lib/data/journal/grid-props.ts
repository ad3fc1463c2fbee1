// What the journal page hands to the browser's grid: only what the grid shows or saves with.
// Everything here is serialized into the page (React's flight payload), so fields the grid does
// not read (slots, period dates, per-pupil figures it recomputes, mark ids) stay on the server,
// false flags and null topics are left out, and the cells travel packed (journal-grid-cells.ts).
import type { GradingScaleKind } from '../../domain/grading';
import type { DateRange } from '../../domain/journal-grid';
import { packCells, type PackedCells } from '../../domain/journal-grid-cells';
import type { RoundingPolicy } from '../../domain/rounding';
import type { JournalGrid } from './grid';
import { FINAL_SPECIAL_LABELS } from './final-marks';

export type GridLessonProps = { id: number; date: string; kind: string; topic?: string; writable: boolean; plannedTest?: true; isSubstitution?: true; notHeld?: true };
/**
 * `final` is the final mark as the grid shows it («5», «н/а», «отср.»), `draft` while unpublished;
 * `prior`, the pupil's marks of the subject in the class they left for this one during the period
 * (prior-marks.ts), which the grid's figures count with the pupil's own.
 */
export type GridPupilProps = { id: number; name: string; ranges: DateRange[]; final?: string; draft?: true; prior?: GridPriorMarks };
export type GridPriorMarks = { className: string; marks: { value: string; workTypeId: number }[] }[];

export type JournalGridProps = {
  title: string;
  scale: { kind: GradingScaleKind; values: string[] };
  period: { id: number; name: string; endDate: string; open: boolean };
  lessons: GridLessonProps[];
  pupils: GridPupilProps[];
  cells: PackedCells;
  /** Work types a mark may be given with (not archived). */
  workTypes: { id: number; name: string; weight: number }[];
  /** The school's rounding policy and every work type's weight (archived ones too: old marks keep theirs), for figures recomputed in the browser. */
  policy: RoundingPolicy;
  weights: Record<number, number>;
};

function finalShown(f: NonNullable<JournalGrid['pupils'][number]['final']>): string {
  return f.value ?? (f.special ? FINAL_SPECIAL_LABELS[f.special as keyof typeof FINAL_SPECIAL_LABELS] ?? '' : f.deferredUntil ? 'отср.' : '');
}

export function journalGridProps(grid: JournalGrid): JournalGridProps {
  const lessons = grid.lessons.map((l): GridLessonProps => {
    const lesson: GridLessonProps = { id: l.id, date: l.date, kind: l.kind, writable: l.writable };
    if (l.topic) lesson.topic = l.topic;
    if (l.plannedTest) lesson.plannedTest = true;
    if (l.isSubstitution) lesson.isSubstitution = true;
    if (l.notHeld) lesson.notHeld = true;
    return lesson;
  });
  const pupils = grid.pupils.map((p): GridPupilProps => {
    const pupil: GridPupilProps = { id: p.id, name: p.name, ranges: p.ranges };
    if (p.final) pupil.final = finalShown(p.final);
    if (p.final?.status === 'DRAFT') pupil.draft = true;
    if (p.prior.length) pupil.prior = p.prior.map((g) => ({ className: g.className, marks: g.marks.map(({ value, workTypeId }) => ({ value, workTypeId })) }));
    return pupil;
  });
  return {
    title: grid.course.title,
    scale: grid.course.scale,
    period: { id: grid.period.id, name: grid.period.name, endDate: grid.period.endDate, open: grid.period.status === 'OPEN' },
    lessons,
    pupils,
    cells: packCells(grid.cells, grid.pupils.map((p) => p.id), grid.lessons.map((l) => l.id)),
    workTypes: grid.workTypes.map(({ id, name, weight }) => ({ id, name, weight })),
    policy: grid.policy,
    weights: grid.weights,
  };
}
