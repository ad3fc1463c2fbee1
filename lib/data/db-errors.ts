// Recognising the database's errors that a data function turns into a user's message instead of
// letting them through. One place, so every caller recognises them the same way.

/** Prisma's unique-constraint error, through the pg driver adapter or not. */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: unknown; meta?: { driverAdapterError?: { cause?: { originalCode?: unknown; kind?: unknown } } } };
  const cause = e?.meta?.driverAdapterError?.cause;
  return e?.code === 'P2002' || cause?.originalCode === '23505' || cause?.kind === 'UniqueConstraintViolation';
}

/**
 * The enrollments' no-overlap trigger (check_enrollment_overlap, SQLSTATE 23P01, raised by a
 * plpgsql function, so it reaches Prisma as a raw database error whose text carries the state).
 */
export function isEnrollmentOverlap(error: unknown): boolean {
  const e = error as { code?: unknown; message?: unknown; meta?: { code?: unknown; message?: unknown; driverAdapterError?: { cause?: { originalCode?: unknown; originalMessage?: unknown } } } };
  const cause = e?.meta?.driverAdapterError?.cause;
  const text = [e?.message, e?.meta?.message, cause?.originalMessage].map((m) => (typeof m === 'string' ? m : '')).join(' ');
  return cause?.originalCode === '23P01' || e?.meta?.code === '23P01' || /enrollments of pupil \d+ overlap/.test(text);
}
