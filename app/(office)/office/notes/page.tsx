import { redirect } from 'next/navigation';
import { requireUser } from '@/lib/auth/current-user';
import { formatInstantRu } from '@/lib/domain/diary-format';
import { noteKindsFor, readNotes } from '@/lib/data/notes';
import { getDb } from '@/lib/db';
import { className } from '@/lib/data/names';
import { NoteForm } from './note-form';

export const metadata = { title: 'Записи специалистов' };

const KIND_LABELS = { MEDICAL: 'Медицинская', PSYCHOLOGICAL: 'Психолога' } as const;

export default async function NotesPage() {
  const user = await requireUser();
  const kinds = noteKindsFor(user);
  if (!kinds.length) redirect('/forbidden');
  const [notes, classes] = await Promise.all([
    readNotes(user),
    getDb().schoolClass.findMany({ where: { schoolId: user.schoolId }, select: { id: true, gradeLevel: true, letter: true }, orderBy: [{ gradeLevel: 'asc' }, { letter: 'asc' }] }),
  ]);
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">Записи специалистов</h1>
      <p className="max-w-2xl text-muted">Эти записи видят только специалисты вашей роли. Ни администрация, ни учителя, ни родители их не видят.</p>
      <NoteForm kinds={kinds.map((k) => ({ value: k, label: KIND_LABELS[k] }))} classes={classes.map((c) => ({ id: c.id, name: className(c) }))} />
      <ul className="divide-y divide-line rounded-lg border border-line bg-white">
        {notes.length === 0 && <li className="p-4 text-muted">Записей пока нет.</li>}
        {notes.map((n) => (
          <li key={n.id} className="p-4">
            <p className="text-sm text-muted">{formatInstantRu(n.createdAt, user.timeZone)} · {KIND_LABELS[n.kind]} · {n.authorName}</p>
            <p className="font-bold">{n.studentName}</p>
            <p className="whitespace-pre-wrap">{n.text}</p>
          </li>
        ))}
      </ul>
    </div>
  );
}
