// GET a homework attachment, for staff who may read the lesson's course.
import { attachmentDownload } from '@/lib/attachment-response';
import { getCurrentUser } from '@/lib/auth/current-user';
import { readAttachment } from '@/lib/data/journal/homework';
import { parseId } from '@/lib/ids';

export async function GET(_request: Request, { params }: { params: Promise<{ attachmentId: string }> }) {
  const actor = await getCurrentUser();
  if (!actor) return new Response('Требуется вход', { status: 401 });
  const id = parseId((await params).attachmentId);
  const file = id === null ? null : await readAttachment(actor, id);
  if (!file) return new Response('Файл не найден', { status: 404 });
  return attachmentDownload(file);
}
