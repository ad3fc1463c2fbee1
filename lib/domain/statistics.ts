// Class results by final marks (DOMAIN.md «Formulas»), counted per pupil on the five-point scale.

import { roundTo } from './russian';

/** Special final values: н/а (not attested), осв. (exempt), зач. (pass). */
export type SpecialFinalValue = 'НА' | 'ОСВ' | 'ЗАЧ';

/** One pupil's final result in a subject and period; null = no final mark yet. */
export type FinalResult = { value: number } | { special: SpecialFinalValue } | null;

export type ClassStatistics = {
  /** Pupils in the list. */
  pupils: number;
  nExempt: number;
  nNoMark: number;
  nPass: number;
  /** N = pupils − exempt − pupils with no mark; н/а stays in N. */
  N: number;
  n5: number;
  n4: number;
  /** Pupils with «3». */
  n3: number;
  /** Pupils with «2» (a «1» is counted here too: both are unsatisfactory). */
  n2: number;
  nNA: number;
  /** Успеваемость, % (one decimal); null when N = 0. */
  successRate: number | null;
  /** Качество знаний, %; null when N = 0. */
  qualityRate: number | null;
  /** Степень обученности (СОУ), %; null when there is no pupil it can be computed for. */
  sou: number | null;
  /** Средний балл of numeric final marks (two decimals); null when there are none. */
  averageMark: number | null;
};

const percent = (part: number, whole: number): number | null => (whole === 0 ? null : roundTo((part / whole) * 100, 1));

/**
 * How «зач.» counts (the formulas in the regulations do not mention it, so this is our decision):
 *  - it is a pass, so the pupil is in N and in the numerator of успеваемость;
 *  - it says nothing about the level, so it is not in качество знаний («4» and «5» only);
 *  - СОУ weighs levels, and зач. has none: СОУ is computed over the pupils with a level
 *    (marks and н/а, i.e. N − зач.) instead of counting зач. as 0 %, which would
 *    understate the class.
 *  - средний балл averages numeric marks only.
 */
export function classStatistics(results: readonly FinalResult[]): ClassStatistics {
  let n5 = 0, n4 = 0, n3 = 0, n2 = 0, nNA = 0, nExempt = 0, nPass = 0, nNoMark = 0;
  let markSum = 0;
  for (const r of results) {
    if (r === null) {
      nNoMark++;
    } else if ('special' in r) {
      if (r.special === 'НА') nNA++;
      else if (r.special === 'ОСВ') nExempt++;
      else nPass++;
    } else {
      const v = r.value;
      if (!Number.isInteger(v) || v < 1 || v > 5) {
        throw new RangeError(`Final mark must be an integer from 1 to 5, got ${v}`);
      }
      markSum += v;
      if (v === 5) n5++;
      else if (v === 4) n4++;
      else if (v === 3) n3++;
      else n2++;
    }
  }
  const marked = n5 + n4 + n3 + n2;
  const N = marked + nNA + nPass;
  const levelled = N - nPass;
  return {
    pupils: results.length,
    nExempt,
    nNoMark,
    nPass,
    N,
    n5,
    n4,
    n3,
    n2,
    nNA,
    successRate: percent(n5 + n4 + n3 + nPass, N),
    qualityRate: percent(n5 + n4, N),
    sou:
      N === 0 || levelled === 0
        ? null
        : roundTo((100 * n5 + 64 * n4 + 36 * n3 + 16 * n2 + 7 * nNA) / levelled, 1),
    averageMark: marked === 0 ? null : roundTo(markSum / marked, 2),
  };
}
