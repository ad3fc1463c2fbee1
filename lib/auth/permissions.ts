// Permissions are named data (seed 002 §III.4–5): each role has a default set, seeded per school
// into role_permissions, and an administrator may widen a role or grant one user more.
// Checks fail closed: an unknown role or permission grants nothing.
import type { Role } from '../generated/prisma/enums';

export const PERMISSIONS = {
  'journal:read:own': 'Журнал своих предметов',
  'journal:read:school': 'Журналы всей школы',
  'marks:write': 'Выставление отметок',
  'attendance:write': 'Отметка посещаемости',
  'lessons:write': 'Темы уроков и типы занятий',
  'homework:write': 'Домашние задания',
  'finalmarks:write': 'Итоговые отметки',
  'periods:close': 'Закрытие учебных периодов',
  'diary:read:self': 'Свой дневник (ученик)',
  'diary:read:children': 'Дневники своих детей (родитель)',
  'reports:read:school': 'Отчёты по школе',
  'extracts:print:school': 'Бумажные выписки по всей школе',
  'users:read': 'Просмотр пользователей',
  'users:manage': 'Управление пользователями',
  'roles:manage': 'Назначение ролей и прав',
  'consent:manage': 'Согласия на обработку ПДн',
  'audit:read': 'Журнал аудита',
  'outbox:read': 'Очередь уведомлений',
  'timetable:manage': 'Расписание и замены',
  // Its own right, not 'users:manage': the settings decide what families see and when (results'
  // delay), how period marks are proposed and when entries count as late: the whole school's rules,
  // not its people. A school may give the user lists to a secretary without giving these.
  'school:settings': 'Настройки школы',
  'messages:send': 'Сообщения',
  'surveys:manage': 'Опросы: создание',
  'surveys:answer': 'Опросы: участие',
  'notes:medical': 'Медицинские записи',
  'notes:psychological': 'Записи психолога',
  'staff:read': 'Кадровые сведения',
  'api:manage': 'Токены API обмена',
} as const;

export type Permission = keyof typeof PERMISSIONS;

export const ROLE_LABELS: Record<Role, string> = {
  ADMIN: 'Администратор',
  MANAGEMENT: 'Управление',
  TEACHER: 'Учитель',
  STUDENT: 'Ученик',
  PARENT: 'Родитель',
  SECRETARY: 'Секретарь',
  MEDICAL: 'Медработник',
  PSYCHOLOGIST: 'Психолог / соцпедагог',
  HR: 'Специалист по кадрам',
};

export const ALL_ROLES = Object.keys(ROLE_LABELS) as Role[];

export const DEFAULT_ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  ADMIN: ['users:read', 'users:manage', 'roles:manage', 'consent:manage', 'audit:read', 'outbox:read', 'timetable:manage', 'api:manage', 'surveys:manage', 'messages:send', 'school:settings'],
  MANAGEMENT: ['journal:read:school', 'reports:read:school', 'periods:close', 'extracts:print:school', 'users:read', 'timetable:manage', 'surveys:manage', 'messages:send'],
  TEACHER: ['journal:read:own', 'marks:write', 'attendance:write', 'lessons:write', 'homework:write', 'finalmarks:write', 'messages:send', 'surveys:answer'],
  STUDENT: ['diary:read:self', 'surveys:answer'],
  PARENT: ['diary:read:children', 'messages:send', 'surveys:answer'],
  SECRETARY: ['users:read', 'consent:manage', 'extracts:print:school'],
  MEDICAL: ['notes:medical'],
  PSYCHOLOGIST: ['notes:psychological'],
  HR: ['staff:read'],
};

export function isPermission(value: string): value is Permission {
  return Object.hasOwn(PERMISSIONS, value);
}

export function isRole(value: string): value is Role {
  return Object.hasOwn(ROLE_LABELS, value);
}

/**
 * Rights that belong to one role and can be given to nobody else, not by a grant to a person nor
 * by adding them to another role: medical and psychologist notes are read by the school nurse and
 * the psychologist only (seed 002 §III; DOMAIN: "visible to no one else").
 */
export const ROLE_BOUND_PERMISSIONS: Partial<Record<Permission, Role>> = {
  'notes:medical': 'MEDICAL',
  'notes:psychological': 'PSYCHOLOGIST',
};

/** Whether `permission` may be held through `role` (false for a role-bound right of another role). */
export function permissionFitsRole(permission: Permission, role: Role): boolean {
  const owner = ROLE_BOUND_PERMISSIONS[permission];
  return !owner || owner === role;
}

/**
 * The effective permission set: the school's role grants for the roles held, plus the user's own
 * grants. Unknown names are dropped, so a typo or a removed permission never grants anything, and
 * a role-bound right (ROLE_BOUND_PERMISSIONS) counts only for a holder of its role, whatever rows
 * say otherwise.
 */
export function effectivePermissions(
  roles: readonly string[],
  rolePermissions: readonly { role: string; permission: string }[],
  userGrants: readonly string[],
): Set<Permission> {
  const held = new Set(roles.filter(isRole));
  const result = new Set<Permission>();
  for (const { role, permission } of rolePermissions) {
    if (isRole(role) && held.has(role) && isPermission(permission)) result.add(permission);
  }
  for (const permission of userGrants) if (isPermission(permission)) result.add(permission);
  for (const [permission, owner] of Object.entries(ROLE_BOUND_PERMISSIONS)) {
    if (!held.has(owner)) result.delete(permission as Permission);
  }
  return result;
}

/** The rows a new school starts with in role_permissions. */
export function defaultRolePermissionRows(schoolId: number): { schoolId: number; role: Role; permission: Permission }[] {
  return ALL_ROLES.flatMap((role) => DEFAULT_ROLE_PERMISSIONS[role].map((permission) => ({ schoolId, role, permission })));
}
