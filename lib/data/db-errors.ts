// Recognising the database's errors that a data function turns into a user's message instead of
// letting them through. One place, so every caller recognises them the same way.

/** Prisma's unique-constraint error, through the pg driver adapter or not. */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: unknown; meta?: { driverAdapterError?: { cause?: { originalCode?: unknown; kind?: unknown } } } };
  const cause = e?.meta?.driverAdapterError?.cause;
  return e?.code === 'P2002' || cause?.originalCode === '23505' || cause?.kind === 'UniqueConstraintViolation';
}
