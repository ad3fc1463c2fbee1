'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { answerErrors, typedValues, SESSION_ENDED } from '@/lib/action-errors';
import { getCurrentUser } from '@/lib/auth/current-user';
import { idField, optionalIdField } from '@/lib/ids';
import { addCourse, deleteCourse, setCourseTeachers } from '@/lib/data/teaching-load';
import { copyCourses } from '@/lib/data/teaching-load-copy';
import { fieldErrors } from '@/lib/form-errors';
import { deleteById, type DeleteState } from '@/lib/delete-action';

/** values: what the form held, sent back with an error so that nothing typed is lost. */
export type CourseFormState = { ok?: boolean; message?: string; errors?: Record<string, string>; values?: Record<string, string | string[]> };

const expired: CourseFormState = { errors: { form: SESSION_ENDED } };
const formError = (form: string): CourseFormState => ({ errors: { form } });

const teachersSchema = z.object({
  courseId: idField('Курс не найден'),
  primaryId: idField('Выберите учителя из списка', 'Выберите основного учителя'),
  coTeacherIds: z.array(idField('Выберите учителей из списка')),
});

export async function setCourseTeachersAction(_prev: CourseFormState, form: FormData): Promise<CourseFormState> {
  const state = await answerErrors('setCourseTeachersAction', formError, async (): Promise<CourseFormState> => {
    const actor = await getCurrentUser();
    if (!actor) return expired;
    const parsed = teachersSchema.safeParse({ courseId: form.get('courseId'), primaryId: form.get('primaryId'), coTeacherIds: form.getAll('coTeacherIds') });
    if (!parsed.success) return { errors: fieldErrors(parsed.error.issues, ['courseId']) };
    // `shown`: the teachers as the page showed them, for the data layer to refuse a save over a change made since.
    const result = await setCourseTeachers(actor, parsed.data.courseId, parsed.data, String(form.get('shown') ?? ''));
    if (!result.ok) return { errors: { [result.field ?? 'form']: result.error } };
    revalidatePath('/admin/courses');
    return { ok: true, message: result.changed ? 'Учителя сохранены' : 'Изменений нет' };
  });
  return state.ok ? state : { ...state, values: typedValues(form, ['primaryId'], ['coTeacherIds']) };
}

const courseSchema = z.object({
  classId: idField('Класс не найден'),
  subjectId: optionalIdField('Выберите предмет из списка'),
  subjectName: z.string().trim().max(100, 'Название предмета — не длиннее 100 символов'),
  groupId: optionalIdField('Выберите группу из списка'),
  gradingScaleId: idField('Выберите шкалу отметок из списка', 'Выберите шкалу отметок'),
  primaryId: idField('Выберите учителя из списка', 'Выберите основного учителя'),
}).superRefine((v, ctx) => {
  if (v.subjectId === null && !v.subjectName) ctx.addIssue({ code: 'custom', path: ['subjectId'], message: 'Выберите предмет или впишите название нового' });
  if (v.subjectId !== null && v.subjectName) ctx.addIssue({ code: 'custom', path: ['subjectName'], message: 'Либо выберите предмет, либо впишите новый — не оба сразу' });
});

const COURSE_FIELDS = ['subjectId', 'subjectName', 'groupId', 'gradingScaleId', 'primaryId'] as const;

export async function addCourseAction(_prev: CourseFormState, form: FormData): Promise<CourseFormState> {
  const state = await answerErrors('addCourseAction', formError, async (): Promise<CourseFormState> => {
    const actor = await getCurrentUser();
    if (!actor) return expired;
    const parsed = courseSchema.safeParse({ classId: form.get('classId'), ...typedValues(form, COURSE_FIELDS) });
    if (!parsed.success) return { errors: fieldErrors(parsed.error.issues, ['classId']) };
    const result = await addCourse(actor, parsed.data);
    if (!result.ok) return { errors: { [result.field ?? 'form']: result.error } };
    revalidatePath('/admin/courses');
    return { ok: true, message: 'Курс добавлен' };
  });
  return state.ok ? state : { ...state, values: typedValues(form, COURSE_FIELDS) };
}

const copySchema = z.object({
  classId: idField('Класс не найден'),
  sourceClassId: idField('Выберите класс из списка', 'Выберите класс, из которого перенести предметы'),
});

export async function copyCoursesAction(_prev: CourseFormState, form: FormData): Promise<CourseFormState> {
  const state = await answerErrors('copyCoursesAction', formError, async (): Promise<CourseFormState> => {
    const actor = await getCurrentUser();
    if (!actor) return expired;
    const parsed = copySchema.safeParse({ classId: form.get('classId'), sourceClassId: form.get('sourceClassId') });
    if (!parsed.success) return { errors: fieldErrors(parsed.error.issues, ['classId']) };
    const result = await copyCourses(actor, { targetClassId: parsed.data.classId, sourceClassId: parsed.data.sourceClassId });
    if (!result.ok) return { errors: { [result.field ?? 'form']: result.error } };
    revalidatePath('/admin/courses');
    const groups = result.groups ? `, групп: ${result.groups}` : '';
    const missing = result.withoutPrimary.length ? `. Без основного учителя (прежний больше не работает в школе): ${result.withoutPrimary.join(', ')} — назначьте учителя` : '';
    return { ok: true, message: `Перенесено курсов: ${result.courses}${groups}${missing}` };
  });
  return state.ok ? state : { ...state, values: typedValues(form, ['sourceClassId']) };
}

export type { DeleteState };

export async function deleteCourseAction(_prev: DeleteState, form: FormData): Promise<DeleteState> {
  return deleteById(form, { action: 'deleteCourseAction', field: 'courseId', notFound: 'Курс не найден', path: '/admin/courses' }, deleteCourse);
}
