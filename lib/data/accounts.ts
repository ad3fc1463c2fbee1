// A person's own account: password change. Administrative changes live in lib/data/users.ts.
import 'server-only';
import { getDb } from '../db';
import { writeAudit } from '../audit';
import type { Actor } from '../auth/actor';
import { hashPassword, verifyPassword } from '../auth/password';
import { loginLocked, SIGN_IN_ERRORS } from '../auth/sign-in';
import { checkPasswordStrength } from '../domain/passwords';

export type PasswordChangeResult = { ok: true } | { ok: false; field: 'current' | 'password' | 'form'; error: string };

/**
 * Changes the actor's password; every open session of theirs ends (sessionVersion is raised).
 * A wrong current password counts as a failed sign-in of the login, and a locked login changes
 * nothing: an open session left on a shared computer must not let its finder guess the password.
 */
export async function changeOwnPassword(actor: Actor, current: string, next: string, ip = 'unknown'): Promise<PasswordChangeResult> {
  const db = getDb();
  const user = await db.user.findUnique({ where: { id: actor.id }, select: { passwordHash: true, login: true } });
  if (user?.login && (await loginLocked(user.login))) return { ok: false, field: 'current', error: SIGN_IN_ERRORS.locked };
  if (!user?.passwordHash || !(await verifyPassword(user.passwordHash, current))) {
    if (user?.login) await db.signInAttempt.create({ data: { login: user.login, ip, success: false } });
    return { ok: false, field: 'current', error: 'Текущий пароль указан неверно' };
  }
  if (current === next) return { ok: false, field: 'password', error: 'Новый пароль должен отличаться от текущего' };
  const weakness = checkPasswordStrength(next, user.login ?? undefined);
  if (weakness) return { ok: false, field: 'password', error: weakness };
  const passwordHash = await hashPassword(next);
  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: actor.id }, data: { passwordHash, mustChangePassword: false, sessionVersion: { increment: 1 } } });
    await tx.userSession.updateMany({ where: { userId: actor.id, endedAt: null }, data: { endedAt: new Date() } });
    await writeAudit(tx, { schoolId: actor.schoolId, actorId: actor.id, action: 'user.password.change', entityType: 'User', entityId: actor.id });
  });
  return { ok: true };
}
