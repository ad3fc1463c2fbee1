// Logins and one-time passwords for pupils and parents, issued a class at a time (seed 002 §2.2).
// None for a family whose refusal in force closed the diary (OPEN_TO_FAMILY, scope.ts): the pupil
// and parents who would sign in only to it are left out, and the result says how many. None for a
// parent who is also staff either: the result names them and says why (ownAccounts).
// The passwords leave this module only in the return value, which the caller prints once; the
// database keeps Argon2id hashes, and every person must change the password at first sign-in.
import 'server-only';
import { getDb } from '../db';
import { writeAudit } from '../audit';
import type { Actor } from '../auth/actor';
import { fullName } from '../auth/actor';
import { hashPassword } from '../auth/password';
import type { Prisma } from '../prisma-client';
import { generateLogin, generateLogins, generateOneTimePassword, transliterate } from '../domain/passwords';
import { toSchoolDate } from '../domain/timezone';
import { dbDate } from './dates';
import { isUniqueViolation } from './db-errors';
import { currentAcademicYear } from './import';
import { REFUSAL_IN_FORCE } from './scope';
import { className } from './names';
import { CLASS_NOW_FIRST, notEndedBy } from './enrolled';
import type { Failure, Result } from './users';

/** A whole school's batch writes one row per person: it may hold the logins lock this long. */
export const CREDENTIAL_BATCH_TX = { maxWait: 10_000, timeout: 120_000 };

/**
 * Logins are unique across the deployment: whoever picks new ones (a class batch, a new user, a
 * reset for someone without a login) does it under this lock, held to the end of its transaction.
 */
export async function lockLogins(tx: Prisma.TransactionClient): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('users.logins'))`;
}

export type CredentialAudience = 'STUDENT' | 'PARENT' | 'BOTH';
/** MISSING: only people without a login or password yet. ALL: everyone, which resets passwords. */
export type CredentialMode = 'MISSING' | 'ALL';
export type CredentialRequest = { classId: number | null; audience: CredentialAudience; mode: CredentialMode };

export type CredentialSlip = {
  userId: number;
  role: 'STUDENT' | 'PARENT';
  fullName: string;
  /** The pupil's class; for a parent, the classes of their children in the batch. */
  className: string | null;
  /** For a parent: their children in the batch, as 'Иванов Пётр, 7А'. */
  children: string[];
  login: string;
  password: string;
};

export type IssuedCredentials = {
  schoolName: string;
  /** '7А' or 'вся школа', for headings. */
  scopeLabel: string;
  /** ASCII for the file name: '7A' or 'school'. */
  fileTag: string;
  slips: CredentialSlip[];
  /** People left out because their family refused the electronic diary (pupils, and parents with no open child in the batch). */
  withheld: number;
  /** Parents left out because they also hold a staff role (OWN_ACCOUNT_REASON), by full name. */
  ownAccounts: string[];
};

const denied: Failure = { ok: false, error: 'Недостаточно прав для этого действия' };

/**
 * Argon2id takes 15–60 ms and 19 MiB per hash. Measured on the project's 2-core machines, hashing
 * 4 at a time (libuv's thread pool size) is as fast as any larger batch while keeping memory near
 * 80 MiB, so a whole school of a thousand people hashes in well under a minute.
 */
const HASH_BATCH = 4;

async function hashAll(passwords: string[]): Promise<string[]> {
  const hashes: string[] = [];
  for (let i = 0; i < passwords.length; i += HASH_BATCH) {
    hashes.push(...(await Promise.all(passwords.slice(i, i + HASH_BATCH).map(hashPassword))));
  }
  return hashes;
}

type Person = { id: number; lastName: string; firstName: string; middleName: string | null; login: string | null; passwordHash: string | null };
const personSelect = { id: true, lastName: true, firstName: true, middleName: true, login: true, passwordHash: true } as const;
const hasAccount = (p: Person) => !!p.login && !!p.passwordHash;

/** The pupils enrolled now (or from a future date this year) in the given classes, with their active parents. */
async function pupilsOf(schoolId: number, classIds: number[], today: string) {
  const current: Prisma.EnrollmentWhereInput = { classId: { in: classIds }, ...notEndedBy(dbDate(today)) };
  const rows = await getDb().user.findMany({
    where: { schoolId, active: true, roles: { some: { role: 'STUDENT' } }, enrollments: { some: current } },
    select: {
      ...personSelect,
      enrollments: { where: current, orderBy: CLASS_NOW_FIRST, take: 1, select: { schoolClass: { select: { id: true, gradeLevel: true, letter: true } } } },
      consentsAbout: { where: REFUSAL_IN_FORCE, select: { id: true } },
      guardians: { where: { parent: { active: true, roles: { some: { role: 'PARENT' } } } }, select: { parent: { select: { ...personSelect, roles: { select: { role: true } } } } } },
    },
  });
  return rows
    .map((r) => {
      // A parent who is also staff (a teacher, the administrator) keeps their own account: a class
      // batch must never reset it and print its password on a slip someone else carries home (a
      // teacher would find their journal locked). They are named in the result instead (ownAccounts).
      const [staff, parents] = partition(r.guardians, (g) => g.parent.roles.some((role) => role.role !== 'PARENT'));
      return { ...r, guardians: parents, staffParents: staff.map((g) => g.parent), cls: r.enrollments[0].schoolClass, closed: r.consentsAbout.length > 0 };
    })
    .sort((a, b) => a.cls.gradeLevel - b.cls.gradeLevel || a.cls.letter.localeCompare(b.cls.letter, 'ru') || byName(a, b));
}

function partition<T>(items: T[], test: (item: T) => boolean): [T[], T[]] {
  return [items.filter(test), items.filter((item) => !test(item))];
}

const byName = (a: Person, b: Person) =>
  a.lastName.localeCompare(b.lastName, 'ru') || a.firstName.localeCompare(b.firstName, 'ru') || (a.middleName ?? '').localeCompare(b.middleName ?? '', 'ru') || a.id - b.id;

async function scope(actor: Actor, classId: number | null, now: Date) {
  const db = getDb();
  const school = await db.school.findUniqueOrThrow({ where: { id: actor.schoolId }, select: { name: true, timezone: true } });
  const today = toSchoolDate(now, school.timezone);
  if (classId !== null) {
    const cls = await db.schoolClass.findFirst({ where: { id: classId, schoolId: actor.schoolId }, select: { id: true, gradeLevel: true, letter: true } });
    return { school, today, classes: cls ? [cls] : null };
  }
  const year = await currentAcademicYear(db, actor.schoolId, today);
  const classes = year
    ? await db.schoolClass.findMany({ where: { schoolId: actor.schoolId, academicYearId: year.id }, select: { id: true, gradeLevel: true, letter: true }, orderBy: [{ gradeLevel: 'asc' }, { letter: 'asc' }] })
    : [];
  return { school, today, classes };
}

export type ClassAccounts = {
  id: number; name: string; pupils: number; pupilsWithout: number; parents: number; parentsWithout: number;
  /** Pupils whose family refused the electronic diary: they and their parents get no login here. */
  closed: number;
};

/** Per class of the current year: how many pupils and parents could be given a login and have none yet. */
export async function credentialOverview(actor: Actor, now = new Date()): Promise<ClassAccounts[] | null> {
  if (!actor.permissions.has('users:manage')) return null;
  const { today, classes } = await scope(actor, null, now);
  if (!classes?.length) return [];
  const pupils = await pupilsOf(actor.schoolId, classes.map((c) => c.id), today);
  return classes.map((c) => {
    const own = pupils.filter((p) => p.cls.id === c.id && !p.closed);
    const parents = new Map(own.flatMap((p) => p.guardians.map((g) => [g.parent.id, g.parent] as const)));
    return {
      id: c.id, name: className(c),
      pupils: own.length, pupilsWithout: own.filter((p) => !hasAccount(p)).length,
      parents: parents.size, parentsWithout: [...parents.values()].filter((p) => !hasAccount(p)).length,
      closed: pupils.filter((p) => p.cls.id === c.id && p.closed).length,
    };
  });
}

/**
 * Gives the chosen people a login (kept if they have one) and a new one-time password, sets
 * mustChangePassword, raises sessionVersion and, when passwords are reset, ends open sessions.
 * Slips come in class order, each pupil followed by their parents, so a family's slips lie together.
 */
export async function issueCredentials(actor: Actor, request: CredentialRequest, now = new Date()): Promise<Result<IssuedCredentials>> {
  if (!actor.permissions.has('users:manage')) return denied;
  const { school, today, classes } = await scope(actor, request.classId, now);
  if (!classes) return { ok: false, error: 'Класс не найден', field: 'classId' };
  const scopeLabel = request.classId === null ? 'вся школа' : className(classes[0]);
  const fileTag = request.classId === null ? 'school' : transliterate(scopeLabel).replace(/[^A-Za-z0-9-]/g, '') || String(request.classId);
  const batch = classes.length ? await pupilsOf(actor.schoolId, classes.map((c) => c.id), today) : [];
  const pupils = batch.filter((p) => !p.closed);
  // Those of a refusing family whom this request would otherwise have reached.
  const withheldIds = new Set(batch.filter((p) => p.closed).flatMap((p) => [
    ...(request.audience !== 'PARENT' ? [p.id] : []),
    ...(request.audience !== 'STUDENT' ? p.guardians.map((g) => g.parent.id) : []),
  ]));
  for (const p of pupils) for (const g of p.guardians) withheldIds.delete(g.parent.id);

  const wanted = (p: Person) => request.mode === 'ALL' || !hasAccount(p);
  // Staff parents this request would otherwise have given a slip: the result names them.
  const ownAccounts = request.audience === 'STUDENT' ? [] : [...new Map(pupils.flatMap((p) => p.staffParents).filter(wanted).map((p) => [p.id, p])).values()].sort(byName).map(fullName);
  const childrenOf = new Map<number, string[]>();
  const classesOf = new Map<number, Set<string>>();
  for (const p of pupils) {
    for (const g of p.guardians) {
      childrenOf.set(g.parent.id, [...(childrenOf.get(g.parent.id) ?? []), `${p.lastName} ${p.firstName}, ${className(p.cls)}`]);
      classesOf.set(g.parent.id, (classesOf.get(g.parent.id) ?? new Set()).add(className(p.cls)));
    }
  }
  const chosen: { person: Person; role: 'STUDENT' | 'PARENT'; className: string | null; children: string[] }[] = [];
  const added = new Set<number>();
  for (const p of pupils) {
    if (request.audience !== 'PARENT' && wanted(p) && !added.has(p.id)) {
      chosen.push({ person: p, role: 'STUDENT', className: className(p.cls), children: [] });
      added.add(p.id);
    }
    if (request.audience === 'STUDENT') continue;
    for (const { parent } of [...p.guardians].sort((a, b) => byName(a.parent, b.parent))) {
      if (added.has(parent.id) || !wanted(parent)) continue;
      chosen.push({ person: parent, role: 'PARENT', className: [...classesOf.get(parent.id)!].join(', '), children: childrenOf.get(parent.id)! });
      added.add(parent.id);
    }
  }
  const nobody = () => [nobodyMessage(request, scopeLabel, batch.length, pupils.length, withheldIds.size), ownAccountsNote(ownAccounts)].filter(Boolean).join(' ');
  if (!chosen.length) return { ok: false, error: nobody(), field: request.mode === 'MISSING' ? 'mode' : 'classId' };

  const passwords = chosen.map(() => generateOneTimePassword());
  const hashes = await hashAll(passwords);

  try {
    const slips = await getDb().$transaction(
      async (tx) => {
        await lockLogins(tx);
        const needLogin = chosen.filter((c) => !c.person.login);
        const bases = [...new Set(needLogin.map((c) => generateLogin(c.person.lastName, c.person.firstName, new Set())))];
        const taken = new Set<string>();
        for (let i = 0; i < bases.length; i += 500) {
          const rows = await tx.user.findMany({ where: { OR: bases.slice(i, i + 500).map((b) => ({ login: { startsWith: b } })) }, select: { login: true } });
          for (const r of rows) taken.add(r.login!);
        }
        const newLogins = generateLogins(needLogin.map((c) => c.person), taken);
        const loginOf = new Map(needLogin.map((c, i) => [c.person.id, newLogins[i]]));

        const issued: CredentialSlip[] = [];
        for (const [i, c] of chosen.entries()) {
          const login = c.person.login ?? loginOf.get(c.person.id)!;
          // In MISSING mode someone may have issued this person a password meanwhile: then skip them.
          const where: Prisma.UserWhereInput = { id: c.person.id, schoolId: actor.schoolId, active: true };
          if (request.mode === 'MISSING') where.OR = [{ login: null }, { passwordHash: null }];
          const r = await tx.user.updateMany({ where, data: { login, passwordHash: hashes[i], mustChangePassword: true, sessionVersion: { increment: 1 } } });
          if (!r.count) continue;
          issued.push({ userId: c.person.id, role: c.role, fullName: fullName(c.person), className: c.className, children: c.children, login, password: passwords[i] });
        }
        const ids = issued.map((s) => s.userId);
        const ended = await tx.userSession.updateMany({ where: { userId: { in: ids }, endedAt: null }, data: { endedAt: now } });
        await writeAudit(tx, {
          schoolId: actor.schoolId, actorId: actor.id, action: 'users.credentials.issue', entityType: request.classId === null ? 'School' : 'SchoolClass',
          entityId: request.classId ?? actor.schoolId,
          details: { ...request, scope: scopeLabel, issued: ids.length, newLogins: issued.filter((s) => loginOf.has(s.userId)).length, sessionsEnded: ended.count, userIds: ids },
        });
        return issued;
      },
      CREDENTIAL_BATCH_TX,
    );
    if (!slips.length) return { ok: false, error: nobody(), field: 'mode' };
    return { ok: true, schoolName: school.name, scopeLabel, fileTag, slips, withheld: withheldIds.size, ownAccounts };
  } catch (e) {
    if (isUniqueViolation(e)) {
      return { ok: false, error: 'Логин, выбранный для одного из людей, только что занял другой пользователь. Повторите выдачу.' };
    }
    throw e;
  }
}

/** Why people of a refusing family get no slip. */
export const WITHHELD_REASON = 'их семьи отказались от обработки персональных данных в электронной форме: электронный дневник им закрыт, выписки выдаются на бумаге';

/** Why a parent who is also staff gets no slip. */
export const OWN_ACCOUNT_REASON = 'у них есть и другая роль в школе: их учётную запись выдача для класса не меняет, новый пароль выдаётся на странице пользователя';

/** The sentence naming the staff parents left out (the first few: it travels in a response header), or '' when there are none. */
export function ownAccountsNote(names: readonly string[]): string {
  if (!names.length) return '';
  const shown = names.slice(0, 5).join(', ') + (names.length > 5 ? ` и ещё ${names.length - 5}` : '');
  return `Не выданы родителям ${shown}: ${OWN_ACCOUNT_REASON}.`;
}

function nobodyMessage(request: CredentialRequest, scopeLabel: string, pupils: number, open: number, withheld: number): string {
  const where = request.classId === null ? 'В школе' : `В классе ${scopeLabel}`;
  if (!pupils) return `${where} нет учеников.`;
  const refused = `Не выдаются ${withheld} чел.: ${WITHHELD_REASON}.`;
  if (!open) return `Логины и пароли не выданы. ${refused}`;
  return withheld ? `${nobodyElse(request, where)} ${refused}` : nobodyElse(request, where);
}

function nobodyElse(request: CredentialRequest, where: string): string {
  const whom = request.audience === 'STUDENT' ? 'учеников' : request.audience === 'PARENT' ? 'родителей' : 'учеников и родителей';
  if (request.mode === 'MISSING') return `${where} нет ${whom} без логина. Чтобы выдать новые пароли, выберите «Всем — сбросить пароли».`;
  return `${where} нет ${whom}.`;
}
