'use client';
// The lesson's record: topic (the next КТП topic is offered), kind, planned test, substitute.
import { useActionState, useState } from 'react';
import type { LessonDetails } from '@/lib/data/journal/lesson-details';
import { lessonCommandAction, updateLessonAction, type FormState, type LessonFormState } from '../../actions';

const KINDS: [string, string][] = [['LESSON', 'Урок'], ['TEST', 'Контрольная работа'], ['QUIZ', 'Проверочная работа'], ['LAB', 'Лабораторная работа'], ['PRACTICAL', 'Практическая работа'], ['DICTATION', 'Диктант'], ['EXCURSION', 'Экскурсия']];
const input = 'w-full rounded-md border border-line px-3 py-2';

export function LessonForm({ lesson }: { lesson: LessonDetails }) {
  const [state, action, pending] = useActionState<LessonFormState, FormData>(updateLessonAction, {});
  const [cmd, command] = useActionState<FormState, FormData>(lessonCommandAction, {});
  const [topic, setTopic] = useState(lesson.topic ?? '');
  const [plannedTopicId, setPlannedTopicId] = useState(lesson.plannedTopicId ? String(lesson.plannedTopicId) : '');
  const [kind, setKind] = useState<string>(lesson.lessonKind);
  // After a refused save the uncontrolled fields show what was chosen (state.values), not the saved lesson.
  const typed = state.values;
  const substitute = typed?.substituteTeacherId ?? (lesson.isSubstitution ? String(lesson.teacher.id) : '');
  const plannedTest = typed ? typed.plannedTest === 'on' : lesson.plannedTest;
  const e = state.errors ?? {};
  const other = e.form ?? Object.entries(e).find(([field]) => !['topic', 'plannedTopicId', 'lessonKind', 'substituteTeacherId'].includes(field))?.[1];
  const offer = lesson.nextTopic;
  return (
    <section aria-labelledby="lesson-record" className="rounded-lg border border-line bg-white p-4">
      <h2 id="lesson-record" className="mb-3 text-lg font-bold">Запись урока</h2>
      <form action={action} className="space-y-3">
        <fieldset disabled={!lesson.writable} className="space-y-3">
          <input type="hidden" name="lessonId" value={lesson.id} />
          <input type="hidden" name="expectedVersion" value={lesson.version} />
          <input type="hidden" name="plannedTopicId" value={plannedTopicId} />
          <label className="block">
            <span className="mb-1 block font-bold">Тема урока</span>
            <input name="topic" className={input} value={topic} maxLength={300} onChange={(ev) => { setTopic(ev.target.value); setPlannedTopicId(''); }}
              aria-invalid={e.topic ? true : undefined} aria-describedby="topic-error" />
          </label>
          {offer && !lesson.topic && String(offer.id) !== plannedTopicId && (
            <p className="text-sm">По КТП следующая тема: <button type="button" className="text-accent underline" onClick={() => { setTopic(offer.title); setPlannedTopicId(String(offer.id)); setKind(offer.lessonKind); }}>№{offer.ordinal}. {offer.title}</button></p>
          )}
          {lesson.topics.length > 0 && (
            <label className="block text-sm">
              <span className="mb-1 block text-muted">или тема из КТП</span>
              <select className={input} value={plannedTopicId} onChange={(ev) => { const t = lesson.topics.find((x) => String(x.id) === ev.target.value); setPlannedTopicId(ev.target.value); if (t) { setTopic(t.title); setKind(t.lessonKind); } }}>
                <option value="">—</option>
                {lesson.topics.map((t) => <option key={t.id} value={t.id}>{t.ordinal}. {t.title}</option>)}
              </select>
            </label>
          )}
          <p id="topic-error" aria-live="polite" className="text-sm text-danger">{e.topic ?? e.plannedTopicId}</p>
          <div className="grid gap-3 sm:grid-cols-2">
            <div>
              <label className="block">
                <span className="mb-1 block font-bold">Тип занятия</span>
                <select name="lessonKind" className={input} value={kind} onChange={(ev) => setKind(ev.target.value)}
                  aria-invalid={e.lessonKind ? true : undefined} aria-describedby="kind-error">
                  {KINDS.map(([v, l]) => <option key={v} value={v}>{l}</option>)}
                </select>
              </label>
              <p id="kind-error" aria-live="polite" className="text-sm text-danger">{e.lessonKind}</p>
            </div>
            <div>
              <label className="block">
                <span className="mb-1 block font-bold">Замещающий учитель</span>
                {/* A select takes a changed defaultValue only when mounted anew: the key remounts it with what was chosen. */}
                <select key={typed ? `typed:${substitute}` : 'saved'} name="substituteTeacherId" className={input} defaultValue={substitute}
                  aria-invalid={e.substituteTeacherId ? true : undefined} aria-describedby="substitute-error">
                  <option value="">нет замены</option>
                  {lesson.teachers.map((t) => <option key={t.id} value={t.id}>{t.name}</option>)}
                </select>
              </label>
              <p id="substitute-error" aria-live="polite" className="text-sm text-danger">{e.substituteTeacherId}</p>
            </div>
          </div>
          <label className="flex items-center gap-2"><input type="checkbox" name="plannedTest" defaultChecked={plannedTest} className="h-5 w-5" /> Плановая контрольная (в графике контрольных работ)</label>
          <button disabled={pending} className="rounded-md bg-accent px-4 py-2 font-bold text-white disabled:opacity-60">Сохранить урок</button>
        </fieldset>
        <p aria-live="polite" className={other ? 'text-danger' : 'text-ok'}>{other ?? state.message}</p>
      </form>
      <form action={command} className="mt-3 flex items-center gap-3 border-t border-line pt-3 text-sm">
        <input type="hidden" name="lessonId" value={lesson.id} />
        <input type="hidden" name="command" value="attendance-taken" />
        {lesson.attendanceTaken ? <span className="text-ok">Посещаемость отмечена</span> : (
          <button disabled={!lesson.writable || lesson.notHeld} className="rounded-md border border-line px-3 py-1.5 hover:border-accent disabled:opacity-60">Все присутствуют — отметить посещаемость</button>
        )}
        {lesson.notHeld && !lesson.attendanceTaken && <span className="text-muted">Урок ещё не проведён: посещаемость отмечают в день урока.</span>}
        <span aria-live="polite" className="text-danger">{cmd.errors?.form}</span>
      </form>
    </section>
  );
}
