// Logins and one-time passwords for a class (seed 002 §2.2), checked the way the administrator
// would: the PDF that comes back (read with pdftotext), and whether the printed password works.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { resetDb, testDb } from '../support/db';
import { createSchoolFixture, createUser, enroll, type SchoolFixture } from '../support/fixtures';
import { actorFor } from '../support/actors';
import type { Actor } from '../../lib/auth/actor';
import { verifyPassword } from '../../lib/auth/password';
import { credentialOverview, issueCredentials } from '../../lib/data/credentials';

// The route handler asks next-auth's cookie for the user; here the test decides who is signed in.
const session = vi.hoisted(() => ({ actor: null as Actor | null }));
vi.mock('@/lib/auth/current-user', () => ({ getCurrentUser: async () => session.actor }));
const { POST } = await import('../../app/api/pdf/credentials/route');

const db = testDb();
const workDir = mkdtempSync(path.join(tmpdir(), 'credentials-test-'));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

let fx: SchoolFixture;
let admin: Actor;
let otherClassPupil: number;

beforeEach(async () => {
  await resetDb();
  fx = await createSchoolFixture(db); // 5А: Ученик1 Пётр, Ученик2 Пётр; parent Ученик1 Ольга
  for (const firstName of ['Павел', 'Пётр']) {
    const id = await createUser(db, fx.schoolId, ['STUDENT'], { lastName: 'Иванов', firstName, login: null });
    await enroll(db, fx.schoolId, id, fx.classId, '2026-09-01');
  }
  // Pupils of the fixture have placeholder logins but no password yet: they count as "without a login".
  await db.user.updateMany({ where: { id: { in: [...fx.studentIds, fx.parentId] } }, data: { login: null } });
  // Another school already uses ivanov.p: logins are unique across the whole deployment.
  const otherSchool = await db.school.create({ data: { name: 'Другая школа', shortName: 'Другая', roundingPolicy: {} } });
  await createUser(db, otherSchool.id, ['TEACHER'], { lastName: 'Иванов', firstName: 'Пётр', login: 'ivanov.p' });

  const class7B = await db.schoolClass.create({ data: { schoolId: fx.schoolId, academicYearId: fx.academicYearId, gradeLevel: 7, letter: 'Б', periodSchemeId: fx.periodSchemeId } });
  otherClassPupil = await createUser(db, fx.schoolId, ['STUDENT'], { lastName: 'Посторонний', firstName: 'Семён', login: null });
  await enroll(db, fx.schoolId, otherClassPupil, class7B.id, '2026-09-01');

  admin = await actorFor(db, fx.adminId);
  session.actor = admin;
});

function post(fields: Record<string, string>, headers: Record<string, string> = {}) {
  const body = new FormData();
  for (const [k, v] of Object.entries(fields)) body.set(k, v);
  return POST(new Request('http://journal.test/api/pdf/credentials', { method: 'POST', body, headers: { origin: 'http://journal.test', host: 'journal.test', ...headers } }));
}

async function pdfText(response: Response): Promise<string> {
  const file = path.join(workDir, `slips-${Date.now()}.pdf`);
  writeFileSync(file, Buffer.from(await response.arrayBuffer()));
  return execFileSync('pdftotext', ['-raw', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
}

/** login → printed password, from the "Логин: …" / "Пароль: …" lines of every slip. */
function printedPasswords(text: string): Map<string, string> {
  const lines = text.split('\n');
  const result = new Map<string, string>();
  lines.forEach((line, i) => {
    const login = /^Логин: (\S+)$/.exec(line.trim());
    const password = /^Пароль: (\S+)$/.exec(lines[i + 1]?.trim() ?? '');
    if (login && password) result.set(login[1], password[1]);
  });
  return result;
}

const classPupils = () =>
  db.user.findMany({
    where: { enrollments: { some: { classId: fx.classId } } },
    select: { id: true, lastName: true, firstName: true, login: true, passwordHash: true, mustChangePassword: true, sessionVersion: true },
    orderBy: { id: 'asc' },
  });

describe('slips for a class', () => {
  it('gives every pupil a unique login and prints name, login and password — nothing of another class', async () => {
    const response = await post({ classId: String(fx.classId), audience: 'STUDENT', mode: 'MISSING' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="logins-5A.pdf"');
    expect(response.headers.get('cache-control')).toBe('no-store');

    const text = await pdfText(response);
    const pupils = await classPupils();
    expect(pupils).toHaveLength(4);
    const logins = pupils.map((p) => p.login);
    expect(new Set(logins).size).toBe(4);
    expect(logins).toEqual(expect.arrayContaining(['uchenik1.p', 'uchenik2.p', 'ivanov.p2', 'ivanov.p3']));

    const printed = printedPasswords(text);
    expect(printed.size).toBe(4);
    for (const p of pupils) {
      expect(text).toContain(`${p.lastName} ${p.firstName}`);
      expect(p.mustChangePassword).toBe(true);
      expect(p.sessionVersion).toBe(2);
      const password = printed.get(p.login!);
      expect(password, `password of ${p.login}`).toMatch(/^[A-Za-z2-9]{10}$/);
      expect(await verifyPassword(p.passwordHash!, password!)).toBe(true);
    }
    expect(text).toContain('Ученик, 5А класс');
    expect(text).toContain('МБОУ «Школа № 1»');
    expect(text).toContain('Вход: http://journal.test');
    expect(text).toContain('При первом входе система попросит сменить пароль');
    expect(text).not.toContain('Посторонний');
    expect(text).not.toContain('Ольга'); // parents were not asked for
    expect(text).not.toContain('Админова');

    const other = await db.user.findUniqueOrThrow({ where: { id: otherClassPupil }, select: { login: true, passwordHash: true } });
    expect(other).toEqual({ login: null, passwordHash: null });
    const audit = await db.auditLog.findFirstOrThrow({ where: { action: 'users.credentials.issue' } });
    expect(audit.details).toMatchObject({ issued: 4, audience: 'STUDENT', mode: 'MISSING' });
    expect(JSON.stringify(audit.details)).not.toContain(printed.get('uchenik1.p')!);
  });

  it('puts a parent next to the child with the child named on the slip', async () => {
    const r = await issueCredentials(admin, { classId: fx.classId, audience: 'BOTH', mode: 'MISSING' });
    if (!r.ok) throw new Error(r.error);
    const names = r.slips.map((s) => s.fullName);
    expect(names.indexOf('Ученик1 Ольга')).toBe(names.indexOf('Ученик1 Пётр') + 1);
    expect(r.slips.find((s) => s.role === 'PARENT')).toMatchObject({ children: ['Ученик1 Пётр, 5А'], className: '5А' });
  });

  it('skips people who already have a login unless passwords are reset', async () => {
    const first = await issueCredentials(admin, { classId: fx.classId, audience: 'STUDENT', mode: 'MISSING' });
    expect(first.ok && first.slips.length).toBe(4);
    const again = await issueCredentials(admin, { classId: fx.classId, audience: 'STUDENT', mode: 'MISSING' });
    expect(again).toMatchObject({ ok: false, field: 'mode' });

    const before = await classPupils();
    const reset = await issueCredentials(admin, { classId: fx.classId, audience: 'STUDENT', mode: 'ALL' });
    if (!reset.ok || !first.ok) throw new Error('issue failed');
    const after = await classPupils();
    expect(after.map((p) => p.login)).toEqual(before.map((p) => p.login));
    for (const [i, p] of after.entries()) {
      expect(p.passwordHash).not.toBe(before[i].passwordHash);
      expect(p.sessionVersion).toBe(before[i].sessionVersion + 1);
      const slip = reset.slips.find((s) => s.userId === p.id)!;
      expect(await verifyPassword(p.passwordHash!, slip.password)).toBe(true);
    }
  });

  it('leaves out a parent who is also a teacher, keeping their password, and names them with the reason', async () => {
    // The teacher is the father of Ученик2 Пётр, with their own account (their journal).
    await db.userRole.create({ data: { schoolId: fx.schoolId, userId: fx.teacherId, role: 'PARENT' } });
    await db.guardianship.create({ data: { schoolId: fx.schoolId, parentId: fx.teacherId, studentId: fx.studentIds[1] } });
    await db.user.update({ where: { id: fx.teacherId }, data: { login: 'uchiteleva.m', passwordHash: 'kept' } });

    const response = await post({ classId: String(fx.classId), audience: 'BOTH', mode: 'ALL', confirmReset: 'yes' });
    expect(response.status).toBe(200);
    const note = decodeURIComponent(response.headers.get('x-slips-own-accounts') ?? '');
    expect(note).toBe('Не выданы родителям Учителева Мария: у них есть и другая роль в школе: их учётную запись выдача для класса не меняет, новый пароль выдаётся на странице пользователя.');
    const text = await pdfText(response);
    expect(text).not.toContain('uchiteleva.m');
    expect(text).toContain('Ученик1 Ольга');
    expect(await db.user.findUniqueOrThrow({ where: { id: fx.teacherId }, select: { passwordHash: true, mustChangePassword: true } })).toEqual({ passwordHash: 'kept', mustChangePassword: false });

    // Only parents asked for: the refusal says why no slip was made for them.
    await db.guardianship.deleteMany({ where: { parentId: fx.parentId } });
    const onlyParents = await issueCredentials(admin, { classId: fx.classId, audience: 'PARENT', mode: 'ALL' });
    expect(onlyParents).toMatchObject({ ok: false, error: expect.stringContaining('Не выданы родителям Учителева Мария: у них есть и другая роль в школе') });
    // A staff parent with an account is not someone «without a login»: no note when only those are asked for.
    const missing = await issueCredentials(admin, { classId: fx.classId, audience: 'BOTH', mode: 'MISSING' });
    expect(missing).toMatchObject({ ok: false, field: 'mode' });
    expect(missing.ok || missing.error).not.toContain('Учителева');
  });

  it('a login taken by someone else while the slips are made: a Russian message to repeat, nothing issued', async () => {
    // Another account takes each login the moment the batch gives it out (as one created outside
    // the batch's lock would): the database's unique index refuses the batch's write.
    await db.$executeRawUnsafe(`CREATE FUNCTION test_take_login() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN INSERT INTO users (school_id, login, last_name, first_name, updated_at) VALUES (NEW.school_id, NEW.login, 'Захватов', 'Иван', now()); RETURN NEW; END $$`);
    await db.$executeRawUnsafe('CREATE TRIGGER test_take_login BEFORE UPDATE OF login ON users FOR EACH ROW WHEN (OLD.login IS NULL AND NEW.login IS NOT NULL) EXECUTE FUNCTION test_take_login()');
    try {
      expect(await issueCredentials(admin, { classId: fx.classId, audience: 'STUDENT', mode: 'MISSING' })).toEqual({
        ok: false, error: 'Логин, выбранный для одного из людей, только что занял другой пользователь. Повторите выдачу.',
      });
    } finally {
      await db.$executeRawUnsafe('DROP TRIGGER test_take_login ON users');
      await db.$executeRawUnsafe('DROP FUNCTION test_take_login()');
    }
    expect((await classPupils()).filter((p) => p.login !== null || p.passwordHash !== null)).toEqual([]);
    expect(await db.user.count({ where: { lastName: 'Захватов' } })).toBe(0);
    expect(await db.auditLog.count({ where: { action: 'users.credentials.issue' } })).toBe(0);
  });

  it('counts who still has no login per class', async () => {
    const overview = await credentialOverview(admin, new Date('2026-11-23T09:00:00Z'));
    expect(overview?.find((c) => c.id === fx.classId)).toMatchObject({ name: '5А', pupils: 4, pupilsWithout: 4, parents: 1, parentsWithout: 1 });
  });
});

describe('refusals', () => {
  it('a teacher gets 403 and nothing changes', async () => {
    session.actor = await actorFor(db, fx.teacherId);
    const before = await classPupils();
    const response = await post({ classId: String(fx.classId), audience: 'BOTH', mode: 'MISSING' }, { accept: 'application/json' });
    expect(response.status).toBe(403);
    expect((await response.json()).error).toContain('Недостаточно прав');
    expect(await classPupils()).toEqual(before);
    expect(await issueCredentials(session.actor, { classId: fx.classId, audience: 'BOTH', mode: 'MISSING' })).toMatchObject({ ok: false });
    expect(await db.auditLog.count({ where: { action: 'users.credentials.issue' } })).toBe(0);
  });

  it('nobody signed in gets 401', async () => {
    session.actor = null;
    expect((await post({ classId: String(fx.classId), audience: 'BOTH', mode: 'MISSING' })).status).toBe(401);
  });

  it('wrong input is a 400 with a Russian message, not a 500', async () => {
    const bad = await post({ classId: 'abc', audience: 'BOTH', mode: 'MISSING' }, { accept: 'application/json' });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ error: 'Выберите класс или всю школу', field: 'classId' });

    const noConfirm = await post({ classId: String(fx.classId), audience: 'BOTH', mode: 'ALL' }, { accept: 'application/json' });
    expect(noConfirm.status).toBe(400);
    expect((await noConfirm.json()).field).toBe('confirmReset');

    const foreign = await post({ classId: '999999', audience: 'BOTH', mode: 'MISSING' });
    expect(foreign.status).toBe(400);
    expect(foreign.headers.get('content-type')).toContain('text/html');
    expect(await foreign.text()).toContain('Класс не найден');
    expect((await classPupils()).every((p) => p.passwordHash === null)).toBe(true);
  });

  it('a form posted from another site is refused', async () => {
    const response = await post({ classId: String(fx.classId), audience: 'BOTH', mode: 'MISSING' }, { origin: 'https://evil.example' });
    expect(response.status).toBe(403);
    expect((await classPupils()).every((p) => p.passwordHash === null)).toBe(true);
  });
});
