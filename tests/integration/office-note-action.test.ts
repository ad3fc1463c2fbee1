// A medical or psychologist note as the browser sends it: bad input is refused in Russian, on its
// field, and writes nothing.
import { beforeEach, describe, expect, it } from 'vitest';
import { resetDb, testDb } from '../support/db';
import { createSchoolFixture, createUser, type SchoolFixture } from '../support/fixtures';
import { signInForRequest } from '../support/request-session';
import { addNoteAction } from '@/app/(office)/office/notes/actions';

const db = testDb();
let fx: SchoolFixture;

const formOf = (fields: Record<string, string>) => {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  return form;
};

beforeEach(async () => {
  await resetDb();
  fx = await createSchoolFixture(db);
  await signInForRequest(db, await createUser(db, fx.schoolId, ['MEDICAL']));
});

describe('addNoteAction', () => {
  it('without a class, or with a class that is no number, asks for the class in Russian and writes nothing', async () => {
    const pupil = await db.user.findUniqueOrThrow({ where: { id: fx.studentIds[0] }, select: { lastName: true, firstName: true } });
    for (const classId of [undefined, 'пятый', '1.5']) {
      const fields = { kind: 'MEDICAL', lastName: pupil.lastName, firstName: pupil.firstName, text: 'Осмотр: здоров' };
      expect(await addNoteAction({}, formOf(classId === undefined ? fields : { ...fields, classId }))).toEqual({ errors: { classId: 'Выберите класс' } });
    }
    expect(await db.studentNote.count()).toBe(0);
  });
});
