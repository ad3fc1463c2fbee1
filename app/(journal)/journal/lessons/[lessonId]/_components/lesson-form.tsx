'use client';
// The lesson's record: topic (the next КТП topic is offered), kind, planned test, substitute.
import { useActionState, useState } from 'react';
import type { LessonDetails } from '@/lib/data/journal/lesson-details';
import { lessonCommandAction, updateLessonAction, type FormState } from '../../actions';

const KINDS: [string, string][] = [['LESSON', 'Урок'], ['TEST', 'Контрольная работа'], ['QUIZ', 'Проверочная работа'], ['LAB', 'Лабораторная работа'], ['PRACTICAL', 'Практическая работа'], ['DICTATION', 'Диктант'], ['EXCURSION', 'Экскурсия']];
const input = 'w-full rounded-md border border-line px-3 py-2';

export function LessonForm({ lesson }: { lesson: LessonDetails }) {
  const [state, action, pending] = useActionState<FormState, FormData>(updateLessonAction, {});
  const [cmd, command] = useActionState<FormState, FormData>(lessonCommandAction, {});
  const [topic, setTopic] = useState(lesson.topic ?? '');
  const [plannedTopicId, setPlannedTopicId] = useState(lesson.plannedTopicId ? String(lesson.plannedTopicId) : '');
  const [kind, setKind] = useState<string>(lesson.lessonKind);
  const substitute = lesson.isSubstitution ? String(lesson.teacher.id) : '';
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
            <input name="topic" className={input} value={topic} maxLength={300} onChange={(e) => { setTopic(e.target.value); setPlannedTopicId(''); }} aria-describedby="topic-error" />
          </label>
          {offer && !lesson.topic && String(offer.id) !== plannedTopicId && (
            <p className="text-sm">По КТП следующая тема: <button type="button" className="text-accent underline" onClick={() => { setTopic(offer.title); setPlannedTopicId(String(offer.id)); setKind(offer.lessonKind); }}>№{offer.ordinal}. {offer.title}</button></p>
          )}
          {lesson.topics.length > 0 && (
            <label className="block text-sm">
              <span className="mb-1 block text-muted">или тема из КТП</span>
              <select className={input} value={plannedTopicId} onChange={(e) => { const t = lesson.topics.find((x) => String(x.id) === e.target.value); setPlannedTopicId(e.target.value); if (t) { setTopic(t.title); setKind(t.lessonKind); } }}>
                <option value="">—</option>
                {lesson.topics.map((t) => <option key={t.id} value={t.id}>{t.ordinal}. {t.title}</option>)}
              </select>
            </label>
          )}
          <p id="topic-error" aria-live="polite" className="text-sm text-danger">{state.errors?.topic ?? state.errors?.plannedTopicId}</p>
          <div className="grid gap-3 sm:grid-cols-2">
            <label className="block">
              <span className="mb-1 block font-bold">Тип занятия</span>
              <select name="lessonKind" className={input} value={kind} onChange={(e) => setKind(e.target.value)}>
                {KINDS.map(([v, l]) => <option key={v} value={v}>{l}</option>)}
              </select>
            </label>
            <label className="block">
              <span className="mb-1 block font-bold">Замещающий учитель</span>
              <select name="substituteTeacherId" className={input} defaultValue={substitute}>
                <option value="">нет замены</option>
                {lesson.teachers.map((t) => <option key={t.id} value={t.id}>{t.name}</option>)}
              </select>
            </label>
          </div>
          <label className="flex items-center gap-2"><input type="checkbox" name="plannedTest" defaultChecked={lesson.plannedTest} className="h-5 w-5" /> Плановая контрольная (в графике контрольных работ)</label>
          <button disabled={pending} className="rounded-md bg-accent px-4 py-2 font-bold text-white disabled:opacity-60">Сохранить урок</button>
        </fieldset>
        <p aria-live="polite" className={state.errors ? 'text-danger' : 'text-ok'}>{state.errors?.form ?? state.errors?.substituteTeacherId ?? state.message}</p>
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
