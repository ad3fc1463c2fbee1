// Checks a login and password with throttling, and opens a session. Used by next-auth's
// Credentials provider. Every attempt is recorded and audited; the error never says whether
// the login exists.
import 'server-only';
import { randomBytes } from 'node:crypto';
import { getDb } from '../db';
import { writeAudit } from '../audit';
import { verifyPassword } from './password';
import { ADDRESS_ATTEMPTS_PER_MINUTE, LOGIN_FAILURE_WINDOW_MS, LOGIN_LOCK_MS, loginLockedUntil } from './session-policy';

export const SIGN_IN_ERRORS = {
  invalid: 'Неверный логин или пароль.',
  locked: 'Слишком много неудачных попыток. Вход под этим логином временно заблокирован на 15 минут.',
  throttled: 'Слишком много попыток входа с вашего адреса. Подождите минуту и попробуйте снова.',
  empty: 'Введите логин и пароль.',
} as const;

export type SignInResult =
  | { ok: true; userId: number; sessionId: string; sessionVersion: number; schoolId: number }
  | { ok: false; error: keyof typeof SIGN_IN_ERRORS };

// A real Argon2id hash of a random string: checking it costs the same time as a real check, so
// the response time does not reveal that a login does not exist.
const DUMMY_HASH = '$argon2id$v=19$m=19456,t=2,p=1$3BnCGxiXpCFpHhSYnBISEg$ZIdPVXriZ9elsKE/6EBBU2En/ylj07i8zfILiQHDZ0w';

export function normalizeLogin(login: string): string {
  return login.trim().toLowerCase();
}

export async function attemptSignIn(rawLogin: string, password: string, ip: string, userAgent?: string): Promise<SignInResult> {
  const db = getDb();
  const login = normalizeLogin(rawLogin);
  if (!login || !password) return { ok: false, error: 'empty' };
  const now = new Date();

  const recentFromAddress = await db.signInAttempt.count({ where: { ip, createdAt: { gt: new Date(now.getTime() - 60_000) } } });
  if (recentFromAddress >= ADDRESS_ATTEMPTS_PER_MINUTE) {
    await writeAudit(db, { action: 'auth.login.throttled', ip, details: { login } });
    return { ok: false, error: 'throttled' };
  }

  const locked = await loginLocked(login, now);
  const user = await db.user.findUnique({
    where: { login },
    select: { id: true, schoolId: true, passwordHash: true, active: true, sessionVersion: true },
  });

  if (locked) {
    // Refused without a password check and not counted as a failure: counting it would push the
    // lock on with every try, past the «15 минут» the message promises. The audit log keeps it.
    await writeAudit(db, { schoolId: user?.schoolId, actorId: user?.id, action: 'auth.login.locked', ip, details: { login } });
    return { ok: false, error: 'locked' };
  }

  const passwordOk = await verifyPassword(user?.passwordHash ?? DUMMY_HASH, password);
  if (!user || !user.active || !user.passwordHash || !passwordOk) {
    await db.signInAttempt.create({ data: { login, ip, success: false } });
    await writeAudit(db, {
      schoolId: user?.schoolId,
      actorId: user?.id,
      action: 'auth.login.failure',
      ip,
      details: { login, reason: !user ? 'unknown-login' : !user.active ? 'inactive' : 'wrong-password' },
    });
    return { ok: false, error: 'invalid' };
  }

  const sessionId = randomBytes(24).toString('base64url');
  await db.$transaction([
    db.signInAttempt.create({ data: { login, ip, success: true } }),
    db.userSession.create({ data: { id: sessionId, schoolId: user.schoolId, userId: user.id, ip, userAgent: userAgent?.slice(0, 300) } }),
    db.user.update({ where: { id: user.id }, data: { lastLoginAt: now } }),
  ]);
  await writeAudit(db, { schoolId: user.schoolId, actorId: user.id, action: 'auth.login.success', ip, details: { sessionId: sessionId.slice(0, 8) } });
  return { ok: true, userId: user.id, sessionId, sessionVersion: user.sessionVersion, schoolId: user.schoolId };
}

/**
 * Whether `login` is locked by its recent failures, counted since its last success. Guesses at the
 * current password on the password-change form count too (lib/data/accounts.ts).
 */
export async function loginLocked(login: string, now = new Date()): Promise<boolean> {
  const db = getDb();
  const lastSuccess = await db.signInAttempt.findFirst({ where: { login, success: true }, orderBy: { createdAt: 'desc' }, select: { createdAt: true } });
  const since = new Date(Math.max(now.getTime() - LOGIN_FAILURE_WINDOW_MS - LOGIN_LOCK_MS, lastSuccess?.createdAt.getTime() ?? 0));
  const failures = await db.signInAttempt.findMany({
    where: { login, success: false, createdAt: { gt: since } },
    orderBy: { createdAt: 'desc' },
    select: { createdAt: true },
  });
  return !!loginLockedUntil(failures.map((f) => f.createdAt), now);
}

/** Ends one session (sign-out). */
export async function endSession(sessionId: string, userId: number, ip?: string): Promise<void> {
  const db = getDb();
  const ended = await db.userSession.updateMany({ where: { id: sessionId, userId, endedAt: null }, data: { endedAt: new Date() } });
  if (ended.count) {
    const user = await db.user.findUnique({ where: { id: userId }, select: { schoolId: true } });
    await writeAudit(db, { schoolId: user?.schoolId, actorId: userId, action: 'auth.logout', ip, details: { sessionId: sessionId.slice(0, 8) } });
  }
}
