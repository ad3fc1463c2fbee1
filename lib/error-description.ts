// How an error is written to the log: its type, database code and where it was thrown, never its
// message (a database error's message may quote a pupil's data or what a user typed).

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
