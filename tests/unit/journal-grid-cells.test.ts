import { describe, expect, it } from 'vitest';
import { cellKey, packCells, unpackCells, type CellState } from '../../lib/domain/journal-grid-cells';

const pupils = [101, 102, 103];
const lessons = [7, 8];

describe('the grid cells packed for the browser', () => {
  const cells: Record<string, CellState> = {
    [cellKey(101, 7)]: { marks: [{ position: 0, value: '5', workTypeId: 3, comment: null, version: 1 }], attendance: null },
    [cellKey(102, 8)]: {
      marks: [{ position: 0, value: '4', workTypeId: 3, comment: 'устно', version: 2 }, { position: 1, value: '3', workTypeId: 4, comment: null, version: 1 }],
      attendance: { code: 'ОП', comment: null, version: 1 },
    },
    [cellKey(103, 7)]: { marks: [], attendance: { code: 'Б', comment: 'справка', version: 3 } },
  };

  it('sends marks and codes as short rows by position, comments only when there are any', () => {
    expect(packCells(cells, pupils, lessons)).toEqual({
      marks: [[0, 0, 0, '5', 3, 1], [1, 1, 0, '4', 3, 2, 'устно'], [1, 1, 1, '3', 4, 1]],
      attendance: [[1, 1, 'ОП', 1], [2, 0, 'Б', 3, 'справка']],
    });
  });

  it('unpacks to the same cells; empty cells stay absent', () => {
    const back = unpackCells(packCells(cells, pupils, lessons), pupils, lessons);
    expect(back).toEqual(cells);
    expect(back[cellKey(101, 8)]).toBeUndefined();
  });

  it('leaves out cells of pupils and lessons the grid does not show', () => {
    const stray = { ...cells, [cellKey(999, 7)]: { marks: [{ position: 0, value: '2', workTypeId: 3, comment: null, version: 1 }], attendance: null } };
    expect(packCells(stray, pupils, lessons).marks).toHaveLength(3);
  });
});
