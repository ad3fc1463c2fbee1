// The signed-in person for data-layer tests, built the way a request builds it: an open session
// row and loadActor(), so roles, the school's role permissions and class-teacher duties all apply.
//
//   const admin = await actorFor(db, school.adminId);
//   expect(await someDataFunction(admin, …)).toMatchObject({ ok: true });
import { randomUUID } from 'node:crypto';
import type { PrismaClient } from '../../lib/prisma-client';
import { loadActor, type Actor } from '../../lib/auth/actor';
import { DEFAULT_ROLE_PERMISSIONS } from '../../lib/auth/permissions';
import type { Role } from '../../lib/generated/prisma/enums';

/**
 * Gives the school the default role permissions (lib/auth/permissions.ts), as a new school gets
 * them, unless the school already has some (a test may have set its own).
 */
export async function seedRolePermissions(prisma: PrismaClient, schoolId: number): Promise<void> {
  if (await prisma.rolePermission.count({ where: { schoolId } })) return;
  await prisma.rolePermission.createMany({
    data: (Object.entries(DEFAULT_ROLE_PERMISSIONS) as [Role, readonly string[]][]).flatMap(([role, permissions]) =>
      permissions.map((permission) => ({ schoolId, role, permission })),
    ),
    skipDuplicates: true,
  });
}

/** The Actor of `userId` with a fresh open session; the school's default role permissions are seeded if absent. */
export async function actorFor(prisma: PrismaClient, userId: number): Promise<Actor> {
  const user = await prisma.user.findUniqueOrThrow({ where: { id: userId }, select: { schoolId: true, sessionVersion: true } });
  await seedRolePermissions(prisma, user.schoolId);
  const sessionId = randomUUID();
  await prisma.userSession.create({ data: { id: sessionId, schoolId: user.schoolId, userId } });
  const actor = await loadActor(prisma, { userId, sessionId, sessionVersion: user.sessionVersion });
  if (!actor) throw new Error(`actorFor: user ${userId} cannot sign in (inactive?)`);
  return actor;
}
