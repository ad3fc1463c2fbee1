// lib/sql.ts runs the hot-path statements on the pg pool under the application's Prisma client.
// A Next build bundles lib/prisma-client.ts into several chunks, each with its own copy, so the
// pool must be found from a client that another copy of the module made; when it is not, every
// such statement silently takes Prisma's slower raw path.
import { describe, expect, it, vi } from 'vitest';
import { createPrismaClient, poolOf } from '@/lib/prisma-client';

describe('poolOf', () => {
  it('finds the pool of a client made by another copy of the module', async () => {
    const client = createPrismaClient('postgresql://nobody@127.0.0.1:1/none', 3);
    vi.resetModules();
    const copy = await import('@/lib/prisma-client');
    expect(copy.poolOf).not.toBe(poolOf); // really a second copy
    const found = copy.poolOf(client);
    expect(found?.pool.options.max).toBe(3);
    expect(found?.prepared).toBe(true);
    await client.$disconnect();
  });

  it('does not name statements on a pool of one (the embedded PGlite)', async () => {
    const client = createPrismaClient('postgresql://nobody@127.0.0.1:1/none', 1);
    expect(poolOf(client)?.prepared).toBe(false);
    await client.$disconnect();
  });
});
