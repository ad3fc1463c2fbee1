// Counting a function's SQL: the app's client (lib/db.ts keeps it on globalThis) is swapped for one
// that logs every statement, so a test can assert that a page or job reads in a fixed number of
// queries however many rows it covers.
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '@/lib/generated/prisma/client';
import { workerDatabaseUrl } from './db';

/** The SQL statements `fn` ran through the app's client, in order. */
export async function sqlStatements(fn: () => Promise<unknown>): Promise<string[]> {
  const logging = new PrismaClient({ adapter: new PrismaPg({ connectionString: workerDatabaseUrl(), max: 2 }), log: [{ emit: 'event', level: 'query' }] });
  const statements: string[] = [];
  logging.$on('query', (e) => { statements.push(e.query); });
  const g = globalThis as unknown as { prisma?: unknown };
  const saved = g.prisma;
  g.prisma = logging;
  try {
    await fn();
  } finally {
    g.prisma = saved;
    await logging.$disconnect();
  }
  return statements;
}
