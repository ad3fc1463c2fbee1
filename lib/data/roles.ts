// Role permission sets per school (seed 002 §III.4–5): the administrator widens or narrows a
// role, or grants one user an extra permission. Permissions are read from the database on every
// request (lib/auth/actor.ts), so a change applies to open sessions at once without signing
// anyone out.
import 'server-only';
import { getDb } from '../db';
import { writeAudit } from '../audit';
import type { Actor } from '../auth/actor';
import { ALL_ROLES, isPermission, isRole, PERMISSIONS, permissionFitsRole, ROLE_BOUND_PERMISSIONS, type Permission } from '../auth/permissions';
import type { Role } from '../generated/prisma/enums';
import { changedMeanwhile, sameSet, type Result } from './users';

const denied = { ok: false as const, error: 'Недостаточно прав для этого действия' };

export async function rolePermissionMatrix(actor: Actor) {
  if (!actor.permissions.has('roles:manage')) return null;
  const rows = await getDb().rolePermission.findMany({ where: { schoolId: actor.schoolId }, select: { role: true, permission: true } });
  const granted = new Set(rows.map((r) => `${r.role}:${r.permission}`));
  return {
    roles: ALL_ROLES,
    permissions: Object.keys(PERMISSIONS) as Permission[],
    has: (role: Role, permission: Permission) => granted.has(`${role}:${permission}`),
  };
}

/** `shown`: the role's permissions as the form showed them (those that fit the role); see setRoles. */
export async function setRolePermissions(actor: Actor, role: string, permissions: string[], shown?: readonly string[]): Promise<Result> {
  if (!actor.permissions.has('roles:manage')) return denied;
  if (!isRole(role)) return { ok: false, error: 'Неизвестная роль', field: 'role' };
  if (!permissions.every(isPermission)) return { ok: false, error: 'Неизвестное право', field: 'permissions' };
  if (!permissions.every((p) => permissionFitsRole(p as Permission, role))) {
    return { ok: false, error: 'Медицинские записи и записи психолога доступны только своим ролям', field: 'permissions' };
  }
  if (role === 'ADMIN' && !permissions.includes('roles:manage')) {
    return { ok: false, error: 'У роли «Администратор» нельзя отнять управление ролями: школа останется без администратора', field: 'permissions' };
  }
  const db = getDb();
  return db.$transaction(async (tx): Promise<Result> => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`role.permissions.${role}`}), ${actor.schoolId}::int)`;
    const before = await tx.rolePermission.findMany({ where: { schoolId: actor.schoolId, role }, select: { permission: true } });
    if (shown && !sameSet(before.map((b) => b.permission).filter((p) => isPermission(p) && permissionFitsRole(p, role)), shown)) return changedMeanwhile('Права этой роли', 'permissions');
    await tx.rolePermission.deleteMany({ where: { schoolId: actor.schoolId, role } });
    await tx.rolePermission.createMany({ data: permissions.map((permission) => ({ schoolId: actor.schoolId, role, permission })) });
    await writeAudit(tx, { schoolId: actor.schoolId, actorId: actor.id, action: 'role.permissions.set', entityType: 'Role', entityId: role, oldValue: before.map((b) => b.permission).sort(), newValue: [...permissions].sort() });
    return { ok: true };
  });
}

/** `shown`: the person's own grants as the form showed them (no role-bound ones); see setRoles. */
export async function setUserGrants(actor: Actor, userId: number, permissions: string[], shown?: readonly string[]): Promise<Result> {
  if (!actor.permissions.has('roles:manage')) return denied;
  if (!permissions.every(isPermission)) return { ok: false, error: 'Неизвестное право', field: 'permissions' };
  // A role-bound right is never a personal grant: it comes with its role or not at all.
  if (permissions.some((p) => ROLE_BOUND_PERMISSIONS[p as Permission])) {
    return { ok: false, error: 'Медицинские записи и записи психолога нельзя выдать отдельно: они даются только с ролью', field: 'permissions' };
  }
  const db = getDb();
  return db.$transaction(async (tx): Promise<Result> => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('user.grants'), ${userId}::int)`;
    const user = await tx.user.findFirst({ where: { id: userId, schoolId: actor.schoolId }, select: { id: true, permissions: { select: { permission: true } } } });
    if (!user) return { ok: false, error: 'Пользователь не найден' };
    if (shown && !sameSet(user.permissions.map((p) => p.permission).filter((p) => isPermission(p) && !ROLE_BOUND_PERMISSIONS[p]), shown)) return changedMeanwhile('Права этого пользователя', 'permissions');
    await tx.userPermission.deleteMany({ where: { userId } });
    await tx.userPermission.createMany({ data: permissions.map((permission) => ({ schoolId: actor.schoolId, userId, permission, grantedById: actor.id })) });
    await writeAudit(tx, { schoolId: actor.schoolId, actorId: actor.id, action: 'user.permissions.set', entityType: 'User', entityId: userId, oldValue: user.permissions.map((p) => p.permission).sort(), newValue: [...permissions].sort() });
    return { ok: true };
  });
}
