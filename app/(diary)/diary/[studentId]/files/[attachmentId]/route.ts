// GET a homework file from the family's side: /diary/[studentId]/files/[attachmentId].
import { attachmentDownload } from '@/lib/attachment-response';
import { getCurrentUser } from '@/lib/auth/current-user';
import { diaryAttachment } from '@/lib/data/diary/attachments';
import { parseStudentId } from '@/lib/data/diary/open';
import { parseId } from '@/lib/ids';

type Params = { params: Promise<{ studentId: string; attachmentId: string }> };

export async function GET(_request: Request, { params }: Params) {
  const actor = await getCurrentUser();
  if (!actor) return new Response('Требуется вход', { status: 401 });
  const { studentId, attachmentId } = await params;
  const file = await diaryAttachment(actor, parseStudentId(studentId), parseId(attachmentId) ?? NaN);
  if (!file) return new Response('Файл не найден', { status: 404 });
  return attachmentDownload(file);
}
