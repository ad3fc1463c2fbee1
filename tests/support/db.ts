// The database of an integration test worker. Every worker slot (VITEST_POOL_ID) has its own
// database, journal_test_<id>, copied from the migrated template by vitest-worker-setup.ts before
// the test file is imported, so process.env.DATABASE_URL already points there when app code
// reads it. Vitest 4 runs each file in a fresh worker process, so each file starts with a fresh
// copy; parallel files never share a database.
//
//   const db = testDb();            // PrismaClient on this worker's database
//   beforeEach(() => resetDb());    // empty every table, keep the schema
import { inject } from 'vitest';
import { createPrismaClient, type PrismaClient } from '../../lib/prisma-client';
import { TEMPLATE_DATABASE, WORKER_DATABASE_PREFIX, recreateDatabase, dropDatabase } from './database-admin';
import { withDatabaseName } from './postgres';
import type { TestDatabaseContext } from './vitest-global-setup';

function context(): TestDatabaseContext {
  const provided = inject('testDatabase');
  if (!provided) throw new Error('No test database: run this file through the Vitest "integration" project.');
  return provided;
}

/** The admin URL of the test server, for tests that create databases of their own. */
export function serverAdminUrl(): string {
  return context().adminUrl;
}

/** Whether the server holds several databases (false only for the PGlite fallback). */
export function serverHasManyDatabases(): boolean {
  return context().multipleDatabases;
}

/** This worker's database name: one per Vitest pool slot, so parallel files never share one. */
export function workerDatabaseName(): string {
  return `${WORKER_DATABASE_PREFIX}${process.env.VITEST_POOL_ID ?? process.env.VITEST_WORKER_ID ?? '1'}`;
}

/** Connection string of this worker's database. */
export function workerDatabaseUrl(): string {
  const { adminUrl, multipleDatabases } = context();
  return multipleDatabases ? withDatabaseName(adminUrl, workerDatabaseName()) : adminUrl;
}

/** PGlite is a single session: more than one connection would interleave transactions. */
function poolSize(): number {
  return context().kind === 'pglite' ? 1 : 5;
}

type Slot = { client?: PrismaClient; url?: string; truncate?: string[] };
// On globalThis so that the setup file and the test file share it whatever the module graph.
const slot: Slot = ((globalThis as { __journalTestDb?: Slot }).__journalTestDb ??= {});

/** The PrismaClient on this worker's database, created on first use, disconnected after the file. */
export function testDb(): PrismaClient {
  slot.client ??= createPrismaClient(workerDatabaseUrl(), poolSize());
  return slot.client;
}

export async function disconnectTestDb(): Promise<void> {
  const client = slot.client;
  slot.client = undefined;
  await client?.$disconnect();
}

/**
 * Empties every table but `_prisma_migrations` and restarts the id sequences. Tables with
 * TRUNCATE-refusing triggers (the append-only audit_log) have them disabled for the statement
 * only, inside the same transaction.
 */
export async function resetDb(): Promise<void> {
  const db = testDb();
  slot.truncate ??= await truncateStatements(db);
  await db.$transaction(slot.truncate.map((sql) => db.$executeRawUnsafe(sql)));
}

async function truncateStatements(db: PrismaClient): Promise<string[]> {
  const tables = await db.$queryRaw<{ name: string }[]>`
    SELECT quote_ident(tablename) AS name FROM pg_tables
     WHERE schemaname = current_schema() AND tablename <> '_prisma_migrations' ORDER BY tablename`;
  // tgtype bit 5 (32) marks TRUNCATE triggers.
  const guards = await db.$queryRaw<{ tableName: string; triggerName: string }[]>`
    SELECT t.tgrelid::regclass::text AS "tableName", quote_ident(t.tgname) AS "triggerName"
      FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
     WHERE NOT t.tgisinternal AND (t.tgtype & 32) <> 0 AND c.relnamespace = current_schema()::regnamespace`;
  if (!tables.length) return [];
  return [
    ...guards.map((g) => `ALTER TABLE ${g.tableName} DISABLE TRIGGER ${g.triggerName}`),
    `TRUNCATE TABLE ${tables.map((t) => t.name).join(', ')} RESTART IDENTITY CASCADE`,
    ...guards.map((g) => `ALTER TABLE ${g.tableName} ENABLE TRIGGER ${g.triggerName}`),
  ];
}

/**
 * Gives the worker a fresh database and points DATABASE_URL at it. Called by the worker setup
 * before each test file: the first file of a worker process gets a new copy of the template
 * (replacing any left over from an earlier run), later files in the same process an emptied one.
 */
export async function prepareWorkerDatabase(): Promise<void> {
  const { adminUrl, multipleDatabases } = context();
  const url = workerDatabaseUrl();
  if (multipleDatabases && slot.url !== url) {
    await disconnectTestDb();
    await recreateDatabase(adminUrl, workerDatabaseName(), TEMPLATE_DATABASE);
    slot.url = url;
    slot.truncate = undefined;
  } else {
    await resetDb();
  }
  process.env.DATABASE_URL = url;
  process.env.DB_POOL_MAX = String(poolSize());
}

/**
 * Runs `work` with an empty database of its own (no migrations applied), dropped afterwards.
 * Not available with the PGlite fallback (one database only): guard such tests with
 * `it.skipIf(!serverHasManyDatabases())`.
 */
export async function withScratchDatabase<T>(name: string, work: (url: string, database: string) => Promise<T>): Promise<T> {
  const { adminUrl, multipleDatabases } = context();
  if (!multipleDatabases) throw new Error('withScratchDatabase needs a server with several databases (not the PGlite fallback).');
  const database = `journal_scratch_${name}_${process.env.VITEST_POOL_ID ?? '1'}`;
  await recreateDatabase(adminUrl, database);
  try {
    return await work(withDatabaseName(adminUrl, database), database);
  } finally {
    await dropDatabase(adminUrl, database);
  }
}

/**
 * The SQLSTATE of a database error as Prisma reports it through the pg adapter ('23505' for a
 * unique violation, '23514' for a CHECK or a trigger raising check_violation…), or undefined.
 */
export function sqlState(error: unknown): string | undefined {
  const e = error as {
    code?: unknown;
    meta?: { code?: unknown; driverAdapterError?: { cause?: { originalCode?: unknown; code?: unknown } } };
    cause?: { code?: unknown };
  };
  const candidates = [e?.meta?.driverAdapterError?.cause?.originalCode, e?.meta?.driverAdapterError?.cause?.code, e?.meta?.code, e?.cause?.code, e?.code];
  return candidates.find((c): c is string => typeof c === 'string' && /^[0-9A-Z]{5}$/.test(c));
}

/**
 * Awaits a write that the database must refuse and returns the SQLSTATE it refused it with.
 * Fails the test if the write succeeds.
 *
 *   expect(await refusedBy(db.mark.create(…))).toBe('23514');
 */
export async function refusedBy(write: PromiseLike<unknown>): Promise<string | undefined> {
  try {
    await write;
  } catch (error) {
    if (context().kind === 'pglite') await resyncPgliteConnection();
    return sqlState(error) ?? `not a database error: ${String(error)}`;
  }
  throw new Error('The database accepted a write it should have refused.');
}

/**
 * PGlite answers a failed statement with ReadyForQuery before the client's Sync
 * (electric-sql/pglite#958), which leaves that connection out of step: the next query on it
 * fails with "Connection terminated unexpectedly" and the pool drops it. Spend that failure
 * on a throwaway query so the test's next real query gets a fresh connection.
 */
async function resyncPgliteConnection(): Promise<void> {
  await testDb()
    .$queryRawUnsafe('SELECT 1')
    .catch(() => {});
}
