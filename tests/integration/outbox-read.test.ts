// The outbox as the administrator reads it: delivery state for every letter, but a letter's body,
// a pupil's diary, only for a reader of that pupil's diary (readableDiaries).
import { beforeEach, describe, expect, it } from 'vitest';
import { resetDb, testDb } from '../support/db';
import { createSchoolFixture, createUser, type SchoolFixture } from '../support/fixtures';
import { actorFor } from '../support/actors';
import { readOutboxMessage } from '../../lib/data/outbox';

const db = testDb();
let fx: SchoolFixture;

async function letter(dedupeKey: string): Promise<number> {
  const row = await db.notification.create({
    data: { schoolId: fx.schoolId, kind: 'digest', toAddress: 'olga@example.com', subject: 'Дневник за неделю: Ученик1 Пётр, 7А', text: 'Алгебра: 2 (к/р)', html: '<p>Алгебра: 2 (к/р)</p>', dedupeKey, status: 'HELD' },
  });
  return row.id;
}

beforeEach(async () => {
  await resetDb();
  fx = await createSchoolFixture(db);
});

describe('readOutboxMessage', () => {
  it('gives the administrator the state of a letter about a pupil but not its marks', async () => {
    const id = await letter(`digest:${fx.studentIds[0]}:2026-11-16`);
    const m = await readOutboxMessage(await actorFor(db, fx.adminId), id);
    expect(m).toMatchObject({ id, toAddress: 'olga@example.com', status: 'HELD', text: null, html: null, bodyHidden: true });
  });

  it('shows the body to an administrator who also reads the pupil\'s diary (management)', async () => {
    const id = await letter(`digest:${fx.studentIds[0]}:2026-11-16`);
    const director = await createUser(db, fx.schoolId, ['ADMIN', 'MANAGEMENT'], { lastName: 'Директорова', firstName: 'Вера' });
    const m = await readOutboxMessage(await actorFor(db, director), id);
    expect(m).toMatchObject({ text: 'Алгебра: 2 (к/р)', html: '<p>Алгебра: 2 (к/р)</p>', bodyHidden: false });
  });
});
