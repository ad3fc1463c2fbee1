// The navigation each person sees, from their roles and permissions. Showing a link is a
// convenience; the page behind it checks access again.
import type { Actor } from './actor';

export type NavItem = { href: string; label: string };

/**
 * `led`: the classes the actor leads by name (lib/data/class-list.ts), needed only when they lead
 * more than one: then each link says which class it is.
 */
export function navigationFor(actor: Pick<Actor, 'roles' | 'permissions' | 'classTeacherOf'>, led: readonly { id: number; name: string }[] = []): NavItem[] {
  const items: NavItem[] = [];
  const p = actor.permissions;
  if (p.has('journal:read:own') || p.has('journal:read:school')) items.push({ href: '/journal', label: 'Журнал' });
  if (p.has('reports:read:school') || p.has('journal:read:school')) items.push({ href: '/journal/overdue', label: 'Просроченные записи' });
  if (p.has('periods:close')) items.push({ href: '/journal/exams', label: 'Результаты ГИА' });
  const names = new Map(led.map((c) => [c.id, c.name]));
  for (const classId of actor.classTeacherOf) {
    const name = actor.classTeacherOf.length > 1 ? names.get(classId) : undefined;
    items.push({ href: `/class/${classId}`, label: name ? `Мой класс ${name}` : 'Мой класс' });
  }
  if (p.has('diary:read:children') || p.has('diary:read:self')) items.push({ href: '/diary', label: 'Дневник' });
  if (p.has('timetable:manage')) items.push({ href: '/admin/schedule', label: 'Расписание' });
  if (p.has('timetable:manage')) items.push({ href: '/admin/timetable', label: 'Замены' });
  if (p.has('users:read') || p.has('users:manage')) items.push({ href: '/admin/users', label: 'Пользователи' });
  if (p.has('users:manage')) items.push({ href: '/admin/import', label: 'Импорт' });
  if (p.has('users:manage')) items.push({ href: '/admin/credentials', label: 'Логины' });
  if (p.has('users:manage')) items.push({ href: '/admin/promotion', label: 'Новый учебный год' });
  if (p.has('consent:manage')) items.push({ href: '/admin/consents', label: 'Согласия' });
  if (p.has('roles:manage')) items.push({ href: '/admin/roles', label: 'Роли' });
  if (p.has('timetable:manage')) items.push({ href: '/admin/calendar', label: 'Календарь' });
  if (p.has('school:settings')) items.push({ href: '/admin/calendar/periods', label: 'Учебные периоды' });
  if (p.has('timetable:manage')) items.push({ href: '/admin/courses', label: 'Учебная нагрузка' });
  if (p.has('school:settings')) items.push({ href: '/admin/settings', label: 'Настройки школы' });
  if (p.has('audit:read')) items.push({ href: '/admin/audit', label: 'Аудит' });
  if (p.has('outbox:read')) items.push({ href: '/admin/outbox', label: 'Уведомления' });
  if (p.has('notes:medical') || p.has('notes:psychological')) items.push({ href: '/office/notes', label: 'Записи специалистов' });
  if (items.length === 0) items.push({ href: '/office', label: 'Главная' });
  return items;
}
