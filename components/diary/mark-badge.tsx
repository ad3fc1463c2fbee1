// A mark as a family reads it: the value large, with its work type and weight under it. Colour
// only repeats what the digit says, so nothing depends on seeing colours.
import { formatWeight } from '@/lib/domain/diary-format';
import './diary.css';

const TONES: Record<string, string> = {
  '5': 'bg-[#e4f3ea] text-[#1b6a3d] border-[#b7dcc5]',
  '4': 'bg-accent-soft text-accent border-[#c4d5e7]',
  '3': 'bg-[#fdf1dc] text-[#7a4a00] border-[#ecd3a6]',
  '2': 'bg-[#fbe6e3] text-danger border-[#efc0b9]',
  '1': 'bg-[#fbe6e3] text-danger border-[#efc0b9]',
};

/** Utility classes of a mark's colour, for the few places outside the week's lesson lines. */
export function markTone(value: string): string {
  return TONES[value] ?? 'bg-white text-ink border-line';
}

type Props = { value: string; workType: string; weight: number; compact?: boolean };

export function MarkBadge({ value, workType, weight, compact }: Props) {
  const caption = weight === 1 ? workType : `${workType}, вес ${formatWeight(weight)}`;
  return (
    <span className="dw-m" data-v={value} title={caption}>
      <b>
        <span className="sr-only">Отметка </span>
        {value}
      </b>
      {compact ? <span className="sr-only">{caption}</span> : <small>{caption}</small>}
    </span>
  );
}
