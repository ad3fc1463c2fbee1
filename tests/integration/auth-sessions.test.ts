// Sign-in throttling and immediate revocation, against the real database.
import { beforeEach, describe, expect, it } from 'vitest';
import { resetDb, testDb } from '../support/db';
import { createSchool, createUser } from '../support/fixtures';
import { attemptSignIn, endSession, SIGN_IN_ERRORS } from '@/lib/auth/sign-in';
import { hashPassword } from '@/lib/auth/password';
import { loadActor, type Actor } from '@/lib/auth/actor';
import { defaultRolePermissionRows } from '@/lib/auth/permissions';
import { changeOwnPassword } from '@/lib/data/accounts';
import { endSessions, setActive, setRoles } from '@/lib/data/users';
import { IDLE_TIMEOUT_MS } from '@/lib/auth/session-policy';

const db = testDb();
const PASSWORD = 'Prochnyi-parol-77';
let schoolId: number;
let teacherId: number;
let adminId: number;

async function signedIn(login: string, password = PASSWORD, ip = '10.0.0.1') {
  const result = await attemptSignIn(login, password, ip);
  if (!result.ok) throw new Error(`sign-in failed: ${result.error}`);
  return { userId: result.userId, sessionId: result.sessionId, sessionVersion: result.sessionVersion };
}

beforeEach(async () => {
  await resetDb();
  schoolId = await createSchool(db);
  await db.rolePermission.createMany({ data: defaultRolePermissionRows(schoolId) });
  const hash = await hashPassword(PASSWORD);
  teacherId = await createUser(db, schoolId, ['TEACHER'], { login: 'petrova.a' });
  adminId = await createUser(db, schoolId, ['ADMIN'], { login: 'admin' });
  await db.user.updateMany({ data: { passwordHash: hash } });
});

describe('sign-in', () => {
  it('opens a session with the right password and gives one generic message otherwise', async () => {
    const claims = await signedIn('Petrova.A ');
    const actor = await loadActor(db, claims);
    expect(actor?.id).toBe(teacherId);
    expect(actor?.permissions.has('marks:write')).toBe(true);
    const wrong = await attemptSignIn('petrova.a', 'not-the-password', '10.0.0.1');
    const unknown = await attemptSignIn('nobody.here', 'not-the-password', '10.0.0.1');
    expect(wrong).toEqual({ ok: false, error: 'invalid' });
    expect(unknown).toEqual({ ok: false, error: 'invalid' });
    expect(await db.auditLog.count({ where: { action: 'auth.login.failure' } })).toBe(2);
    expect(await db.auditLog.count({ where: { action: 'auth.login.success' } })).toBe(1);
  });

  it('locks a login after 10 failures, refusing even the right password', async () => {
    for (let i = 0; i < 10; i++) {
      expect((await attemptSignIn('petrova.a', `wrong-${i}`, `10.0.1.${i}`)).ok).toBe(false);
    }
    expect(await attemptSignIn('petrova.a', PASSWORD, '10.0.2.1')).toEqual({ ok: false, error: 'locked' });
    expect(SIGN_IN_ERRORS.locked).toContain('15 минут');
    // Another login is not affected.
    expect((await attemptSignIn('admin', PASSWORD, '10.0.2.1')).ok).toBe(true);
    // Fifteen minutes later the lock is gone.
    await db.signInAttempt.updateMany({ where: { login: 'petrova.a' }, data: { createdAt: new Date(Date.now() - 31 * 60_000) } });
    expect((await attemptSignIn('petrova.a', PASSWORD, '10.0.2.1')).ok).toBe(true);
  });

  it('tries while locked do not push the lock on: it ends 15 minutes after the tenth failure, as promised', async () => {
    for (let i = 0; i < 10; i++) await attemptSignIn('petrova.a', `wrong-${i}`, `10.0.4.${i}`);
    // The tenth failure was 14 minutes ago; the person tries again now and is refused.
    const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000);
    await db.signInAttempt.updateMany({ where: { login: 'petrova.a', success: false }, data: { createdAt: minutesAgo(14) } });
    expect(await attemptSignIn('petrova.a', PASSWORD, '10.0.5.1')).toEqual({ ok: false, error: 'locked' });
    // Two minutes on, 16 minutes after the tenth failure, the right password gets in.
    const rows = await db.signInAttempt.findMany({ where: { login: 'petrova.a' }, select: { id: true, createdAt: true } });
    for (const r of rows) await db.signInAttempt.update({ where: { id: r.id }, data: { createdAt: new Date(r.createdAt.getTime() - 2 * 60_000) } });
    expect((await attemptSignIn('petrova.a', PASSWORD, '10.0.5.1')).ok).toBe(true);
  });

  it('limits attempts from one client address per minute', async () => {
    for (let i = 0; i < 30; i++) await attemptSignIn(`someone${i}`, 'x', '192.0.2.7');
    expect(await attemptSignIn('petrova.a', PASSWORD, '192.0.2.7')).toEqual({ ok: false, error: 'throttled' });
    expect((await attemptSignIn('petrova.a', PASSWORD, '192.0.2.8')).ok).toBe(true);
  });
});

describe('revocation takes effect on the next request', () => {
  let admin: Actor;
  beforeEach(async () => {
    admin = (await loadActor(db, await signedIn('admin')))!;
  });

  it('after a role change: the open session holds the new roles only', async () => {
    const claims = await signedIn('petrova.a');
    expect((await loadActor(db, claims))?.permissions.has('marks:write')).toBe(true);
    expect((await setRoles(admin, teacherId, ['PARENT'])).ok).toBe(true);
    const after = await loadActor(db, claims);
    expect(after?.roles).toEqual(['PARENT']);
    expect(after?.permissions.has('marks:write')).toBe(false);
  });

  it('after a role loses a permission, in every open session of its holders', async () => {
    const claims = await signedIn('petrova.a');
    const { setRolePermissions } = await import('@/lib/data/roles');
    expect((await setRolePermissions(admin, 'TEACHER', ['journal:read:own'])).ok).toBe(true);
    expect((await loadActor(db, claims))?.permissions.has('marks:write')).toBe(false);
  });

  it('after deactivation, and the user cannot sign in again', async () => {
    const claims = await signedIn('petrova.a');
    expect((await setActive(admin, teacherId, false)).ok).toBe(true);
    expect(await loadActor(db, claims)).toBeNull();
    expect(await attemptSignIn('petrova.a', PASSWORD, '10.0.0.9')).toEqual({ ok: false, error: 'invalid' });
  });

  it('after a password change, in every open session', async () => {
    const phone = await signedIn('petrova.a');
    const laptop = await signedIn('petrova.a');
    const actor = (await loadActor(db, laptop))!;
    expect(await changeOwnPassword(actor, PASSWORD, 'Novyi-Parol-2026-x')).toEqual({ ok: true });
    expect(await loadActor(db, phone)).toBeNull();
    expect(await loadActor(db, laptop)).toBeNull();
  });

  it('guesses at the current password on the change form lock the login, as failed sign-ins do', async () => {
    const claims = await signedIn('petrova.a');
    const actor = (await loadActor(db, claims))!;
    for (let i = 0; i < 10; i++) {
      expect(await changeOwnPassword(actor, `guess-${i}`, 'Novyi-Parol-2026-x')).toMatchObject({ ok: false, field: 'current' });
    }
    expect(await changeOwnPassword(actor, PASSWORD, 'Novyi-Parol-2026-x')).toEqual({ ok: false, field: 'current', error: SIGN_IN_ERRORS.locked });
    expect(await attemptSignIn('petrova.a', PASSWORD, '10.0.3.1')).toEqual({ ok: false, error: 'locked' });
    expect(await loadActor(db, claims)).not.toBeNull(); // nothing was changed
  });

  it('when an administrator ends the sessions, and on sign-out', async () => {
    const a = await signedIn('petrova.a');
    expect((await endSessions(admin, teacherId)).ok).toBe(true);
    expect(await loadActor(db, a)).toBeNull();
    const b = await signedIn('petrova.a');
    await endSession(b.sessionId, b.userId);
    expect(await loadActor(db, b)).toBeNull();
    expect(await db.auditLog.count({ where: { action: 'auth.logout' } })).toBe(1);
  });

  it('after an hour of inactivity', async () => {
    const claims = await signedIn('petrova.a');
    const later = new Date(Date.now() + IDLE_TIMEOUT_MS + 60_000);
    expect(await loadActor(db, claims, later)).toBeNull();
    expect(await loadActor(db, claims)).toBeNull();
  });

  it('a teacher cannot change roles: refused and nothing changes', async () => {
    const teacher = (await loadActor(db, await signedIn('petrova.a')))!;
    expect((await setRoles(teacher, adminId, ['TEACHER'])).ok).toBe(false);
    expect(await db.userRole.findMany({ where: { userId: adminId }, select: { role: true } })).toEqual([{ role: 'ADMIN' }]);
  });
});
