// Server actions answer, they do not throw: an error thrown to the browser shows the error page
// and loses the form. Expected refusals are already values (lib/data/journal/result.ts); this
// turns the unexpected ones (a database failure, a lock timeout at quarter end) into the action's
// usual error answer, and logs them. Next's control-flow errors (redirect(), notFound(), …) pass
// through untouched.
import 'server-only';
import { unstable_rethrow } from 'next/navigation';

export const UNEXPECTED_ERROR = 'Не удалось сохранить. Повторите попытку.';

/**
 * The error's type, database code and where it was thrown, without its message: messages (a
 * database error's above all) may quote the submitted data, and the log is to hold none.
 */
export function describeError(error: unknown): string {
  if (!(error instanceof Error)) return typeof error;
  const e = error as { code?: unknown; meta?: { driverAdapterError?: { cause?: { originalCode?: unknown; kind?: unknown } } } };
  const cause = e.meta?.driverAdapterError?.cause;
  const codes = [e.code, cause?.originalCode, cause?.kind].filter((c) => typeof c === 'string' || typeof c === 'number');
  const frames = (error.stack ?? '').split('\n').filter((line) => /^\s+at /.test(line));
  return [`${error.name}${codes.length ? ` (${codes.join(', ')})` : ''}`, ...frames.slice(0, 5)].join('\n');
}

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
