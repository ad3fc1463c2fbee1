'use server';
// Server actions of the journal grid. Each identifies the user itself (an action is a public POST
// endpoint), validates with zod and returns typed results; nothing is thrown to the browser.
import { z } from 'zod';
import { answerErrors, SESSION_ENDED } from '@/lib/action-errors';
import { getCurrentUser } from '@/lib/auth/current-user';
import { jsonId } from '@/lib/ids';
import { cellSaveSchema, type CellSaveInput, type CellSaveResult } from '@/lib/data/journal/cell-schema';
import { cellHistory, type HistoryEntry } from '@/lib/data/journal/history';
import { MESSAGES } from '@/lib/data/journal/result';
import { saveCell } from '@/lib/data/journal/save-cell';

export async function saveCellAction(input: CellSaveInput): Promise<CellSaveResult> {
  // Identifying the user reads the database too: a failure there is answered like any other.
  return answerErrors('saveCellAction', (error): CellSaveResult => ({ ok: false, error }), async () => {
    const actor = await getCurrentUser();
    if (!actor) return { ok: false, error: 'Сеанс истёк. Войдите снова — введённое значение останется в ячейке.' };
    const parsed = cellSaveSchema.safeParse(input);
    if (!parsed.success) return { ok: false, error: parsed.error.issues[0].message, field: String(parsed.error.issues[0].path[0] ?? 'value') };
    // No revalidatePath: the grid already shows the saved value, and re-rendering the page for
    // every keystroke would multiply the server's work at quarter end.
    return saveCell(actor, parsed.data);
  }, MESSAGES.unexpected);
}

const ids = z.object({ lessonId: jsonId('Неверная ячейка'), studentId: jsonId('Неверная ячейка') });

export async function cellHistoryAction(lessonId: number, studentId: number): Promise<HistoryEntry[] | { error: string }> {
  return answerErrors('cellHistoryAction', (error): HistoryEntry[] | { error: string } => ({ error }), async () => {
    const actor = await getCurrentUser();
    if (!actor) return { error: SESSION_ENDED };
    const parsed = ids.safeParse({ lessonId, studentId });
    if (!parsed.success) return { error: 'Неверная ячейка' };
    return (await cellHistory(actor, parsed.data.lessonId, parsed.data.studentId)) ?? { error: 'Нет доступа к этому журналу' };
  }, 'Не удалось загрузить историю. Повторите попытку.');
}
