// Bulk writes in chunks, never a query per row. Small tables go through Prisma's createMany; the
// big ones (KTP, lessons, marks, attendance, homework, final marks, diary visits) through one
// `INSERT … SELECT * FROM unnest($1::int[], $2::text[], …)` per chunk: one array parameter per
// column, which PostgreSQL (and PGlite) take in about a fiftieth of the time Prisma needs to build
// and send a multi-row createMany. Triggers and foreign keys still check every row.
import type { PrismaClient } from '../../lib/prisma-client';

export type Progress = (done: number, total: number) => void;

const MAX_VALUES = 30_000;

function chunkSize(rows: readonly object[]): number {
  const columns = rows.length ? Object.keys(rows[0]).length : 1;
  return Math.max(100, Math.min(5000, Math.floor(MAX_VALUES / Math.max(1, columns))));
}

/** Writes rows with createMany in chunks; returns the number written. */
export async function insertAll<T extends object>(rows: readonly T[], write: (chunk: T[]) => Promise<{ count: number }>, progress?: Progress): Promise<number> {
  const size = chunkSize(rows);
  let done = 0;
  progress?.(0, rows.length);
  for (let i = 0; i < rows.length; i += size) {
    const { count } = await write(rows.slice(i, i + size));
    done += count;
    progress?.(Math.min(i + size, rows.length), rows.length);
  }
  return done;
}

/** Writes rows with createManyAndReturn in chunks; the result has the rows' order. */
export async function insertReturning<T extends object, R>(rows: readonly T[], write: (chunk: T[]) => Promise<R[]>, progress?: Progress): Promise<R[]> {
  const size = chunkSize(rows);
  const out: R[] = [];
  progress?.(0, rows.length);
  for (let i = 0; i < rows.length; i += size) {
    const chunk = rows.slice(i, i + size);
    const got = await write(chunk);
    if (got.length !== chunk.length) throw new Error(`bulk insert returned ${got.length} rows for ${chunk.length}`);
    out.push(...got);
    progress?.(Math.min(i + size, rows.length), rows.length);
  }
  return out;
}

/** Asserts that returned rows line up with what was sent (INSERT … RETURNING keeps the input order). */
export function assertAligned<T, R>(sent: readonly T[], got: readonly R[], same: (a: T, b: R) => boolean, what: string): void {
  if (sent.length !== got.length) throw new Error(`${what}: ${got.length} rows returned for ${sent.length}`);
  for (let i = 0; i < sent.length; i++) {
    if (!same(sent[i], got[i])) throw new Error(`${what}: returned rows are not in insertion order (row ${i})`);
  }
}

/** Column types as PostgreSQL array casts; enums are given by their quoted type name. */
export type ColumnType = 'int' | 'text' | 'float8' | 'bool' | 'timestamp' | 'date' | `"${string}"`;

/** [property of the row object, SQL column, type]. */
export type ColumnSpec = readonly [key: string, column: string, type: ColumnType];

const CAST: Record<string, string> = { int: 'int4[]', text: 'text[]', float8: 'float8[]', bool: 'bool[]', timestamp: 'timestamp(3)[]', date: 'date[]' };

function toSql(value: unknown, type: ColumnType): unknown {
  if (value === null || value === undefined) return null;
  if (type === 'timestamp') return (value as Date).toISOString();
  if (type === 'date') return value instanceof Date ? value.toISOString().slice(0, 10) : value;
  return value;
}

const ROWS_PER_STATEMENT = 5000;

/**
 * Inserts plain objects into `table` with one unnest statement per chunk. Every column in `spec`
 * is sent (a missing property as NULL); columns not in `spec` get their database defaults.
 * With `returning`, returns those columns of the new rows in input order.
 */
export async function copyRows<R = never>(
  prisma: PrismaClient,
  table: string,
  spec: readonly ColumnSpec[],
  rows: readonly object[],
  options: { progress?: Progress; returning?: string; parallel?: number } = {},
): Promise<R[]> {
  const casts = spec.map(([, , type], i) => `$${i + 1}::${CAST[type] ?? `${type}[]`}`).join(', ');
  const sql = `INSERT INTO "${table}" (${spec.map(([, c]) => `"${c}"`).join(', ')}) SELECT * FROM unnest(${casts})${options.returning ? ` RETURNING ${options.returning}` : ''}`;
  const out: R[] = [];
  const paramsOf = (i: number) => {
    const chunk = rows.slice(i, i + ROWS_PER_STATEMENT) as Record<string, unknown>[];
    return spec.map(([key, , type]) => chunk.map((row) => toSql(row[key], type)));
  };
  options.progress?.(0, rows.length);
  if (options.returning) {
    for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
      const got = await prisma.$queryRawUnsafe<R[]>(sql, ...paramsOf(i));
      const expected = Math.min(ROWS_PER_STATEMENT, rows.length - i);
      if (got.length !== expected) throw new Error(`${table}: ${got.length} rows returned for ${expected}`);
      out.push(...got);
      options.progress?.(i + expected, rows.length);
    }
    return out;
  }
  // Without RETURNING, up to `parallel` chunks may be in flight on separate pool connections.
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < rows.length) {
      const i = next;
      next += ROWS_PER_STATEMENT;
      await prisma.$executeRawUnsafe(sql, ...paramsOf(i));
      done += Math.min(ROWS_PER_STATEMENT, rows.length - i);
      options.progress?.(done, rows.length);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.parallel ?? 1) }, worker));
  return out;
}
