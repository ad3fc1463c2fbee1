// The administrator's list of people in a big school: every person can be reached by paging,
// however far down the list they are (a school with several thousand pupils and parents).
import { beforeAll, describe, expect, it } from 'vitest';
import { resetDb, testDb } from '../support/db';
import { createSchoolFixture, type SchoolFixture } from '../support/fixtures';
import { actorFor } from '../support/actors';
import type { Actor } from '@/lib/auth/actor';
import { listUsers, USERS_PAGE_SIZE } from '@/lib/data/users';
import { pageLinks } from '@/lib/domain/paging';

const db = testDb();
let fx: SchoolFixture;
let admin: Actor;
const EXTRA = 1_600;

beforeAll(async () => {
  await resetDb();
  fx = await createSchoolFixture(db);
  // «Яковлев» sorts after everyone of the fixture: the last of them are beyond page 30.
  await db.user.createMany({
    data: Array.from({ length: EXTRA }, (_, i) => ({ schoolId: fx.schoolId, lastName: 'Яковлев', firstName: `Ян${String(i).padStart(4, '0')}` })),
  });
  admin = await actorFor(db, fx.adminId);
});

describe('paging through the users list', () => {
  it('reaches everyone, past the first 30 pages, following the links the page shows', async () => {
    const first = (await listUsers(admin, { page: 1 }))!;
    expect(first.pages).toBe(Math.ceil(first.total / USERS_PAGE_SIZE));
    expect(first.pages).toBeGreaterThan(30);
    // The last page is one link away from the first.
    expect(pageLinks(first.page, first.pages)).toContain(first.pages);

    const seen = new Set<number>();
    const visited = new Set<number>();
    const queue = [1];
    while (queue.length) {
      const page = queue.shift()!;
      if (visited.has(page)) continue;
      visited.add(page);
      const result = (await listUsers(admin, { page }))!;
      for (const u of result.users) seen.add(u.id);
      for (const link of pageLinks(result.page, result.pages)) if (link !== 'gap' && !visited.has(link)) queue.push(link);
    }
    expect(seen.size).toBe(first.total);
    const last = (await listUsers(admin, { page: first.pages }))!;
    expect(last.users.at(-1)?.name).toBe(`Яковлев Ян${String(EXTRA - 1).padStart(4, '0')}`);
  });

  it('shows the last page for a page number past the end', async () => {
    const first = (await listUsers(admin, { page: 1 }))!;
    const beyond = (await listUsers(admin, { page: first.pages + 10 }))!;
    expect(beyond.page).toBe(first.pages);
    expect(beyond.users.length).toBeGreaterThan(0);
  });
});
