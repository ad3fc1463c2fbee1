// Builds a Prisma client for a connection string. The app uses it once (lib/db.ts); tools,
// the demo generator and tests use it with their own databases.
//
// The client runs on a pg pool made here, so that the few hot-path statements of lib/sql.ts can
// use the same connections (poolOf). Every statement is prepared under a name derived from its
// text: PostgreSQL then parses and plans a query once per connection instead of on every call,
// which was about a third of the database's time on the diary and journal pages.
import { createHash } from 'node:crypto';
import pg from 'pg';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from './generated/prisma/client';

export type { PrismaClient };
export { Prisma } from './generated/prisma/client';

/** Connections are replaced after this long, which also bounds the prepared statements each one holds. */
const CONNECTION_LIFETIME_SECONDS = 15 * 60;

type PoolOf = { pool: pg.Pool; prepared: boolean };
// Kept on the client itself under a registered symbol, not in a module-level WeakMap: a Next build
// bundles this module into several chunks, each with its own copy, and the one client (made by
// whichever copy asked first, see lib/db.ts) must be found by every copy. With the WeakMap, every
// hot-path statement of lib/sql.ts fell back to Prisma's raw path in the built app.
const POOL = Symbol.for('school-journal.pg-pool');
const statementNames = new Map<string, string>();

/** The same name for the same SQL text in every connection of the process. */
export function statementName(sql: string): string {
  let name = statementNames.get(sql);
  if (!name) {
    name = `p${createHash('sha1').update(sql).digest('base64url').slice(0, 24)}`;
    statementNames.set(sql, name);
  }
  return name;
}

export function createPrismaClient(connectionString: string, poolMax = 10): PrismaClient {
  const pool = new pg.Pool({ connectionString, max: poolMax, idleTimeoutMillis: 30_000, maxLifetimeSeconds: CONNECTION_LIFETIME_SECONDS });
  // A pool of one is how the embedded PGlite is used (lib/env.ts): its one session outlives each
  // connection, so a statement named by a closed connection would clash with the next one's.
  const prepared = poolMax > 1;
  const adapter = new PrismaPg(pool, { disposeExternalPool: true, ...(prepared ? { statementNameGenerator: (query: { sql: string }) => statementName(query.sql) } : {}) });
  const client = new PrismaClient({ adapter });
  Object.defineProperty(client, POOL, { value: { pool, prepared } satisfies PoolOf });
  return client;
}

/** The pg pool under a client made by createPrismaClient, and whether to name statements on it. */
export function poolOf(client: PrismaClient): PoolOf | undefined {
  return (client as unknown as { [POOL]?: PoolOf })[POOL];
}
