// Administration of people: lists, creation, roles, activation, passwords, sessions.
// Every function checks the actor's permission itself and scopes by the actor's school.
import 'server-only';
import { getDb } from '../db';
import { writeAudit } from '../audit';
import { hasRole, type Actor } from '../auth/actor';
import { hashPassword } from '../auth/password';
import { isRole, ROLE_BOUND_PERMISSIONS } from '../auth/permissions';
import type { Role } from '../generated/prisma/enums';
import type { Prisma } from '../prisma-client';
import { shortPersonName } from '../domain/diary-format';
import { generateLogin, generateOneTimePassword } from '../domain/passwords';
import { className } from './names';
import { CLASS_NOW_FIRST, notEndedBy, schoolToday } from './enrolled';
import { pupilsInClassByName } from './students';
import { CREDENTIAL_BATCH_TX, lockLogins } from './credentials';

export type Failure = { ok: false; error: string; field?: string };
export type Result<T = object> = ({ ok: true } & T) | Failure;

const denied: Failure = { ok: false, error: 'Недостаточно прав для этого действия' };
const notFound: Failure = { ok: false, error: 'Пользователь не найден' };

export type UserFilter = { q?: string; role?: string; classId?: number; page?: number };
export const USERS_PAGE_SIZE = 50;

export async function listUsers(actor: Actor, filter: UserFilter, now = new Date()) {
  if (!actor.permissions.has('users:read') && !actor.permissions.has('users:manage')) return null;
  const where: Prisma.UserWhereInput = { schoolId: actor.schoolId };
  const and: Prisma.UserWhereInput[] = [];
  const q = filter.q?.trim();
  if (q) {
    for (const word of q.split(/\s+/).slice(0, 3)) {
      and.push({ OR: [{ lastName: { contains: word, mode: 'insensitive' } }, { firstName: { contains: word, mode: 'insensitive' } }, { login: { contains: word.toLowerCase() } }] });
    }
  }
  if (filter.role && isRole(filter.role)) and.push({ roles: { some: { role: filter.role } } });
  // The class's pupils of today and those coming to it (next year's class), and their parents.
  const today = schoolToday(actor.timeZone, now);
  if (filter.classId) {
    const inClass = { classId: filter.classId, ...notEndedBy(today) };
    and.push({ OR: [{ enrollments: { some: inClass } }, { children: { some: { student: { enrollments: { some: inClass } } } } }] });
  }
  if (and.length) where.AND = and;
  const db = getDb();
  const total = await db.user.count({ where });
  const pages = Math.max(1, Math.ceil(total / USERS_PAGE_SIZE));
  // A page past the end (the list shrank since the link was made) shows the last one.
  const page = Math.min(pages, Math.max(1, Math.floor(filter.page ?? 1) || 1));
  const rows = await db.user.findMany({
    where,
    orderBy: [{ lastName: 'asc' }, { firstName: 'asc' }, { id: 'asc' }],
    skip: (page - 1) * USERS_PAGE_SIZE,
    take: USERS_PAGE_SIZE,
    select: {
      id: true, login: true, lastName: true, firstName: true, middleName: true, active: true, mustChangePassword: true, lastLoginAt: true,
      roles: { select: { role: true } },
      enrollments: { where: notEndedBy(today), orderBy: CLASS_NOW_FIRST, select: { schoolClass: { select: { gradeLevel: true, letter: true } } }, take: 1 },
    },
  });
  return {
    total,
    page,
    pages,
    users: rows.map((u) => ({
      id: u.id, login: u.login, name: [u.lastName, u.firstName, u.middleName].filter(Boolean).join(' '), active: u.active,
      mustChangePassword: u.mustChangePassword, lastLoginAt: u.lastLoginAt,
      roles: u.roles.map((r) => r.role), className: u.enrollments[0] ? className(u.enrollments[0].schoolClass) : null,
    })),
  };
}

/**
 * Classes of the current academic years (Actor.currentYears): the ones whose class teacher and
 * pupils an administrator manages. A past year's class is history: who led it stays as it was.
 */
const currentClasses = (actor: Actor): Prisma.SchoolClassWhereInput => ({ schoolId: actor.schoolId, academicYearId: { in: [...actor.currentYears] } });

export async function schoolClasses(actor: Actor) {
  if (!actor.permissions.has('users:read') && !actor.permissions.has('users:manage')) return [];
  const rows = await getDb().schoolClass.findMany({
    where: currentClasses(actor),
    select: { id: true, gradeLevel: true, letter: true, classTeacherId: true, classTeacher: { select: { lastName: true, firstName: true, middleName: true } } },
    orderBy: [{ gradeLevel: 'asc' }, { letter: 'asc' }],
  });
  return rows.map((c) => ({ id: c.id, name: className(c), classTeacherId: c.classTeacherId, classTeacherName: c.classTeacher ? shortPersonName(c.classTeacher) : null }));
}

/**
 * One change at a time to what a person is at school: their roles, whether the account is on,
 * and the classes they lead. Each of those checks the others (a class teacher keeps the teacher
 * role and stays enabled; only an enabled teacher is given a class), so without this lock two
 * administrators' changes made at the same moment could each pass its check and together break it.
 */
async function lockAccount(tx: Prisma.TransactionClient, userId: number): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('user.roles'), ${userId}::int)`;
}

/**
 * Refusal when the person leads a class of the current years: leading a class opens all its
 * pupils' diaries, and only an enabled teacher may lead one (createUser, assignClassTeacher).
 */
async function leadsClass(tx: Prisma.TransactionClient, actor: Actor, userId: number, field?: string): Promise<Failure | null> {
  const led = await tx.schoolClass.findFirst({ where: { ...currentClasses(actor), classTeacherId: userId }, select: { gradeLevel: true, letter: true } });
  return led ? { ok: false, error: `Пользователь — классный руководитель ${className(led)}: сначала назначьте классу другого руководителя`, ...(field ? { field } : {}) } : null;
}

/** The class's class teacher now, with its row locked to the end of the transaction, so that the audit's old value is the one replaced. */
async function lockClassTeacher(tx: Prisma.TransactionClient, classId: number): Promise<number | null> {
  const [row] = await tx.$queryRaw<{ class_teacher_id: number | null }[]>`SELECT class_teacher_id FROM school_classes WHERE id = ${classId} FOR UPDATE`;
  return row?.class_teacher_id ?? null;
}

export type NewUserInput = { lastName: string; firstName: string; middleName?: string; email?: string; phone?: string; roles: Role[]; classTeacherOf?: number };

/** Creates a person with a generated login and one-time password (shown once). */
export async function createUser(actor: Actor, input: NewUserInput): Promise<Result<{ id: number; login: string; password: string }>> {
  if (!actor.permissions.has('users:manage')) return denied;
  if (input.roles.length && !actor.permissions.has('roles:manage')) return { ok: false, error: 'Назначать роли может только администратор', field: 'roles' };
  if (input.roles.includes('ADMIN') && !hasRole(actor, 'ADMIN')) return { ok: false, error: 'Роль администратора назначает только администратор', field: 'roles' };
  // Leading a class opens all its pupils' diaries: only a teacher may be given one.
  if (input.classTeacherOf && !input.roles.includes('TEACHER')) return { ok: false, error: 'Классным руководителем может быть только учитель', field: 'classTeacherOf' };
  const db = getDb();
  if (input.classTeacherOf) {
    const cls = await db.schoolClass.findFirst({ where: { id: input.classTeacherOf, ...currentClasses(actor) }, select: { id: true } });
    if (!cls) return { ok: false, error: 'Класс не найден в текущем учебном году', field: 'classTeacherOf' };
  }
  const password = generateOneTimePassword();
  const passwordHash = await hashPassword(password);
  const { user, login } = await db.$transaction(async (tx) => {
    const login = await claimLogin(tx, input.lastName, input.firstName);
    const created = await tx.user.create({
      data: {
        schoolId: actor.schoolId, login, passwordHash, mustChangePassword: true,
        lastName: input.lastName, firstName: input.firstName, middleName: input.middleName || null,
        email: input.email || null, phone: input.phone || null,
        roles: { create: input.roles.map((role) => ({ role, schoolId: actor.schoolId })) },
      },
      select: { id: true },
    });
    if (input.classTeacherOf) {
      // The class's previous class teacher is replaced: audited as assignClassTeacher audits it.
      const previous = await lockClassTeacher(tx, input.classTeacherOf);
      await tx.schoolClass.update({ where: { id: input.classTeacherOf }, data: { classTeacherId: created.id } });
      await writeAudit(tx, { schoolId: actor.schoolId, actorId: actor.id, action: 'class.teacher.set', entityType: 'SchoolClass', entityId: input.classTeacherOf, oldValue: previous, newValue: created.id });
    }
    await writeAudit(tx, { schoolId: actor.schoolId, actorId: actor.id, action: 'user.create', entityType: 'User', entityId: created.id, newValue: { login, roles: input.roles, classTeacherOf: input.classTeacherOf ?? null } });
    return { user: created, login };
  }, LOGIN_TX);
  return { ok: true, id: user.id, login, password };
}

/** claimLogin may wait behind a class's credential batch, which holds the lock as long as it runs. */
const LOGIN_TX = { ...CREDENTIAL_BATCH_TX, timeout: CREDENTIAL_BATCH_TX.timeout + 10_000 };

/**
 * A login nobody has, chosen under the lock the class credential batches take (credentials.ts)
 * and kept by the caller's insert in the same transaction: two people named alike, created at
 * the same moment, get «ivanov.i» and «ivanov.i2» instead of one of them an error.
 */
async function claimLogin(tx: Prisma.TransactionClient, lastName: string, firstName: string): Promise<string> {
  await lockLogins(tx);
  const base = generateLogin(lastName, firstName, new Set());
  const taken = new Set((await tx.user.findMany({ where: { login: { startsWith: base } }, select: { login: true } })).map((u) => u.login!));
  return generateLogin(lastName, firstName, taken);
}

export async function getUserForAdmin(actor: Actor, id: number) {
  if (!actor.permissions.has('users:read') && !actor.permissions.has('users:manage')) return null;
  return getDb().user.findFirst({
    where: { id, schoolId: actor.schoolId },
    select: {
      id: true, login: true, lastName: true, firstName: true, middleName: true, email: true, phone: true, active: true, mustChangePassword: true, lastLoginAt: true,
      roles: { select: { role: true } },
      permissions: { select: { permission: true } },
      classesTaught: { select: { id: true, gradeLevel: true, letter: true } },
      children: { select: { student: { select: { id: true, lastName: true, firstName: true } } } },
      guardians: { select: { parent: { select: { id: true, lastName: true, firstName: true } } } },
      sessions: { where: { endedAt: null }, select: { id: true } },
    },
  });
}

/**
 * Replaces a person's roles. Roles are read on every request, so open sessions see the change at once.
 * `shown`: the roles the form showed. When given, the change is refused if someone else changed
 * the roles meanwhile, so that two administrators saving one person's roles from pages opened
 * at the same time do not silently undo each other's change.
 */
export async function setRoles(actor: Actor, userId: number, roles: Role[], shown?: readonly string[]): Promise<Result> {
  if (!actor.permissions.has('roles:manage')) return denied;
  if (roles.some((r) => !isRole(r))) return { ok: false, error: 'Неизвестная роль', field: 'roles' };
  const db = getDb();
  return db.$transaction(async (tx): Promise<Result> => {
    // One change of a person at a time: the checks below see what a change before us committed.
    await lockAccount(tx, userId);
    const user = await tx.user.findFirst({ where: { id: userId, schoolId: actor.schoolId }, select: { id: true, roles: { select: { role: true } }, _count: { select: { children: true } } } });
    if (!user) return notFound;
    const before = user.roles.map((r) => r.role);
    if (shown && !sameSet(before, shown)) return changedMeanwhile('Роли этого пользователя', 'roles');
    const wasAdmin = before.includes('ADMIN');
    if (userId === actor.id && wasAdmin && !roles.includes('ADMIN')) return { ok: false, error: 'Нельзя снять роль администратора с самого себя', field: 'roles' };
    // Only an administrator makes or unmakes administrators: a right to manage roles given to
    // someone else (a secretary) must not let them raise themselves to ADMIN.
    const adminChanged = wasAdmin !== roles.includes('ADMIN');
    if (adminChanged && !hasRole(actor, 'ADMIN')) return { ok: false, error: 'Роль администратора назначает и снимает только администратор', field: 'roles' };
    if (!hasRole(actor, 'ADMIN')) {
      // Someone else given the right to manage roles (a secretary) must not widen their own
      // access, nor hand out the roles that open the nurse's and the psychologist's notes.
      if (userId === actor.id) return { ok: false, error: 'Свои роли меняет только администратор', field: 'roles' };
      const changed = [...before.filter((r) => !roles.includes(r)), ...roles.filter((r) => !before.includes(r))];
      if (changed.some((r) => BOUND_ROLES.has(r))) return { ok: false, error: 'Роли медицинского работника и психолога назначает и снимает только администратор', field: 'roles' };
    }
    // A pupil's account reading a classmate's diary as "parent" is never right (linkGuardian).
    if (roles.includes('STUDENT') && user._count.children > 0) return pupilWithChildren;
    if (before.includes('TEACHER') && !roles.includes('TEACHER')) {
      const led = await leadsClass(tx, actor, userId, 'roles');
      if (led) return led;
    }
    if (adminChanged && !roles.includes('ADMIN') && !(await stillActingAdmin(tx, actor))) return adminGone;
    await tx.userRole.deleteMany({ where: { userId } });
    await tx.userRole.createMany({ data: roles.map((role) => ({ userId, role, schoolId: actor.schoolId })) });
    await writeAudit(tx, { schoolId: actor.schoolId, actorId: actor.id, action: 'user.roles.set', entityType: 'User', entityId: userId, oldValue: before, newValue: roles });
    return { ok: true };
  });
}

/** Whether two lists hold the same values, whatever their order. */
export const sameSet = (a: readonly string[], b: readonly string[]) => new Set(a).size === new Set(b).size && a.every((v) => b.includes(v));

/** A form saved over a change someone else made after the form was opened. */
export const changedMeanwhile = (what: string, field: string): Failure => ({
  ok: false, field, error: `${what} уже изменил другой пользователь, пока форма была открыта. Обновите страницу и внесите изменение снова.`,
});

const pupilWithChildren: Failure = { ok: false, field: 'roles', error: 'К пользователю привязаны дети: ученика нельзя сделать родителем другого ученика. Сначала отвяжите детей' };

/** Roles that carry a right no one else may hold (medical and psychologist's notes). */
const BOUND_ROLES: ReadonlySet<string> = new Set(Object.values(ROLE_BOUND_PERMISSIONS));

const adminGone: Failure = { ok: false, error: 'Ваша учётная запись администратора больше не действует: войдите снова' };

/**
 * Before an administrator disables another administrator or takes the role away: takes the
 * school's lock on such changes and confirms the actor is still an active administrator. Without
 * it, two administrators disabling each other (or taking each other's role) at the same moment
 * would both succeed and leave the school with none.
 */
async function stillActingAdmin(tx: Prisma.TransactionClient, actor: Actor): Promise<boolean> {
  // One such change at a time per school; the check below is a new statement, so it sees what a
  // change that held the lock before us has committed (a role taken away, an account disabled).
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('school.admins'), ${actor.schoolId}::int)`;
  const admins = await tx.$queryRaw<{ id: number }[]>`
    SELECT u.id FROM users u JOIN user_roles r ON r.user_id = u.id AND r.role = 'ADMIN'
    WHERE u.school_id = ${actor.schoolId} AND u.active AND u.id = ${actor.id}`;
  return admins.length > 0;
}

/**
 * An administrator's account is changed only by an administrator: someone given the right to
 * manage users must not take it over by resetting its password, nor lock the school out of it.
 */
async function adminAccountRefused(actor: Actor, userId: number): Promise<Failure | null> {
  if (hasRole(actor, 'ADMIN')) return null;
  return (await isAdminAccount(actor, userId)) ? adminOnly : null;
}

const adminOnly: Failure = { ok: false, error: 'Учётную запись администратора меняет только администратор' };

const isAdminAccount = async (actor: Actor, userId: number) =>
  (await getDb().userRole.count({ where: { userId, role: 'ADMIN', user: { schoolId: actor.schoolId } } })) > 0;

export async function setActive(actor: Actor, userId: number, active: boolean): Promise<Result> {
  if (!actor.permissions.has('users:manage')) return denied;
  if (userId === actor.id && !active) return { ok: false, error: 'Нельзя отключить собственную учётную запись' };
  const targetIsAdmin = await isAdminAccount(actor, userId);
  if (targetIsAdmin && !hasRole(actor, 'ADMIN')) return adminOnly;
  const db = getDb();
  return db.$transaction(async (tx): Promise<Result> => {
    if (!active) {
      await lockAccount(tx, userId);
      // A class left led by a disabled account would have no one to keep it.
      const led = await leadsClass(tx, actor, userId);
      if (led) return led;
    }
    if (targetIsAdmin && !active && !(await stillActingAdmin(tx, actor))) return adminGone;
    return (await writeActive(tx, actor, userId, active)) ? { ok: true } : notFound;
  });
}

/**
 * Turns the account on or off, ending its open sessions when off, with its audit row; false when
 * there is no such user in the actor's school. The caller checks the right and what setActive
 * checks (a pupil leaving school, pupil-class-change.ts, leads no class and is no administrator).
 */
export async function writeActive(tx: Prisma.TransactionClient, actor: Actor, userId: number, active: boolean): Promise<boolean> {
  // A role given meanwhile (setRoles) waits for the account's state; setActive holds it already.
  await lockAccount(tx, userId);
  const r = await tx.user.updateMany({ where: { id: userId, schoolId: actor.schoolId }, data: { active, sessionVersion: { increment: 1 } } });
  if (!r.count) return false;
  if (!active) await tx.userSession.updateMany({ where: { userId, endedAt: null }, data: { endedAt: new Date() } });
  await writeAudit(tx, { schoolId: actor.schoolId, actorId: actor.id, action: active ? 'user.activate' : 'user.deactivate', entityType: 'User', entityId: userId });
  return true;
}

/** Issues a new one-time password; the person must change it at the next sign-in. */
export async function resetPassword(actor: Actor, userId: number): Promise<Result<{ login: string; password: string }>> {
  if (!actor.permissions.has('users:manage')) return denied;
  const refused = await adminAccountRefused(actor, userId);
  if (refused) return refused;
  const db = getDb();
  const user = await db.user.findFirst({ where: { id: userId, schoolId: actor.schoolId }, select: { id: true, login: true, lastName: true, firstName: true } });
  if (!user) return notFound;
  const password = generateOneTimePassword();
  const passwordHash = await hashPassword(password);
  const login = await db.$transaction(async (tx) => {
    const login = user.login ?? (await claimLogin(tx, user.lastName, user.firstName));
    await tx.user.update({ where: { id: userId }, data: { login, passwordHash, mustChangePassword: true, sessionVersion: { increment: 1 } } });
    await tx.userSession.updateMany({ where: { userId, endedAt: null }, data: { endedAt: new Date() } });
    await writeAudit(tx, { schoolId: actor.schoolId, actorId: actor.id, action: 'user.password.reset', entityType: 'User', entityId: userId });
    return login;
  }, LOGIN_TX);
  return { ok: true, login, password };
}

export async function endSessions(actor: Actor, userId: number): Promise<Result<{ ended: number }>> {
  if (!actor.permissions.has('users:manage')) return denied;
  const refused = await adminAccountRefused(actor, userId);
  if (refused) return refused;
  const db = getDb();
  const user = await db.user.findFirst({ where: { id: userId, schoolId: actor.schoolId }, select: { id: true } });
  if (!user) return notFound;
  const ended = await db.$transaction(async (tx) => {
    const r = await tx.userSession.updateMany({ where: { userId, endedAt: null }, data: { endedAt: new Date() } });
    await tx.user.update({ where: { id: userId }, data: { sessionVersion: { increment: 1 } } });
    await writeAudit(tx, { schoolId: actor.schoolId, actorId: actor.id, action: 'user.sessions.end', entityType: 'User', entityId: userId, details: { ended: r.count } });
    return r.count;
  });
  return { ok: true, ended };
}

/**
 * Makes `teacherId` the class teacher of `classId` (or nobody, with null). `shown`: the class
 * teacher the form showed for that class (null: none); when given, the save is refused if someone
 * else changed it meanwhile, as in setRoles.
 */
export async function assignClassTeacher(actor: Actor, classId: number, teacherId: number | null, shown?: number | null): Promise<Result> {
  if (!actor.permissions.has('users:manage')) return denied;
  const db = getDb();
  const cls = await db.schoolClass.findFirst({ where: { id: classId, ...currentClasses(actor) }, select: { id: true } });
  if (!cls) return { ok: false, error: 'Класс не найден в текущем учебном году', field: 'classId' };
  return db.$transaction(async (tx): Promise<Result> => {
    if (teacherId !== null) {
      // Under the person's lock, so that the teacher is not disabled or stripped of the role meanwhile.
      await lockAccount(tx, teacherId);
      const teacher = await tx.user.findFirst({ where: { id: teacherId, schoolId: actor.schoolId, active: true, roles: { some: { role: 'TEACHER' } } }, select: { id: true } });
      if (!teacher) return { ok: false, error: 'Классным руководителем может быть только работающий учитель этой школы (учётная запись включена)', field: 'teacherId' };
    }
    const previous = await lockClassTeacher(tx, classId);
    if (shown !== undefined && shown !== previous) return changedMeanwhile('Классного руководителя этого класса', 'classId');
    await tx.schoolClass.update({ where: { id: classId }, data: { classTeacherId: teacherId } });
    await writeAudit(tx, { schoolId: actor.schoolId, actorId: actor.id, action: 'class.teacher.set', entityType: 'SchoolClass', entityId: classId, oldValue: previous, newValue: teacherId });
    return { ok: true };
  });
}

/** Links a parent to a pupil found by class and name (how a secretary reads it off an application). */
export async function linkGuardian(actor: Actor, parentId: number, pupil: { classId: number; lastName: string; firstName: string }, now = new Date()): Promise<Result> {
  if (!actor.permissions.has('users:manage')) return denied;
  const db = getDb();
  const matches = await pupilsInClassByName(actor.schoolId, pupil.classId, pupil, schoolToday(actor.timeZone, now));
  return db.$transaction(async (tx): Promise<Result> => {
    // Under the person's lock: setRoles, which refuses a pupil's role to someone with children, sees this link.
    await lockAccount(tx, parentId);
    const parent = await tx.user.findFirst({ where: { id: parentId, schoolId: actor.schoolId, roles: { some: { role: 'PARENT' } } }, select: { id: true, roles: { select: { role: true } } } });
    if (!parent) return { ok: false, error: 'Родитель не найден (у пользователя нет роли «Родитель»)' };
    // A pupil's account reading a classmate's diary (or its own as "parent") is never right.
    if (parent.roles.some((r) => r.role === 'STUDENT')) return { ok: false, error: 'Это учётная запись ученика: ученика нельзя сделать родителем другого ученика' };
    if (matches.length === 0) return { ok: false, error: 'В этом классе нет ученика с такими фамилией и именем', field: 'pupil' };
    if (matches.length > 1) return { ok: false, error: 'Найдено несколько учеников с таким именем: обратитесь к карточке ученика', field: 'pupil' };
    const r = await tx.guardianship.createMany({ data: [{ parentId, studentId: matches[0], schoolId: actor.schoolId }], skipDuplicates: true });
    // The audit trail records changes: linking a child already linked changes nothing.
    if (!r.count) return { ok: false, error: 'Этот ребёнок уже привязан к родителю', field: 'pupil' };
    await writeAudit(tx, { schoolId: actor.schoolId, actorId: actor.id, action: 'guardian.link', entityType: 'User', entityId: parentId, newValue: { studentId: matches[0] } });
    return { ok: true };
  });
}

export async function unlinkGuardian(actor: Actor, parentId: number, studentId: number): Promise<Result> {
  if (!actor.permissions.has('users:manage')) return denied;
  const db = getDb();
  const removed = await db.$transaction(async (tx) => {
    const r = await tx.guardianship.deleteMany({ where: { parentId, studentId, schoolId: actor.schoolId } });
    if (r.count) {
      await writeAudit(tx, { schoolId: actor.schoolId, actorId: actor.id, action: 'guardian.unlink', entityType: 'User', entityId: parentId, oldValue: { studentId } });
    }
    return r.count;
  });
  return removed ? { ok: true } : { ok: false, error: 'Связь не найдена' };
}
