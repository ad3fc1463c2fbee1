// A mark as a family reads it: the value large, with its work type and weight under it. Colour
// only repeats what the digit says, so nothing depends on seeing colours. It follows the mark's
// level on its own scale (markLevel): a ten-point «5» is satisfactory, not an excellent mark.
import { formatWeight } from '@/lib/domain/diary-format';
import { markLevel, type GradingScaleKind, type MarkLevel } from '@/lib/domain/grading';
import './diary.css';

const TONES: Record<MarkLevel, string> = {
  excellent: 'bg-[#e4f3ea] text-[#1b6a3d] border-[#b7dcc5]',
  good: 'bg-accent-soft text-accent border-[#c4d5e7]',
  satisfactory: 'bg-[#fdf1dc] text-[#7a4a00] border-[#ecd3a6]',
  unsatisfactory: 'bg-[#fbe6e3] text-danger border-[#efc0b9]',
};

/** Utility classes of a mark's colour, for the few places outside the week's lesson lines. */
export function markTone(scale: GradingScaleKind, value: string): string {
  const level = markLevel(scale, value);
  return level ? TONES[level] : 'bg-white text-ink border-line';
}

/** `scale`: the course's grading scale; null (course unknown) leaves the mark uncoloured. */
type Props = { value: string; scale: GradingScaleKind | null; workType: string; weight: number; compact?: boolean };

export function MarkBadge({ value, scale, workType, weight, compact }: Props) {
  const caption = weight === 1 ? workType : `${workType}, вес ${formatWeight(weight)}`;
  return (
    <span className="dw-m" data-level={(scale && markLevel(scale, value)) ?? undefined} title={caption}>
      <b>
        <span className="sr-only">Отметка </span>
        {value}
      </b>
      {compact ? <span className="sr-only">{caption}</span> : <small>{caption}</small>}
    </span>
  );
}
