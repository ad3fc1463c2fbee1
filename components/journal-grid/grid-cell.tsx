'use client';
// One cell of the grid: attendance code and marks, or what is being typed, with its save state.
// Kept lean (CSS-module classes, a label only when there is a state to announce): a quarter's
// journal renders a thousand of these.
import { memo } from 'react';
import styles from './grid.module.css';
import type { CellStatus, GridCell } from './types';

type Props = {
  row: number;
  col: number;
  cell: GridCell | undefined;
  status: CellStatus | undefined;
  focused: boolean;
  editing: string | null;
  enrolled: boolean;
  writable: boolean;
  test: boolean;
};

const STATE_LABEL: Record<CellStatus['state'], string> = { saving: 'сохраняется', saved: 'сохранено', error: 'ошибка', conflict: 'конфликт' };

function GridCellView({ row, col, cell, status, focused, editing, enrolled, writable, test }: Props) {
  const marks = cell?.marks.map((m) => m.value).join('/') ?? '';
  const code = cell?.attendance?.code ?? '';
  const shown = editing ?? (status?.typed && status.state !== 'saved' ? status.typed : null);
  const comment = cell?.marks.some((m) => m.comment) || cell?.attendance?.comment;
  const cls = [styles.cell, !enrolled ? styles.out : test ? styles.test : '', status ? styles[status.state] : '', focused ? styles.focused : ''].filter(Boolean).join(' ');
  // The row and column headers name the cell; a label is added only to announce a save state.
  const label = status ? [shown ?? `${code} ${marks}`.trim(), STATE_LABEL[status.state], status.message].filter(Boolean).join(', ') : undefined;
  return (
    <td role="gridcell" data-row={row} data-col={col} tabIndex={focused ? 0 : -1} aria-label={label} aria-readonly={!writable || !enrolled || undefined}
      aria-selected={focused || undefined} title={status?.message ?? (enrolled ? undefined : 'Ученик не в классе на эту дату')} className={cls}>
      {shown !== null && shown !== undefined ? (
        <span className={editing !== null ? styles.typing : styles.mark}>{shown || '\u00a0'}</span>
      ) : (
        <>
          {code && <span className={code === 'ОП' ? `${styles.code} ${styles.late}` : styles.code}>{code}</span>}
          {marks && <span className={styles.mark}>{marks}</span>}
        </>
      )}
      {comment && <span aria-hidden className={styles.dot} />}
      {status?.state === 'saving' && <span aria-hidden className={styles.pulse} />}
    </td>
  );
}

export const GridCellMemo = memo(GridCellView);
