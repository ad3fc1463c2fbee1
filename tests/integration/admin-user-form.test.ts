// The administrator's «new user» form: every name field is checked alike, with a Russian message
// next to the field, and a name typed with a typographic apostrophe is kept with the plain one.
import { beforeEach, describe, expect, it } from 'vitest';
import { resetDb, testDb } from '../support/db';
import { createSchoolFixture, type SchoolFixture } from '../support/fixtures';
import { signInForRequest } from '../support/request-session';
import { createUserAction } from '@/app/(admin)/admin/users/actions';

const db = testDb();
let fx: SchoolFixture;

const form = (fields: Record<string, string>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.append(k, v);
  f.append('roles', 'TEACHER');
  return f;
};

beforeEach(async () => {
  await resetDb();
  fx = await createSchoolFixture(db);
  await signInForRequest(db, fx.adminId);
});

describe('createUserAction', () => {
  it('checks the patronymic like the other names, in Russian, and creates nobody', async () => {
    const before = await db.user.count();
    expect(await createUserAction({}, form({ lastName: 'Петров', firstName: 'Иван', middleName: 'Иванович2' }))).toMatchObject({ errors: { middleName: 'Только буквы, дефис, апостроф и пробел' } });
    expect(await createUserAction({}, form({ lastName: 'Петров', firstName: 'Иван', middleName: 'а'.repeat(61) }))).toMatchObject({ errors: { middleName: 'Слишком длинно' } });
    expect(await db.user.count()).toBe(before);
  });

  it('refuses an e-mail address too long to be one, in Russian, and creates nobody', async () => {
    const before = await db.user.count();
    expect(await createUserAction({}, form({ lastName: 'Петров', firstName: 'Иван', email: `${'a'.repeat(100_000)}@example.ru` }))).toMatchObject({ errors: { email: 'Адрес не длиннее 254 символов' } });
    expect(await db.user.count()).toBe(before);
  });

  it('gives back what was typed with the error, so the form shows it again', async () => {
    const state = await createUserAction({}, form({ lastName: 'Петров', firstName: 'Иван', middleName: 'Иванович2', email: 'petrov@example.ru', phone: '+7 900 000-00-00', classTeacherOf: String(fx.classId) }));
    expect(state.values).toEqual({ lastName: 'Петров', firstName: 'Иван', middleName: 'Иванович2', email: 'petrov@example.ru', phone: '+7 900 000-00-00', roles: ['TEACHER'], classTeacherOf: String(fx.classId) });
  });

  it('accepts ё, hyphens and apostrophes, storing the typographic apostrophe as the plain one', async () => {
    const state = await createUserAction({}, form({ lastName: 'Д’Артаньян-Ёлкин', firstName: 'Семён', middleName: 'Кызы' }));
    expect(state).toMatchObject({ ok: true });
    expect(await db.user.findFirstOrThrow({ where: { login: state.credentials!.login }, select: { lastName: true, middleName: true } })).toEqual({ lastName: "Д'Артаньян-Ёлкин", middleName: 'Кызы' });
  });
});
