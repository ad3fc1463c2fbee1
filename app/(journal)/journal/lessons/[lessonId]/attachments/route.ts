// POST a homework attachment (multipart: homeworkId, file). A route handler rather than a server
// action because actions refuse bodies over 1 MB by default.
import { NextResponse } from 'next/server';
import { getCurrentUser } from '@/lib/auth/current-user';
import { addAttachment } from '@/lib/data/journal/homework';
import { MAX_ATTACHMENT_BYTES } from '@/lib/domain/attachment-types';
import { parseId } from '@/lib/ids';

export async function POST(request: Request) {
  const actor = await getCurrentUser();
  if (!actor) return NextResponse.json({ ok: false, error: 'Требуется вход' }, { status: 401 });
  if (Number(request.headers.get('content-length') ?? 0) > MAX_ATTACHMENT_BYTES + 64 * 1024) {
    return NextResponse.json({ ok: false, error: 'Файл больше 5 МБ' }, { status: 413 });
  }
  const form = await request.formData().catch(() => null);
  const file = form?.get('file');
  const homeworkId = parseId(form?.get('homeworkId'));
  if (!(file instanceof File)) return NextResponse.json({ ok: false, error: 'Выберите файл' }, { status: 400 });
  if (homeworkId === null) return NextResponse.json({ ok: false, error: 'Задание не найдено' }, { status: 404 });
  const result = await addAttachment(actor, homeworkId, file.name, new Uint8Array(await file.arrayBuffer()));
  return NextResponse.json(result, { status: result.ok ? 200 : 400 });
}
