// The signed-in person as every data function sees them: identity, roles, effective permissions
// and the classes they lead. Built from the database on every request, so a role change,
// deactivation, password change or ended session takes effect on the very next request.
import 'server-only';
import type { Role } from '../generated/prisma/enums';
import type { PrismaClient } from '../prisma-client';
import { effectivePermissions, type Permission } from './permissions';
import { LAST_SEEN_WRITE_INTERVAL_MS, sessionExpiry } from './session-policy';

export type Actor = {
  id: number;
  schoolId: number;
  login: string | null;
  lastName: string;
  firstName: string;
  middleName: string | null;
  roles: readonly Role[];
  permissions: ReadonlySet<Permission>;
  /** Classes of which this person is the class teacher (классный руководитель). */
  classTeacherOf: readonly number[];
  sessionId: string;
  mustChangePassword: boolean;
};

export type SessionClaims = { userId: number; sessionId: string; sessionVersion: number };

export function can(actor: Actor | null | undefined, permission: Permission): boolean {
  return !!actor && actor.permissions.has(permission);
}

export function hasRole(actor: Actor | null | undefined, role: Role): boolean {
  return !!actor && actor.roles.includes(role);
}

export function fullName(p: { lastName: string; firstName: string; middleName?: string | null }): string {
  return [p.lastName, p.firstName, p.middleName].filter(Boolean).join(' ');
}

/** Null when the session is ended, expired, of an older session version, or the user is inactive. */
export async function loadActor(db: PrismaClient, claims: SessionClaims, now = new Date()): Promise<Actor | null> {
  const session = await db.userSession.findFirst({
    where: { id: claims.sessionId, userId: claims.userId, endedAt: null, user: { active: true, sessionVersion: claims.sessionVersion } },
    select: {
      createdAt: true,
      lastSeenAt: true,
      user: {
        select: {
          id: true, schoolId: true, login: true, lastName: true, firstName: true, middleName: true, mustChangePassword: true,
          roles: { select: { role: true } },
          permissions: { select: { permission: true } },
          classesTaught: { select: { id: true } },
        },
      },
    },
  });
  if (!session) return null;
  const expired = sessionExpiry(session, now);
  if (expired) {
    await db.userSession.updateMany({ where: { id: claims.sessionId, endedAt: null }, data: { endedAt: now } });
    return null;
  }
  if (now.getTime() - session.lastSeenAt.getTime() > LAST_SEEN_WRITE_INTERVAL_MS) {
    await db.userSession.update({ where: { id: claims.sessionId }, data: { lastSeenAt: now } });
  }
  const user = session.user;
  const roles = user.roles.map((r) => r.role);
  const rolePermissions = roles.length
    ? await db.rolePermission.findMany({ where: { schoolId: user.schoolId, role: { in: roles } }, select: { role: true, permission: true } })
    : [];
  return {
    id: user.id,
    schoolId: user.schoolId,
    login: user.login,
    lastName: user.lastName,
    firstName: user.firstName,
    middleName: user.middleName,
    roles,
    permissions: effectivePermissions(roles, rolePermissions, user.permissions.map((p) => p.permission)),
    classTeacherOf: user.classesTaught.map((c) => c.id),
    sessionId: claims.sessionId,
    mustChangePassword: user.mustChangePassword,
  };
}
