// For tests that call pages or server actions directly: the next call comes from `userId`, with
// a session opened as a sign-in would open it (the cookie next-auth would have set).
import { randomUUID } from 'node:crypto';
import { encode } from 'next-auth/jwt';
import type { PrismaClient } from '../../lib/prisma-client';
import { authSecret } from '../../lib/env';
import { seedRolePermissions } from './actors';
import { setTestRequest } from './next-request-stub';

export async function signInForRequest(db: PrismaClient, userId: number): Promise<void> {
  const user = await db.user.findUniqueOrThrow({ where: { id: userId }, select: { schoolId: true, sessionVersion: true } });
  await seedRolePermissions(db, user.schoolId);
  const sid = randomUUID();
  await db.userSession.create({ data: { id: sid, schoolId: user.schoolId, userId } });
  const jwt = await encode({ token: { uid: userId, sid, sv: user.sessionVersion }, secret: authSecret() });
  setTestRequest({ cookies: { 'next-auth.session-token': jwt } });
}
