// Finding a pupil of a class by the name a secretary or the nurse types off a paper: «Петр» for
// «Пётр», another case or a double space still name the same pupil.
import { beforeAll, describe, expect, it } from 'vitest';
import { resetDb, testDb } from '../support/db';
import { createSchoolFixture, createUser, type SchoolFixture } from '../support/fixtures';
import { actorFor } from '../support/actors';
import { linkGuardian } from '@/lib/data/users';
import { addNote } from '@/lib/data/notes';

const db = testDb();
let fx: SchoolFixture;

beforeAll(async () => {
  await resetDb();
  fx = await createSchoolFixture(db);
});

describe('a pupil found by class and name', () => {
  it('links a parent when the name is typed with е for ё, in another case and with extra spaces', async () => {
    const parentId = await createUser(db, fx.schoolId, ['PARENT'], { lastName: 'Ученик2', firstName: 'Алёна' });
    const admin = await actorFor(db, fx.adminId);
    expect(await linkGuardian(admin, parentId, { classId: fx.classId, lastName: ' ученик2 ', firstName: 'ПЕТР' })).toEqual({ ok: true });
    expect(await db.guardianship.findMany({ where: { parentId }, select: { studentId: true } })).toEqual([{ studentId: fx.studentIds[1] }]);
  });


  it('finds the pupil of a nurse’s note the same way, and still no one outside the class', async () => {
    const nurse = await actorFor(db, await createUser(db, fx.schoolId, ['MEDICAL'], { lastName: 'Медсестрова', firstName: 'Нина' }));
    expect(await addNote(nurse, { kind: 'MEDICAL', classId: fx.classId, lastName: 'Ученик1', firstName: 'Петр', text: 'Аллергия' })).toMatchObject({ ok: true });
    expect(await addNote(nurse, { kind: 'MEDICAL', classId: fx.classId, lastName: 'Ученик1', firstName: 'Павел', text: 'Аллергия' })).toMatchObject({ ok: false, field: 'pupil' });
  });

  it('matches a name typed with a typographic apostrophe to the one stored with the plain one', async () => {
    await db.user.update({ where: { id: fx.studentIds[0] }, data: { lastName: "Д'Артаньян" } });
    const parentId = await createUser(db, fx.schoolId, ['PARENT'], { lastName: "Д'Артаньян", firstName: 'Анна' });
    const admin = await actorFor(db, fx.adminId);
    expect(await linkGuardian(admin, parentId, { classId: fx.classId, lastName: 'Д’Артаньян', firstName: 'Пётр' })).toEqual({ ok: true });
  });
});
