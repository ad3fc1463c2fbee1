// Rights an administrator cannot hand out: the nurse's and the psychologist's notes stay theirs,
// only an administrator makes administrators, and only a teacher leads a class.
import { beforeAll, describe, expect, it } from 'vitest';
import { resetDb, testDb } from '../support/db';
import { createSchoolFixture, createUser as createFixtureUser, type SchoolFixture } from '../support/fixtures';
import { actorFor } from '../support/actors';
import { setRolePermissions, setUserGrants } from '@/lib/data/roles';
import { createUser, endSessions, resetPassword, setActive, setRoles } from '@/lib/data/users';
import { issueCredentials } from '@/lib/data/credentials';
import { addNote, readNotes } from '@/lib/data/notes';

const db = testDb();
let fx: SchoolFixture;
let nurseId: number;

beforeAll(async () => {
  await resetDb();
  fx = await createSchoolFixture(db);
  nurseId = await createFixtureUser(db, fx.schoolId, ['MEDICAL'], { lastName: 'Медсестрова', firstName: 'Нина' });
  const nurse = await actorFor(db, nurseId);
  const pupil = await db.user.findUniqueOrThrow({ where: { id: fx.studentIds[0] } });
  expect(await addNote(nurse, { kind: 'MEDICAL', classId: fx.classId, lastName: pupil.lastName, firstName: pupil.firstName, text: 'Аллергия на пыльцу' })).toMatchObject({ ok: true });
});

describe('medical and psychologist notes stay with their roles', () => {
  it('an administrator can neither grant them to a person nor add them to another role', async () => {
    const admin = await actorFor(db, fx.adminId);
    expect(await setUserGrants(admin, fx.adminId, ['notes:medical'])).toMatchObject({ ok: false, field: 'permissions' });
    expect(await setRolePermissions(admin, 'MANAGEMENT', ['journal:read:school', 'notes:psychological'])).toMatchObject({ ok: false, field: 'permissions' });
    expect(await db.userPermission.count({ where: { permission: { startsWith: 'notes:' } } })).toBe(0);
  });

  it('a right written into the database some other way still gives nothing without the role', async () => {
    await db.userPermission.create({ data: { schoolId: fx.schoolId, userId: fx.adminId, permission: 'notes:medical', grantedById: fx.adminId } });
    await db.rolePermission.create({ data: { schoolId: fx.schoolId, role: 'ADMIN', permission: 'notes:psychological' } });
    const admin = await actorFor(db, fx.adminId);
    expect(admin.permissions.has('notes:medical')).toBe(false);
    expect(await readNotes(admin)).toEqual([]);
    expect((await readNotes(await actorFor(db, nurseId))).map((n) => n.text)).toEqual(['Аллергия на пыльцу']);
  });

  it('the audit row of a note names neither the pupil nor the kind', async () => {
    const row = await db.auditLog.findFirstOrThrow({ where: { action: 'note.create' } });
    expect(row).toMatchObject({ actorId: nurseId, entityType: 'StudentNote', details: null, oldValue: null, newValue: null });
  });
});

describe('who makes administrators and class teachers', () => {
  it('a secretary given the right to manage roles cannot make themselves an administrator', async () => {
    const secretaryId = await createFixtureUser(db, fx.schoolId, ['SECRETARY'], { lastName: 'Секретарёва', firstName: 'Софья' });
    await db.userPermission.createMany({ data: ['roles:manage', 'users:manage'].map((permission) => ({ schoolId: fx.schoolId, userId: secretaryId, permission, grantedById: fx.adminId })) });
    const secretary = await actorFor(db, secretaryId);
    expect(await setRoles(secretary, secretaryId, ['SECRETARY', 'ADMIN'])).toMatchObject({ ok: false, field: 'roles' });
    expect(await setRoles(secretary, fx.adminId, ['TEACHER'])).toMatchObject({ ok: false, field: 'roles' });
    expect(await createUser(secretary, { lastName: 'Новый', firstName: 'Админ', roles: ['ADMIN'] })).toMatchObject({ ok: false, field: 'roles' });
    expect(await db.userRole.count({ where: { role: 'ADMIN' } })).toBe(1);
    // Other roles stay theirs to give.
    expect(await setRoles(secretary, fx.teacherId, ['TEACHER', 'HR'])).toEqual({ ok: true });
  });

  it('only a teacher is made a class teacher when created', async () => {
    const admin = await actorFor(db, fx.adminId);
    expect(await createUser(admin, { lastName: 'Родителева', firstName: 'Рита', roles: ['PARENT'], classTeacherOf: fx.classId })).toMatchObject({ ok: false, field: 'classTeacherOf' });
    expect(await createUser(admin, { lastName: 'Учителева', firstName: 'Ута', roles: ['TEACHER'], classTeacherOf: fx.classId })).toMatchObject({ ok: true });
  });
});

describe("an administrator's account is an administrator's to change", () => {
  it('someone with the right to manage users cannot reset, disable or sign out the administrator', async () => {
    const clerkId = await createFixtureUser(db, fx.schoolId, ['SECRETARY'], { lastName: 'Делопроизводова', firstName: 'Дина' });
    await db.userPermission.create({ data: { schoolId: fx.schoolId, userId: clerkId, permission: 'users:manage', grantedById: fx.adminId } });
    const clerk = await actorFor(db, clerkId);
    const before = await db.user.findUniqueOrThrow({ where: { id: fx.adminId } });
    const refused = { ok: false, error: 'Учётную запись администратора меняет только администратор' };
    expect(await resetPassword(clerk, fx.adminId)).toEqual(refused);
    expect(await setActive(clerk, fx.adminId, false)).toEqual(refused);
    expect(await endSessions(clerk, fx.adminId)).toEqual(refused);
    expect(await db.user.findUniqueOrThrow({ where: { id: fx.adminId } })).toMatchObject({ passwordHash: before.passwordHash, active: true, sessionVersion: before.sessionVersion });
    // Other accounts stay theirs to manage.
    expect(await resetPassword(clerk, fx.teacherId)).toMatchObject({ ok: true });
  });

  it('a class batch of new passwords never resets a parent who is also staff', async () => {
    // The administrator is also a parent of a pupil of the class, with their own account.
    await db.userRole.create({ data: { schoolId: fx.schoolId, userId: fx.adminId, role: 'PARENT' } });
    await db.guardianship.create({ data: { schoolId: fx.schoolId, parentId: fx.adminId, studentId: fx.studentIds[1] } });
    await db.user.update({ where: { id: fx.adminId }, data: { login: 'admin-a', passwordHash: 'kept' } });
    const r = await issueCredentials(await actorFor(db, fx.adminId), { classId: fx.classId, audience: 'PARENT', mode: 'ALL' });
    expect(r.ok).toBe(true);
    expect(JSON.stringify(r)).not.toContain('admin-a');
    expect(await db.user.findUniqueOrThrow({ where: { id: fx.adminId } })).toMatchObject({ passwordHash: 'kept', mustChangePassword: false });
  });
});

describe('the school always keeps an administrator', () => {
  it('two administrators disabling each other at once: the second is refused', async () => {
    const secondId = await createFixtureUser(db, fx.schoolId, ['ADMIN'], { lastName: 'Админова', firstName: 'Алла' });
    // Both opened the page (and were signed in) before either change: the actors are loaded first.
    const first = await actorFor(db, fx.adminId);
    const second = await actorFor(db, secondId);
    const [a, b] = await Promise.all([setActive(first, secondId, false), setActive(second, fx.adminId, false)]);
    expect([a, b].filter((r) => r.ok)).toHaveLength(1);
    expect([a, b].find((r) => !r.ok)).toEqual({ ok: false, error: 'Ваша учётная запись администратора больше не действует: войдите снова' });
    expect(await db.user.count({ where: { schoolId: fx.schoolId, active: true, roles: { some: { role: 'ADMIN' } } } })).toBe(1);
  });

  it('two administrators taking the role from each other at once: the second is refused', async () => {
    const active = await db.user.findFirstOrThrow({ where: { schoolId: fx.schoolId, active: true, roles: { some: { role: 'ADMIN' } } }, select: { id: true } });
    const otherId = await createFixtureUser(db, fx.schoolId, ['ADMIN'], { lastName: 'Админская', firstName: 'Ада' });
    const [a, b] = [await actorFor(db, active.id), await actorFor(db, otherId)];
    const results = await Promise.all([setRoles(a, otherId, ['TEACHER']), setRoles(b, active.id, ['TEACHER'])]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(await db.user.count({ where: { schoolId: fx.schoolId, active: true, roles: { some: { role: 'ADMIN' } } } })).toBe(1);
  });

  it('nor can a disabled administrator, still signed in, take the role away from the last one', async () => {
    const remaining = await db.user.findFirstOrThrow({ where: { schoolId: fx.schoolId, active: true, roles: { some: { role: 'ADMIN' } } }, select: { id: true } });
    const thirdId = await createFixtureUser(db, fx.schoolId, ['ADMIN'], { lastName: 'Админцева', firstName: 'Ася' });
    const stale = await actorFor(db, thirdId); // loaded before the change below, as a page in flight is
    expect(await setActive(await actorFor(db, remaining.id), thirdId, false)).toEqual({ ok: true });
    expect(await setRoles(stale, remaining.id, ['TEACHER'])).toEqual({ ok: false, error: 'Ваша учётная запись администратора больше не действует: войдите снова' });
    expect(await db.userRole.count({ where: { userId: remaining.id, role: 'ADMIN' } })).toBe(1);
  });
});

describe('logins', () => {
  it('two people of the same name created at the same moment both get an account, with different logins', async () => {
    // Whichever administrator the race above left active.
    const active = await db.user.findFirstOrThrow({ where: { schoolId: fx.schoolId, active: true, roles: { some: { role: 'ADMIN' } } }, select: { id: true } });
    const admin = await actorFor(db, active.id);
    const person = { lastName: 'Одинакова', firstName: 'Ольга', roles: ['TEACHER' as const] };
    const [a, b] = await Promise.all([createUser(admin, person), createUser(admin, person)]);
    expect(a.ok && b.ok).toBe(true);
    if (a.ok && b.ok) expect(a.login).not.toBe(b.login);
    expect(await db.user.count({ where: { lastName: 'Одинакова' } })).toBe(2);
  });
});
