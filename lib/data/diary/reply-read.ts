// The class teacher's answers waiting unread (class-reply.ts): an answer is a message to the parent
// who wrote, unread (readAt null) until that parent opens the child's «Итоги» page, where answers
// are shown. Until then the diary's tabs say so (familyChildren's newReply, family.ts, asks the
// same question within the statement every diary page already runs).
import 'server-only';
import { getDb } from '../../db';
import type { Actor } from '../../auth/actor';

/**
 * Marks the actor's own unread answers about the pupil read; returns how many. Only the answer's
 * recipient matches (the parent who wrote): the pupil, the other parent or the class teacher
 * opening the page reads no one else's mail. Call it once the page has read the answers, so they
 * are shown as new this once, and only for a pupil whose diary the actor opened as family.
 */
export async function markRepliesRead(actor: Actor, studentId: number, now = new Date()): Promise<number> {
  const { count } = await getDb().message.updateMany({
    where: { schoolId: actor.schoolId, recipientId: actor.id, studentId, replyToId: { not: null }, readAt: null },
    data: { readAt: now },
  });
  return count;
}
