// Hot-path SQL: statements that run on every diary or journal page go straight to the pool under
// the Prisma client, as named (prepared) statements, with values always passed as parameters.
//
//   const rows = await sqlRows<{ id: number }>`SELECT id FROM users WHERE school_id = ${schoolId}`;
//
// Why not $queryRaw: measured here, Prisma's raw path costs ~2 ms of CPU per call against ~0.4 ms
// for the same statement through pg, and a page runs several. Results are converted as $queryRaw
// converts them (timestamps and dates as UTC Dates, bigint as BigInt, json parsed), so a query
// can move between the two without its callers noticing. A client not made by createPrismaClient
// (a benchmark counting Prisma's statements, say) gets the same SQL through $queryRawUnsafe.
import 'server-only';
import pg from 'pg';
import { getDb } from './db';
import { poolOf, statementName, type PrismaClient } from './prisma-client';

const PARSERS: Record<number, (value: string) => unknown> = {
  1114: (v) => new Date(`${v.replace(' ', 'T')}Z`), // timestamp without time zone: stored as UTC
  1082: (v) => new Date(`${v}T00:00:00Z`), // date
  20: (v) => BigInt(v), // int8
};
const TYPES = { getTypeParser: (oid: number, format?: string) => PARSERS[oid] ?? pg.types.getTypeParser(oid, format as 'text') };

/** Dates go out as UTC, as Prisma sends them (pg would write the process's local time). */
const utcDates = (value: unknown) => (value instanceof Date ? value.toISOString() : value);

const texts = new WeakMap<TemplateStringsArray, string>();

/** `SELECT … ${a} … ${b}` → `SELECT … $1 … $2`, built once per call site. */
function textOf(strings: TemplateStringsArray): string {
  let text = texts.get(strings);
  if (text === undefined) {
    text = strings.reduce((sql, part, i) => `${sql}$${i}${part}`);
    texts.set(strings, text);
  }
  return text;
}

/** The helpers below on a given client (loadActor takes its client as an argument). */
export function sqlOn(db: PrismaClient) {
  const target = poolOf(db);
  // `text` is always a call site's template with $n placeholders, never built from values.
  const run = (text: string, values: unknown[]) =>
    target!.pool.query({ name: target!.prepared ? statementName(text) : undefined, text, values: values.map(utcDates), types: TYPES } as pg.QueryConfig);
  return {
    /** Rows of a SELECT (or of a statement with RETURNING). */
    async rows<T>(strings: TemplateStringsArray, ...values: unknown[]): Promise<T[]> {
      const text = textOf(strings);
      if (!target) return db.$queryRawUnsafe<T[]>(text, ...values);
      return (await run(text, values)).rows as T[];
    },
    /** The number of rows an INSERT, UPDATE or DELETE touched. */
    async execute(strings: TemplateStringsArray, ...values: unknown[]): Promise<number> {
      const text = textOf(strings);
      if (!target) return db.$executeRawUnsafe(text, ...values);
      return (await run(text, values)).rowCount ?? 0;
    },
  };
}

/** Rows of a SELECT on the application's database. */
export function sqlRows<T>(strings: TemplateStringsArray, ...values: unknown[]): Promise<T[]> {
  return sqlOn(getDb()).rows<T>(strings, ...values);
}

/** Rows touched by an INSERT, UPDATE or DELETE on the application's database. */
export function sqlExecute(strings: TemplateStringsArray, ...values: unknown[]): Promise<number> {
  return sqlOn(getDb()).execute(strings, ...values);
}
