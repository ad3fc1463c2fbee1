'use client';
// Class homework, individual homework for chosen pupils, and files attached to either.
import { useActionState, useState } from 'react';
import type { LessonDetails } from '@/lib/data/journal/lesson-details';
import { lessonCommandAction, saveHomeworkAction, type FormState } from '../../actions';
import { AttachmentUpload } from './attachment-upload';

const input = 'w-full rounded-md border border-line px-3 py-2';
type Hw = LessonDetails['classHomework'][number];

export function HomeworkSection({ lesson }: { lesson: LessonDetails }) {
  const [state, action, pending] = useActionState<FormState, FormData>(saveHomeworkAction, {});
  const [individual, setIndividual] = useState(false);
  const current = lesson.classHomework[0];
  const e = state.errors ?? {};
  // After an error the form shows what was typed (state.values), not the saved assignment.
  const typed = state.values;
  const other = Object.entries(e).find(([field]) => !['text', 'dueDate', 'studentIds'].includes(field))?.[1];
  return (
    <section aria-labelledby="homework" className="rounded-lg border border-line bg-white p-4">
      <h2 id="homework" className="mb-3 text-lg font-bold">Домашнее задание</h2>
      {lesson.classHomework.map((h) => <HomeworkItem key={h.id} lesson={lesson} hw={h} title="Всему классу" />)}
      {lesson.individualHomework.map((h) => <HomeworkItem key={h.id} lesson={lesson} hw={h} title={`Индивидуально: ${h.pupil}`} />)}
      {!current && <NoHomework lesson={lesson} />}
      {lesson.writable && (
        <form action={action} className="mt-3 space-y-3 border-t border-line pt-3">
          <input type="hidden" name="lessonId" value={lesson.id} />
          <input type="hidden" name="replaces" value={current?.seen ?? ''} />
          <div className="flex gap-4 text-sm" role="radiogroup" aria-label="Кому задание">
            <label className="flex items-center gap-1"><input type="radio" name="audience" value="class" checked={!individual} onChange={() => setIndividual(false)} /> всему классу{current ? ' (заменит текущее)' : ''}</label>
            <label className="flex items-center gap-1"><input type="radio" name="audience" value="pupils" checked={individual} onChange={() => setIndividual(true)} /> выбранным ученикам</label>
          </div>
          <label className="block">
            <span className="mb-1 block font-bold">Задание</span>
            <textarea name="text" rows={3} className={input} defaultValue={typed?.text ?? (individual ? '' : (current?.text ?? ''))} key={String(individual)} maxLength={4000}
              aria-invalid={e.text ? true : undefined} aria-describedby="homework-text-error" />
          </label>
          <p id="homework-text-error" aria-live="polite" className="text-sm text-danger">{e.text}</p>
          <label className="block w-48">
            <span className="mb-1 block font-bold">Срок сдачи</span>
            <input type="date" name="dueDate" min={lesson.date} className={input} defaultValue={typed?.dueDate ?? (individual ? '' : (current?.dueDate ?? ''))}
              aria-invalid={e.dueDate ? true : undefined} aria-describedby="homework-due-error" />
          </label>
          <p id="homework-due-error" aria-live="polite" className="text-sm text-danger">{e.dueDate}</p>
          {individual && (
            <fieldset className="rounded-md border border-line p-2" aria-describedby="homework-pupils-error">
              <legend className="px-1 text-sm font-bold">Ученики</legend>
              <div className="grid max-h-48 gap-1 overflow-y-auto sm:grid-cols-2">
                {lesson.pupils.map((p) => <label key={p.id} className="flex items-center gap-2 text-sm"><input type="checkbox" name="studentIds" value={p.id} defaultChecked={typed?.studentIds.includes(String(p.id))} /> {p.name}</label>)}
              </div>
              <p id="homework-pupils-error" aria-live="polite" className="text-sm text-danger">{e.studentIds}</p>
            </fieldset>
          )}
          <button disabled={pending} className="rounded-md bg-accent px-4 py-2 font-bold text-white disabled:opacity-60">Сохранить задание</button>
          <p aria-live="polite" className={other ? 'text-danger' : 'text-ok'}>{other ?? state.message}</p>
        </form>
      )}
    </section>
  );
}

/** «Не задано» is homework information too (seed 002 §3.5): it meets the deadline without an assignment. */
function NoHomework({ lesson }: { lesson: LessonDetails }) {
  const [state, command, pending] = useActionState<FormState, FormData>(lessonCommandAction, {});
  if (lesson.noHomework) return <p className="text-ok">Отмечено: домашнее задание не задано.</p>;
  if (!lesson.writable) return <p className="text-muted">Задание не внесено.</p>;
  return (
    <form action={command} className="flex flex-wrap items-center gap-3 text-sm">
      <input type="hidden" name="lessonId" value={lesson.id} />
      <input type="hidden" name="command" value="no-homework" />
      <button disabled={pending} className="rounded-md border border-line px-3 py-1.5 hover:border-accent">Домашнее задание не задано</button>
      <span aria-live="polite" className="text-danger">{state.errors?.form}</span>
    </form>
  );
}

function HomeworkItem({ lesson, hw, title }: { lesson: LessonDetails; hw: Hw; title: string }) {
  const [state, command] = useActionState<FormState, FormData>(lessonCommandAction, {});
  return (
    <article className="mb-3 rounded-md bg-paper p-3">
      <h3 className="text-sm font-bold text-muted">{title}{hw.dueDate ? ` · сдать до ${hw.dueDate.split('-').reverse().join('.')}` : ''}</h3>
      <p className="whitespace-pre-wrap">{hw.text}</p>
      {hw.attachments.length > 0 && (
        <ul className="mt-2 space-y-1 text-sm">
          {hw.attachments.map((a) => (
            <li key={a.id} className="flex items-center gap-2">
              <a className="text-accent underline" href={`/journal/lessons/${lesson.id}/attachments/${a.id}`}>{a.fileName}</a>
              <span className="text-muted">{Math.ceil(a.size / 1024)} КБ</span>
              {lesson.writable && (
                <form action={command}><input type="hidden" name="lessonId" value={lesson.id} /><input type="hidden" name="targetId" value={a.id} /><input type="hidden" name="command" value="delete-attachment" /><button className="text-danger underline">удалить</button></form>
              )}
            </li>
          ))}
        </ul>
      )}
      {lesson.writable && (
        <div className="mt-2 flex flex-wrap items-center gap-3">
          <AttachmentUpload lessonId={lesson.id} homeworkId={hw.id} />
          <form action={command}><input type="hidden" name="lessonId" value={lesson.id} /><input type="hidden" name="targetId" value={hw.id} /><input type="hidden" name="seen" value={hw.seen} /><input type="hidden" name="command" value="delete-homework" /><button className="text-sm text-danger underline">удалить задание</button></form>
        </div>
      )}
      <p aria-live="polite" className="text-sm text-danger">{state.errors?.form}</p>
    </article>
  );
}
