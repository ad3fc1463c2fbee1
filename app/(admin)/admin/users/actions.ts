'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { answerErrors, shownList, typedValues, SESSION_ENDED } from '@/lib/action-errors';
import { getCurrentUser } from '@/lib/auth/current-user';
import { idField } from '@/lib/ids';
import { isRole } from '@/lib/auth/permissions';
import type { Role } from '@/lib/generated/prisma/enums';
import { PERSON_NAME, plainApostrophes } from '@/lib/data/import-parse';
import { setUserGrants } from '@/lib/data/roles';
import { assignClassTeacher, createUser, endSessions, linkGuardian, resetPassword, setActive, setRoles, unlinkGuardian } from '@/lib/data/users';
import { fieldErrors } from '@/lib/form-errors';

/** values: what the new-user form held, sent back with an error so that nothing typed is lost. */
export type FormState = { ok?: boolean; message?: string; errors?: Record<string, string>; credentials?: { login: string; password: string }; values?: NewUserTyped };
type NewUserTyped = { lastName: string; firstName: string; middleName: string; email: string; phone: string; roles: string[]; classTeacherOf: string };

// The import's rule for names (lib/data/import-parse.ts); the patronymic may be empty.
const nameText = z.string().trim().transform(plainApostrophes);
const nameRule = z.string().max(60, 'Слишком длинно').regex(PERSON_NAME, 'Только буквы, дефис, апостроф и пробел');
const name = (label: string) => nameText.pipe(z.string().min(1, `Укажите ${label}`).pipe(nameRule));

const newUserSchema = z.object({
  lastName: name('фамилию'),
  firstName: name('имя'),
  middleName: nameText.pipe(z.union([z.literal(''), nameRule])).optional(),
  email: z.union([z.literal(''), z.email('Неверный адрес электронной почты').max(254, 'Адрес не длиннее 254 символов')]).optional(),
  phone: z.union([z.literal(''), z.string().regex(/^\+?[0-9 ()-]{10,20}$/, 'Неверный номер телефона')]).optional(),
  roles: z.array(z.string()).min(1, 'Выберите хотя бы одну роль').refine((r) => r.every(isRole), 'Неизвестная роль'),
  classTeacherOf: idField('Класс не найден').optional(),
});

const formError = (form: string): FormState => ({ errors: { form } });


export async function createUserAction(_prev: FormState, form: FormData): Promise<FormState> {
  const state = await answerErrors('createUserAction', formError, async (): Promise<FormState> => {
    const actor = await getCurrentUser();
    if (!actor) return { errors: { form: SESSION_ENDED } };
    const parsed = newUserSchema.safeParse({
      lastName: form.get('lastName'), firstName: form.get('firstName'), middleName: form.get('middleName') ?? undefined,
      email: form.get('email') ?? undefined, phone: form.get('phone') ?? undefined,
      roles: form.getAll('roles').map(String), classTeacherOf: form.get('classTeacherOf') || undefined,
    });
    if (!parsed.success) return { errors: fieldErrors(parsed.error.issues) };
    const result = await createUser(actor, { ...parsed.data, roles: parsed.data.roles as Role[] });
    if (!result.ok) return { errors: { [result.field ?? 'form']: result.error } };
    revalidatePath('/admin/users');
    return { ok: true, message: 'Пользователь создан. Передайте ему логин и временный пароль — он сменит его при первом входе.', credentials: { login: result.login, password: result.password } };
  });
  return state.ok ? state : { ...state, values: typedValues(form, ['lastName', 'firstName', 'middleName', 'email', 'phone', 'classTeacherOf'], ['roles']) };
}

const idSchema = idField('Неверный пользователь');

/**
 * The class teacher the form showed for the chosen class: `shown` holds 'classId:teacherId' per
 * class offered ('classId:' for none). Undefined when the form sent none for that class.
 */
function shownTeacher(form: FormData, classId: number): number | null | undefined {
  const entry = shownList(form).find((s) => s.startsWith(`${classId}:`));
  if (entry === undefined) return undefined;
  const teacher = entry.slice(entry.indexOf(':') + 1);
  return teacher ? Number(teacher) : null;
}

export async function userCommandAction(_prev: FormState, form: FormData): Promise<FormState> {
  return answerErrors('userCommandAction', formError, async (): Promise<FormState> => {
    const actor = await getCurrentUser();
    if (!actor) return { errors: { form: SESSION_ENDED } };
    const userId = idSchema.safeParse(form.get('userId'));
    if (!userId.success) return { errors: { form: 'Неверный пользователь' } };
    const command = String(form.get('command'));
    let result;
    switch (command) {
      case 'roles': {
        const roles = form.getAll('roles').map(String);
        if (!roles.every(isRole)) return { errors: { roles: 'Неизвестная роль' } };
        result = await setRoles(actor, userId.data, roles as Role[], shownList(form));
        break;
      }
      case 'grants':
        result = await setUserGrants(actor, userId.data, form.getAll('permissions').map(String), shownList(form));
        break;
      case 'deactivate':
      case 'activate':
        result = await setActive(actor, userId.data, command === 'activate');
        break;
      case 'reset-password': {
        const r = await resetPassword(actor, userId.data);
        if (!r.ok) return { errors: { form: r.error } };
        revalidatePath(`/admin/users/${userId.data}`);
        return { ok: true, message: 'Выдан новый временный пароль. Прежние сеансы завершены.', credentials: { login: r.login, password: r.password } };
      }
      case 'end-sessions': {
        const r = await endSessions(actor, userId.data);
        if (!r.ok) return { errors: { form: r.error } };
        revalidatePath(`/admin/users/${userId.data}`);
        return { ok: true, message: `Завершено сеансов: ${r.ended}` };
      }
      case 'class-teacher': {
        const classId = idSchema.safeParse(form.get('classId'));
        if (!classId.success) return { errors: { classId: 'Выберите класс' } };
        result = await assignClassTeacher(actor, classId.data, userId.data, shownTeacher(form, classId.data));
        break;
      }
      case 'link-child': {
        const pupil = z.object({ classId: idSchema, lastName: z.string().trim().min(1, 'Укажите фамилию'), firstName: z.string().trim().min(1, 'Укажите имя') })
          .safeParse({ classId: form.get('classId'), lastName: form.get('lastName'), firstName: form.get('firstName') });
        if (!pupil.success) return { errors: { pupil: pupil.error.issues[0].message } };
        result = await linkGuardian(actor, userId.data, pupil.data);
        break;
      }
      case 'unlink-child': {
        const studentId = idSchema.safeParse(form.get('studentId'));
        if (!studentId.success) return { errors: { form: 'Неверный ученик' } };
        result = await unlinkGuardian(actor, userId.data, studentId.data);
        break;
      }
      default:
        return { errors: { form: 'Неизвестное действие' } };
    }
    if (!result.ok) return { errors: { [result.field ?? 'form']: result.error } };
    revalidatePath(`/admin/users/${userId.data}`);
    return { ok: true, message: 'Сохранено' };
  });
}
