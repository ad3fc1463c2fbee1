// Builds a Prisma client for a connection string. The app uses it once (lib/db.ts); tools,
// the demo generator and tests use it with their own databases.
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from './generated/prisma/client';

export type { PrismaClient };
export { Prisma } from './generated/prisma/client';

export function createPrismaClient(connectionString: string, poolMax = 10): PrismaClient {
  const adapter = new PrismaPg({ connectionString, max: poolMax, idleTimeoutMillis: 30_000 });
  return new PrismaClient({ adapter });
}
