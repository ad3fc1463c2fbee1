// Builds a Prisma client for a connection string. The app uses it once (lib/db.ts); tools,
// the demo generator and tests use it with their own databases.
import { createHash } from 'node:crypto';
import { PrismaPg } from '@prisma/adapter-pg';
import { Prisma, PrismaClient } from './generated/prisma/client';

export type { PrismaClient };
export { Prisma };

const PREPARED_MARK = '/* prepared */';

/**
 * Starts a hot raw query of fixed text (`db.$queryRaw\`${PREPARED} SELECT …\``): the query becomes a
 * named prepared statement, parsed and planned once per connection instead of on every call
 * (about a millisecond for each statement of a cell save). Only for a few hot statements: every
 * distinct text stays prepared on every connection of the pool.
 */
export const PREPARED = Prisma.raw(PREPARED_MARK);

/** The statement name for a query marked PREPARED; '' (an unnamed statement) for the others. */
export function statementName(query: { sql: string }): string {
  return query.sql.startsWith(PREPARED_MARK) ? `p${createHash('sha1').update(query.sql).digest('hex')}` : '';
}

export function createPrismaClient(connectionString: string, poolMax = 10): PrismaClient {
  // A pool of one is how the embedded PGlite is used (lib/env.ts): its one session outlives each
  // connection, so a statement named by a closed connection would clash with the next one's.
  const named = poolMax > 1 ? { statementNameGenerator: statementName } : {};
  const adapter = new PrismaPg({ connectionString, max: poolMax, idleTimeoutMillis: 30_000 }, named);
  return new PrismaClient({ adapter });
}
