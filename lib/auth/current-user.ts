// The one identity choke point for pages, server actions and route handlers.
import 'server-only';
import { cache } from 'react';
import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { getDb } from '../db';
import { authSecret, getEnv } from '../env';
import { loadActor, type Actor } from './actor';
import type { Permission } from './permissions';
import { decodeSessionToken, sessionCookieName } from './session-token';

/**
 * Whoever holds a valid session, including someone still on a temporary password. Only the
 * password-change screen may use this directly; everything else uses getCurrentUser().
 */
export const getSessionUser = cache(async (): Promise<Actor | null> => {
  const jar = await cookies();
  const raw = jar.get(sessionCookieName(getEnv().NEXTAUTH_URL))?.value;
  if (!raw) return null;
  const token = await decodeSessionToken(raw, authSecret());
  if (!token?.uid || !token.sid || token.sv === undefined) return null;
  return loadActor(getDb(), { userId: token.uid, sessionId: token.sid, sessionVersion: token.sv });
});

/**
 * The signed-in user of this request, or null. A person on a temporary (one-time) password counts
 * as not signed in until they set their own: a printed slip alone must not be able to act.
 */
export async function getCurrentUser(): Promise<Actor | null> {
  const user = await getSessionUser();
  return user && !user.mustChangePassword ? user : null;
}

/** For pages: the user, or a redirect to the sign-in page (or to the forced password change). */
export async function requireUser(options: { allowPasswordChange?: boolean } = {}): Promise<Actor> {
  const user = await getSessionUser();
  if (!user) redirect('/login');
  if (user.mustChangePassword && !options.allowPasswordChange) redirect('/change-password');
  return user;
}

/** For pages: the user holding `permission`, or the "no access" page. */
export async function requirePermission(permission: Permission): Promise<Actor> {
  const user = await requireUser();
  if (!user.permissions.has(permission)) redirect('/forbidden');
  return user;
}
