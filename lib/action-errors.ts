// Server actions answer, they do not throw: an error thrown to the browser shows the error page
// and loses the form. Expected refusals are already values (lib/data/journal/result.ts); this
// turns the unexpected ones (a database failure, a lock timeout at quarter end) into the action's
// usual error answer, and logs them. Next's control-flow errors (redirect(), notFound(), …) pass
// through untouched.
import 'server-only';
import { unstable_rethrow } from 'next/navigation';
import { describeError } from './error-description';

export const UNEXPECTED_ERROR = 'Не удалось сохранить. Повторите попытку.';
/** A form sent after the session ended (idle hour, sign-out in another tab). */
export const SESSION_ENDED = 'Сеанс истёк. Войдите снова.';

/**
 * Runs a server action's body; an unexpected error is logged under the action's name and
 * answered with `failed(message)`, the action's usual error shape.
 */
export async function answerErrors<T>(action: string, failed: (message: string) => T, run: () => Promise<NoInfer<T>>, message: string = UNEXPECTED_ERROR): Promise<T> {
  try {
    return await run();
  } catch (error) {
    unstable_rethrow(error);
    console.error(`[действие] ${action} не выполнено: ${describeError(error)}`);
    return failed(message);
  }
}

/**
 * What a form held, as typed: `names` one value each, `lists` every value. React empties a form
 * after its action, so an error answer carries these back for the form to show again.
 */
export function typedValues<N extends string, L extends string = never>(form: FormData, names: readonly N[], lists: readonly L[] = []): Record<N, string> & Record<L, string[]> {
  const values: Record<string, string | string[]> = {};
  for (const name of names) values[name] = String(form.get(name) ?? '');
  for (const name of lists) values[name] = form.getAll(name).map(String);
  return values as Record<N, string> & Record<L, string[]>;
}

/**
 * What a form of checkboxes showed when it was opened, from its hidden field `shown` (values
 * joined by commas): the data layer refuses the save if the record changed since, so two people
 * editing one record do not silently undo each other's change.
 */
export const shownList = (form: FormData): string[] => String(form.get('shown') ?? '').split(',').filter(Boolean);
