// The fixed demo accounts of the first school. Every other generated user (in every school) has the
// same password too, so tests and benchmarks can sign in as anyone; schools after the first have
// the same fixed accounts with a prefix: 's2.admin', 's2.teacher'…
import type { Role } from '../../lib/generated/prisma/enums';

export const DEMO_PASSWORD = 'Dnevnik-2026';

export type DemoAccount = { role: Role; login: string; password: string; description: string };

export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  { role: 'ADMIN', login: 'admin', password: DEMO_PASSWORD, description: 'Администратор школы: пользователи, роли, согласия, расписание' },
  { role: 'MANAGEMENT', login: 'director', password: DEMO_PASSWORD, description: 'Директор: журналы всей школы, отчёты, закрытие периодов' },
  { role: 'TEACHER', login: 'teacher', password: DEMO_PASSWORD, description: 'Учитель математики и алгебры в нескольких классах (не классный руководитель)' },
  { role: 'TEACHER', login: 'classteacher', password: DEMO_PASSWORD, description: 'Учитель русского языка и литературы, классный руководитель 7А' },
  { role: 'PARENT', login: 'parent', password: DEMO_PASSWORD, description: 'Родитель двоих детей: ученика 7А и ученика 3А' },
  { role: 'STUDENT', login: 'pupil', password: DEMO_PASSWORD, description: 'Ученик 7А, ребёнок демо-родителя' },
];

/** The login of a fixed account in school `schoolIndex` (0-based). */
export function demoLogin(login: string, schoolIndex: number): string {
  return schoolIndex === 0 ? login : `s${schoolIndex + 1}.${login}`;
}
