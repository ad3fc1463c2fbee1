// Who gets the weekly extract on paper (seeds 000 §2, 001 §5): the families the consent in force
// puts on paper (deliveriesOf: no consent, a refusal, a paper preference, e-mail without an
// address), and the families meant to read the diary online none of whose parents can sign in
// (no parent with an active account that has a password): online they would get nothing at all.
// The diary checks (lib/data/diary/class-checks.ts) do not judge those families, for that reason.
import 'server-only';
import { getDb } from '../../db';
import type { Prisma } from '../../prisma-client';
import { deliveriesOf, type PaperReason } from '../consents';

export type PrintReason = PaperReason | 'NO_ACCOUNT';

/** A parent who can sign in to the diary. */
export const SIGNS_IN = { active: true, login: { not: null }, passwordHash: { not: null } } satisfies Prisma.UserWhereInput;

export function signsIn(p: { active: boolean; login: string | null; passwordHash: string | null }): boolean {
  return p.active && !!p.login && !!p.passwordHash;
}

/** The pupils among `studentIds` whose family gets the extract on paper, with the reason. */
export async function paperReasons(schoolId: number, studentIds: number[]): Promise<Map<number, PrintReason>> {
  if (!studentIds.length) return new Map();
  const [deliveries, online] = await Promise.all([
    deliveriesOf(schoolId, studentIds),
    getDb().guardianship.findMany({ where: { schoolId, studentId: { in: studentIds }, parent: { schoolId, ...SIGNS_IN } }, select: { studentId: true } }),
  ]);
  const reachable = new Set(online.map((g) => g.studentId));
  const reasons = new Map<number, PrintReason>();
  for (const id of studentIds) {
    const d = deliveries.get(id);
    if (d?.kind === 'paper') reasons.set(id, d.reason);
    else if (d?.kind === 'online' && !reachable.has(id)) reasons.set(id, 'NO_ACCOUNT');
  }
  return reasons;
}
