'use server';
// Server actions of lessons: open a lesson from the timetable, edit its record, homework.
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { answerErrors, typedValues, SESSION_ENDED } from '@/lib/action-errors';
import { getCurrentUser } from '@/lib/auth/current-user';
import { isIsoDate } from '@/lib/domain/calendar';
import { idField, optionalIdField } from '@/lib/ids';
import { MESSAGES } from '@/lib/data/journal/result';
import { confirmAttendance, openLesson, recordNoHomework, updateLesson } from '@/lib/data/journal/lessons';
import { deleteAttachment, deleteHomework, saveHomework } from '@/lib/data/journal/homework';
import { fieldErrors } from '@/lib/form-errors';

/** values: what the homework form held, sent back with an error so that the typed assignment is not lost. */
export type FormState = { ok?: boolean; message?: string; errors?: Record<string, string>; values?: HomeworkTyped };
type HomeworkTyped = { text: string; dueDate: string; studentIds: string[] };
/** The lesson record's form: what it held, sent back with an error (plannedTest: 'on' when ticked). */
export type LessonFormState = Omit<FormState, 'values'> & { values?: LessonTyped };
type LessonTyped = Record<(typeof LESSON_FIELDS)[number], string>;
const LESSON_FIELDS = ['topic', 'plannedTopicId', 'lessonKind', 'plannedTest', 'substituteTeacherId'] as const;

const expired: FormState = { errors: { form: SESSION_ENDED } };
const lessonId = idField(MESSAGES.lessonNotFound);
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Укажите дату').refine(isIsoDate, 'Такой даты нет в календаре');
const formError = (message: string): FormState => ({ errors: { form: message } });


const openSchema = z.object({ courseId: idField(MESSAGES.courseNotFound), date: isoDate, slot: z.coerce.number().int().min(0, 'Номер урока').max(12, 'Номер урока') });

export async function openLessonAction(_prev: FormState, form: FormData): Promise<FormState> {
  return answerErrors('openLessonAction', formError, async () => {
    const actor = await getCurrentUser();
    if (!actor) return expired;
    const parsed = openSchema.safeParse({ courseId: form.get('courseId'), date: form.get('date'), slot: form.get('slot') });
    if (!parsed.success) return { errors: fieldErrors(parsed.error.issues) };
    const r = await openLesson(actor, parsed.data);
    if (!r.ok) return { errors: { [r.field ?? 'form']: r.error } };
    redirect(`/journal/lessons/${r.lessonId}`);
  });
}

const lessonSchema = z.object({
  lessonId,
  topic: z.string().trim().max(300, 'Слишком длинная тема').transform((v) => v || null),
  plannedTopicId: optionalIdField(MESSAGES.topicNotInPlan),
  lessonKind: z.enum(['LESSON', 'TEST', 'QUIZ', 'LAB', 'PRACTICAL', 'DICTATION', 'EXCURSION'], 'Выберите тип занятия'),
  plannedTest: z.boolean(),
  substituteTeacherId: optionalIdField(MESSAGES.substituteNotFound),
  expectedVersion: z.coerce.number().int().min(1),
});

export async function updateLessonAction(_prev: LessonFormState, form: FormData): Promise<LessonFormState> {
  const state = await answerErrors('updateLessonAction', formError, async (): Promise<FormState> => {
    const actor = await getCurrentUser();
    if (!actor) return expired;
    const parsed = lessonSchema.safeParse({
      lessonId: form.get('lessonId'), topic: form.get('topic') ?? '', plannedTopicId: form.get('plannedTopicId') ?? '',
      lessonKind: form.get('lessonKind'), plannedTest: form.get('plannedTest') === 'on',
      substituteTeacherId: form.get('substituteTeacherId') ?? '', expectedVersion: form.get('expectedVersion'),
    });
    if (!parsed.success) return { errors: fieldErrors(parsed.error.issues) };
    const { lessonId, ...input } = parsed.data;
    const r = await updateLesson(actor, lessonId, input);
    if (!r.ok) return { errors: { [r.field ?? 'form']: r.error } };
    // Unchanged too: after a lost answer the page still holds the old version, and needs the new one.
    revalidatePath(`/journal/lessons/${lessonId}`);
    return { ok: true, message: r.changed ? 'Урок сохранён' : 'Без изменений: урок уже сохранён' };
  });
  return state.ok ? { ok: true, message: state.message } : { errors: state.errors, values: typedValues(form, LESSON_FIELDS) };
}

const homeworkSchema = z.object({
  lessonId,
  text: z.string().trim().min(2, 'Напишите задание').max(4000, 'Слишком длинное задание'),
  dueDate: z.union([z.literal(''), isoDate]).transform((v) => v || null),
  // «Выбранным ученикам» with nobody ticked is not the class assignment, which it would replace.
  audience: z.enum(['class', 'pupils']).default('class'),
  studentIds: z.array(idField('Ученик не найден')).max(60, 'Не больше 60 учеников за раз'),
  replaces: z.string().max(40).transform((v) => v || null),
}).refine((v) => v.audience === 'class' || v.studentIds.length > 0, { path: ['studentIds'], message: 'Выберите учеников' });

export async function saveHomeworkAction(_prev: FormState, form: FormData): Promise<FormState> {
  const state = await answerErrors('saveHomeworkAction', formError, async () => {
    const actor = await getCurrentUser();
    if (!actor) return expired;
    const parsed = homeworkSchema.safeParse({ lessonId: form.get('lessonId'), text: form.get('text') ?? '', dueDate: form.get('dueDate') ?? '', audience: form.get('audience') ?? undefined, studentIds: form.getAll('studentIds'), replaces: form.get('replaces') ?? '' });
    if (!parsed.success) return { errors: fieldErrors(parsed.error.issues) };
    const { lessonId, ...input } = parsed.data;
    const r = await saveHomework(actor, lessonId, input);
    if (!r.ok) return { errors: { [r.field ?? 'form']: r.error } };
    revalidatePath(`/journal/lessons/${lessonId}`);
    if (!r.changed) return { ok: true, message: 'Без изменений: это задание уже сохранено' };
    return { ok: true, message: input.studentIds.length ? `Индивидуальное задание выдано: ${input.studentIds.length}` : 'Домашнее задание сохранено' };
  });
  return state.ok ? state : { ...state, values: typedValues(form, ['text', 'dueDate'], ['studentIds']) };
}

const refSchema = z.object({ lessonId, targetId: idField('Запись не найдена') });
/** The `seen` a page sent with a deletion (see deleteHomework); none from an older page. */
const seenOf = (form: FormData) => (typeof form.get('seen') === 'string' ? String(form.get('seen')) : undefined);

/** Small commands on the lesson page: delete homework or a file, confirm attendance taken, record «no homework». */
export async function lessonCommandAction(_prev: FormState, form: FormData): Promise<FormState> {
  return answerErrors('lessonCommandAction', formError, async () => {
    const actor = await getCurrentUser();
    if (!actor) return expired;
    const parsed = refSchema.safeParse({ lessonId: form.get('lessonId'), targetId: form.get('targetId') ?? form.get('lessonId') });
    if (!parsed.success) return { errors: { form: 'Неверный запрос' } };
    const { lessonId, targetId } = parsed.data;
    const command = String(form.get('command'));
    const r =
      command === 'delete-homework' ? await deleteHomework(actor, targetId, seenOf(form))
      : command === 'delete-attachment' ? await deleteAttachment(actor, targetId)
      : command === 'attendance-taken' ? await confirmAttendance(actor, lessonId)
      : command === 'no-homework' ? await recordNoHomework(actor, lessonId)
      : { ok: false as const, error: 'Неизвестное действие' };
    if (!r.ok) return { errors: { form: r.error } };
    revalidatePath(`/journal/lessons/${lessonId}`);
    return { ok: true, message: 'Готово' };
  });
}
