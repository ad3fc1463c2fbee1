// The one Prisma client of the application, over the pg driver adapter.
import 'server-only';
import { createPrismaClient, type PrismaClient } from './prisma-client';
import { getEnv } from './env';

const globalForPrisma = globalThis as unknown as { prisma?: PrismaClient };

/** Kept on globalThis so that dev-mode reloads do not open a new pool each time. */
export function getDb(): PrismaClient {
  if (!globalForPrisma.prisma) {
    const env = getEnv();
    globalForPrisma.prisma = createPrismaClient(env.DATABASE_URL, env.DB_POOL_MAX);
  }
  return globalForPrisma.prisma;
}
