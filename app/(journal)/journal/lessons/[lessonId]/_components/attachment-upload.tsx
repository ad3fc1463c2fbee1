'use client';
// Uploads a file to a homework through the lesson's attachments route (server actions cap bodies
// at 1 MB; attachments may be up to 5 MB). The server checks size and type by content again.
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { ALLOWED_EXTENSIONS, MAX_ATTACHMENT_BYTES } from '@/lib/domain/attachment-types';

export function AttachmentUpload({ lessonId, homeworkId }: { lessonId: number; homeworkId: number }) {
  const router = useRouter();
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);
  const upload = async (file: File | undefined) => {
    if (!file) return;
    if (file.size > MAX_ATTACHMENT_BYTES) return setMessage('Файл больше 5 МБ');
    setBusy(true);
    setMessage('Загрузка…');
    const body = new FormData();
    body.set('homeworkId', String(homeworkId));
    body.set('file', file);
    try {
      const res = await fetch(`/journal/lessons/${lessonId}/attachments`, { method: 'POST', body });
      const json = (await res.json()) as { ok: boolean; error?: string };
      setMessage(json.ok ? 'Файл прикреплён' : (json.error ?? 'Не удалось загрузить'));
      if (json.ok) router.refresh();
    } catch {
      setMessage('Нет связи с сервером');
    } finally {
      setBusy(false);
    }
  };
  return (
    <label className="text-sm">
      <span className="mr-2 text-accent underline">Прикрепить файл</span>
      <input type="file" disabled={busy} className="sr-only" accept={ALLOWED_EXTENSIONS.map((e) => `.${e}`).join(',')} onChange={(e) => void upload(e.target.files?.[0])} />
      <span aria-live="polite" className="text-muted">{message}</span>
    </label>
  );
}
