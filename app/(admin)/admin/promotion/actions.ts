'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { answerErrors, SESSION_ENDED } from '@/lib/action-errors';
import { getCurrentUser } from '@/lib/auth/current-user';
import { idField, optionalIdField, parseId } from '@/lib/ids';
import { promoteClasses } from '@/lib/data/promotion';
import { placePupils, type Correction } from '@/lib/data/promotion-placement';
import { placeStranded } from '@/lib/data/promotion-stranded';

/**
 * errors: `form`, or `class-<id>` next to a class of this year. values: what the form held (ticks
 * and class teachers), sent back with an error so that nothing chosen is lost.
 */
export type PromotionState = {
  ok?: boolean;
  message?: string;
  errors?: Record<string, string>;
  values?: { classes: string[]; graduate: string[]; pupils: string[]; teachers: Record<string, string> };
};

const schema = z.object({
  nextYearId: idField('Учебный год не найден'),
  classIds: z.array(idField('Класс не найден')),
  graduateClassIds: z.array(idField('Класс не найден')),
  enrollmentIds: z.array(idField('Ученик не найден')),
});
const teacherField = optionalIdField('Учитель не найден');

function typed(form: FormData): NonNullable<PromotionState['values']> {
  const teachers: Record<string, string> = {};
  for (const [key, value] of form.entries()) if (key.startsWith('teacher-')) teachers[key.slice('teacher-'.length)] = String(value);
  return { classes: form.getAll('classes').map(String), graduate: form.getAll('graduate').map(String), pupils: form.getAll('pupils').map(String), teachers };
}

export async function promoteClassesAction(_prev: PromotionState, form: FormData): Promise<PromotionState> {
  const state = await answerErrors('promoteClassesAction', (message): PromotionState => ({ errors: { form: message } }), async (): Promise<PromotionState> => {
    const actor = await getCurrentUser();
    if (!actor) return { errors: { form: SESSION_ENDED } };
    const parsed = schema.safeParse({ nextYearId: form.get('nextYearId'), classIds: form.getAll('classes'), graduateClassIds: form.getAll('graduate'), enrollmentIds: form.getAll('pupils') });
    if (!parsed.success) return { errors: { form: parsed.error.issues[0].message } };
    const { nextYearId, classIds, graduateClassIds, enrollmentIds } = parsed.data;
    const teachers: Record<number, number | null> = {};
    const shown: Record<number, number[]> = {};
    const errors: Record<string, string> = {};
    for (const id of [...classIds, ...graduateClassIds]) {
      if (classIds.includes(id)) {
        const teacher = teacherField.safeParse(form.get(`teacher-${id}`));
        if (teacher.success) teachers[id] = teacher.data;
        else errors[`class-${id}`] = teacher.error.issues[0].message;
      }
      const list = String(form.get(`shown-${id}`) ?? '').split(',').filter(Boolean).map(parseId);
      if (list.some((e) => e === null)) return { errors: { form: 'Форма повреждена. Обновите страницу' } };
      shown[id] = list as number[];
    }
    if (Object.keys(errors).length) return { errors };
    const result = await promoteClasses(actor, { nextYearId, classIds, graduateClassIds, enrollmentIds, teachers, shown });
    if (!result.ok) {
      const byClass = 'classErrors' in result && result.classErrors ? Object.fromEntries(Object.entries(result.classErrors).map(([id, m]) => [`class-${id}`, m])) : {};
      return { errors: { form: result.error, ...byClass } };
    }
    revalidatePath('/admin', 'layout');
    const message = [
      result.classes || !result.graduated ? `Создано классов: ${result.classes}, переведено учеников: ${result.pupils}` : '', result.graduated ? `Выпущено учеников: ${result.graduated}` : '',
    ].filter(Boolean).join('. ');
    return { ok: true, message };
  });
  return state.ok ? state : { ...state, values: typed(form) };
}

/**
 * errors: `form`, or `pupil-<enrollment id>` next to a pupil. values: the class chosen per pupil
 * left behind (`place`) and per pupil already moved (`move`: a class id, or `stay`).
 */
export type PlacementState = { ok?: boolean; message?: string; errors?: Record<string, string>; values?: { place: Record<string, string>; move: Record<string, string> } };

const fields = (form: FormData, prefix: string) => [...form.entries()].filter(([key, value]) => key.startsWith(prefix) && value !== '').map(([key, value]) => [key.slice(prefix.length), String(value)] as const);
const typedPlacement = (form: FormData) => ({ place: Object.fromEntries(fields(form, 'place-')), move: Object.fromEntries(fields(form, 'move-')) });

export async function placePupilsAction(_prev: PlacementState, form: FormData): Promise<PlacementState> {
  const state = await answerErrors('placePupilsAction', (message): PlacementState => ({ errors: { form: message } }), async (): Promise<PlacementState> => {
    const actor = await getCurrentUser();
    if (!actor) return { errors: { form: SESSION_ENDED } };
    // Last year's pupils never placed (the stranded form) are placed into this year's classes.
    const currentYearId = form.has('currentYearId') ? parseId(form.get('currentYearId')) : undefined;
    const nextYearId = parseId(form.get(currentYearId === undefined ? 'nextYearId' : 'currentYearId'));
    if (nextYearId === null) return { errors: { form: 'Учебный год не найден' } };
    const placements: { enrollmentId: number; classId: number }[] = [];
    const corrections: Correction[] = [];
    const errors: Record<string, string> = {};
    for (const [enrollment, klass] of fields(form, 'place-')) {
      const enrollmentId = parseId(enrollment);
      const classId = parseId(klass);
      if (enrollmentId === null) return { errors: { form: 'Ученик не найден' } };
      if (classId === null) errors[`pupil-${enrollmentId}`] = 'Класс не найден';
      else placements.push({ enrollmentId, classId });
    }
    // A pupil already moved: sent as a change only when the choice differs from the class shown.
    for (const [enrollment, choice] of fields(form, 'move-')) {
      const enrollmentId = parseId(enrollment);
      const shownClassId = parseId(form.get(`in-${enrollment}`));
      if (enrollmentId === null || shownClassId === null) return { errors: { form: 'Форма повреждена. Обновите страницу' } };
      const classId = choice === 'stay' ? null : parseId(choice);
      if (choice !== 'stay' && classId === null) errors[`pupil-${enrollmentId}`] = 'Класс не найден';
      else if (classId !== shownClassId) corrections.push({ enrollmentId, shownClassId, classId });
    }
    if (Object.keys(errors).length) return { errors };
    const result = currentYearId === undefined ? await placePupils(actor, { nextYearId, placements, corrections }) : await placeStranded(actor, { currentYearId: nextYearId, placements });
    if (!result.ok) {
      const byPupil = 'pupilErrors' in result && result.pupilErrors ? Object.fromEntries(Object.entries(result.pupilErrors).map(([id, m]) => [`pupil-${id}`, m])) : {};
      return { errors: { form: result.error, ...byPupil } };
    }
    revalidatePath('/admin', 'layout');
    // Whoever is still without a class is stranded once the year begins: say how many are left.
    const message = [
      result.pupils || !result.corrected ? `Зачислено учеников: ${result.pupils}` : '', result.corrected ? `Исправлено учеников: ${result.corrected}` : '',
      result.remaining ? `Ещё без класса: ${result.remaining}` : '',
    ].filter(Boolean).join('. ');
    return { ok: true, message };
  });
  return state.ok ? state : { ...state, values: typedPlacement(form) };
}
