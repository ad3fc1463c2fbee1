// The grid's save queue against a stand-in for the server action whose answers the test gives one
// by one, so the order of events of a busy evening can be replayed exactly.
import { describe, expect, it } from 'vitest';
import { CellSaveQueue, type SaverState } from '../../components/journal-grid/cell-save-queue';
import type { CellSaveInput, CellSaveResult } from '../../components/journal-grid/types';

type Pending = { input: CellSaveInput; answer: (r: CellSaveResult) => void };

function server() {
  const calls: Pending[] = [];
  const saveCell = (input: CellSaveInput) => new Promise<CellSaveResult>((answer) => calls.push({ input, answer }));
  return { calls, saveCell };
}

const tick = () => new Promise((r) => setTimeout(r, 0));
const mark = (value: string, version: number) => ({ id: 1, position: 0, value, workTypeId: 1, comment: null, version });

function queue() {
  const s = server();
  let state: SaverState = { cells: {}, status: {} };
  const q = new CellSaveQueue({ '7:3': { marks: [mark('4', 2)], attendance: null } }, s.saveCell, (next) => (state = next), 10);
  return { ...s, q, state: () => state };
}

describe('the cell save queue', () => {
  it('sends a second quick edit with the version the first produced', async () => {
    const { calls, q } = queue();
    void q.change(7, 3, { kind: 'mark', position: 0, value: '5' }, '5');
    void q.change(7, 3, { kind: 'mark', position: 0, value: '3' }, '3');
    await tick();
    expect(calls).toHaveLength(1);
    expect(calls[0].input).toMatchObject({ value: '5', expectedVersion: 2 });
    calls[0].answer({ ok: true, target: 'mark', position: 0, mark: mark('5', 3) });
    await tick();
    expect(calls[1].input).toMatchObject({ value: '3', expectedVersion: 3 });
    calls[1].answer({ ok: true, target: 'mark', position: 0, mark: mark('3', 4) });
    await q.idle();
    q.dispose();
  });

  it("does not send an edit queued behind a save that met a colleague's value: it becomes a conflict the teacher sees", async () => {
    const { calls, q, state } = queue();
    void q.change(7, 3, { kind: 'mark', position: 0, value: '5' }, '5');
    void q.change(7, 3, { kind: 'mark', position: 0, value: '2' }, '2');
    await tick();
    // Meanwhile a colleague put 3 there (version 9).
    calls[0].answer({ ok: false, conflict: { target: 'mark', value: '3', version: 9, updatedBy: 'Петрова А. И.', updatedAt: null } });
    await q.idle();
    expect(calls).toHaveLength(1); // the queued 2 was not sent over the colleague's 3
    expect(state().cells['7:3'].marks[0]).toMatchObject({ value: '3', version: 9 });
    expect(state().status['7:3']).toMatchObject({ state: 'conflict', typed: '2', retry: { value: '2', expectedVersion: 9 } });
    expect(state().status['7:3'].message).toContain('Петрова А. И.: сейчас «3»');

    // Enter writes it over, knowingly.
    expect(q.retry(7, 3)).toBe(true);
    await tick();
    expect(calls[1].input).toMatchObject({ value: '2', expectedVersion: 9 });
    calls[1].answer({ ok: true, target: 'mark', position: 0, mark: mark('2', 10) });
    await q.idle();
    q.dispose();
  });

  it("keeps a failed attendance save on show when the mark's save succeeds after it", async () => {
    const { calls, q, state } = queue();
    void q.change(7, 3, { kind: 'attendance', code: 'Н' }, 'Н');
    await tick();
    calls[0].answer({ ok: false, error: 'Нет связи с сервером.' });
    await tick();
    void q.change(7, 3, { kind: 'mark', position: 0, value: '5' }, '5');
    await tick();
    calls[1].answer({ ok: true, target: 'mark', position: 0, mark: mark('5', 3) });
    await q.idle();
    expect(state().status['7:3']).toMatchObject({ state: 'error', typed: 'Н', retry: { code: 'Н' } });
    // Enter still retries the absence, with its own request.
    expect(q.retry(7, 3)).toBe(true);
    await tick();
    expect(calls[2].input).toEqual(calls[0].input);
    q.dispose();
  });
});
