// The administrator's «new user» form: every name field is checked alike, with a Russian message
// next to the field, and a name typed with a typographic apostrophe is kept with the plain one.
import { isValidElement, type ReactElement, type ReactNode } from 'react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { resetDb, testDb } from '../support/db';
import { createSchoolFixture, type SchoolFixture } from '../support/fixtures';
import { signInForRequest } from '../support/request-session';
import { createUserAction, type FormState } from '@/app/(admin)/admin/users/actions';

// The form as React renders it for a given action state: useActionState answers with that state.
const shown = vi.hoisted(() => ({ state: {} as unknown }));
vi.mock('react', async (original) => ({ ...(await original<typeof import('react')>()), useActionState: () => [shown.state, () => {}, false] }));
const { NewUserForm } = await import('@/app/(admin)/admin/users/new/new-user-form');

/** The first host element named `name` in a rendered tree (function components are not expanded). */
function findByName(node: ReactNode, name: string): ReactElement<{ name?: string; defaultValue?: string }> | null {
  if (Array.isArray(node)) {
    for (const child of node) {
      const found = findByName(child, name);
      if (found) return found;
    }
    return null;
  }
  if (!isValidElement<{ name?: string; children?: ReactNode }>(node)) return null;
  if (typeof node.type === 'string' && node.props.name === name) return node as ReactElement<{ name?: string; defaultValue?: string }>;
  return findByName(node.props.children, name);
}

function classSelect(state: FormState, classes: { id: number; name: string }[]) {
  shown.state = state;
  return findByName(NewUserForm({ roles: [{ value: 'TEACHER', label: 'Учитель' }], classes }), 'classTeacherOf')!;
}

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

  it('shows the class chosen for class teacher again after a refusal: the select is mounted anew with it', async () => {
    const classes = [{ id: fx.classId, name: '5А' }];
    const refused = await createUserAction({}, form({ lastName: 'Петров', firstName: 'Иван', middleName: 'Иванович2', classTeacherOf: String(fx.classId) }));
    expect(refused.errors?.middleName).toBeTruthy();
    const fresh = classSelect({}, classes);
    const after = classSelect(refused, classes);
    expect(after.props.defaultValue).toBe(String(fx.classId));
    // React applies a select's defaultValue only when it mounts: a new key makes it mount again.
    expect(after.key).not.toBe(fresh.key);
    const none = await createUserAction({}, form({ lastName: 'Петров', firstName: 'Иван', middleName: 'Иванович2' }));
    expect(classSelect(none, classes).key).not.toBe(after.key);
  });

  it('accepts ё, hyphens and apostrophes, storing the typographic apostrophe as the plain one', async () => {
    const state = await createUserAction({}, form({ lastName: 'Д’Артаньян-Ёлкин', firstName: 'Семён', middleName: 'Кызы' }));
    expect(state).toMatchObject({ ok: true });
    expect(await db.user.findFirstOrThrow({ where: { login: state.credentials!.login }, select: { lastName: true, middleName: true } })).toEqual({ lastName: "Д'Артаньян-Ёлкин", middleName: 'Кызы' });
  });
});
