// What an administrator does to people: guardianships, class teachers and roles. Refusals leave
// everything as it was; two administrators saving one record from pages opened at the same time
// do not silently undo each other's change.
import { beforeAll, describe, expect, it } from 'vitest';
import { resetDb, testDb } from '../support/db';
import { createSchoolFixture, createUser, day, type SchoolFixture } from '../support/fixtures';
import { actorFor } from '../support/actors';
import { assignClassTeacher, createUser as createPerson, linkGuardian, schoolClasses, setActive, setRoles } from '@/lib/data/users';
import { setRolePermissions, setUserGrants } from '@/lib/data/roles';
import { diaryStudents } from '@/lib/data/students';

const db = testDb();
let fx: SchoolFixture;
/** 5А of 2025/2026, led by the fixture's teacher then. */
let lastYearClassId: number;

beforeAll(async () => {
  await resetDb();
  fx = await createSchoolFixture(db);
  const lastYear = await db.academicYear.create({
    data: { schoolId: fx.schoolId, startYear: 2025, label: '2025/2026', startDate: day('2025-09-01'), endDate: day('2026-05-31') },
  });
  lastYearClassId = (await db.schoolClass.create({
    data: { schoolId: fx.schoolId, academicYearId: lastYear.id, gradeLevel: 4, letter: 'А', classTeacherId: fx.teacherId, periodSchemeId: fx.periodSchemeId },
  })).id;
});

const auditCount = (action: string) => db.auditLog.count({ where: { action } });
const rolesOf = async (userId: number) => (await db.userRole.findMany({ where: { userId }, select: { role: true } })).map((r) => r.role).sort();

describe('linking a parent to a child', () => {
  it('refuses a pupil account as the parent, of a classmate or of themself', async () => {
    const admin = await actorFor(db, fx.adminId);
    const pupilId = fx.studentIds[1];
    await db.userRole.create({ data: { schoolId: fx.schoolId, userId: pupilId, role: 'PARENT' } });
    const before = await auditCount('guardian.link');
    for (const child of [{ lastName: 'Ученик1', firstName: 'Пётр' }, { lastName: 'Ученик2', firstName: 'Пётр' }]) {
      const r = await linkGuardian(admin, pupilId, { classId: fx.classId, ...child });
      expect(r).toMatchObject({ ok: false, error: 'Это учётная запись ученика: ученика нельзя сделать родителем другого ученика' });
    }
    expect(await db.guardianship.count({ where: { parentId: pupilId } })).toBe(0);
    expect(await diaryStudents(await actorFor(db, pupilId))).toEqual([expect.objectContaining({ id: pupilId })]);
    expect(await auditCount('guardian.link')).toBe(before);
    await db.userRole.deleteMany({ where: { userId: pupilId, role: 'PARENT' } });
  });

  it('says a child is already linked and writes no audit row for a link that changes nothing', async () => {
    const admin = await actorFor(db, fx.adminId);
    const before = await auditCount('guardian.link');
    expect(await linkGuardian(admin, fx.parentId, { classId: fx.classId, lastName: 'Ученик1', firstName: 'Пётр' }))
      .toEqual({ ok: false, error: 'Этот ребёнок уже привязан к родителю', field: 'pupil' });
    expect(await auditCount('guardian.link')).toBe(before);
    expect(await db.guardianship.count({ where: { parentId: fx.parentId } })).toBe(1);
  });
});

describe('class teachers', () => {
  it('a class teacher of this year keeps the teacher role until the class has another class teacher', async () => {
    const admin = await actorFor(db, fx.adminId);
    const r = await setRoles(admin, fx.teacherId, ['PARENT']);
    expect(r).toEqual({ ok: false, field: 'roles', error: 'Пользователь — классный руководитель 5А: сначала назначьте классу другого руководителя' });
    expect(await rolesOf(fx.teacherId)).toEqual(['TEACHER']);

    const successorId = await createUser(db, fx.schoolId, ['TEACHER'], { lastName: 'Преемникова', firstName: 'Полина' });
    expect(await assignClassTeacher(admin, fx.classId, successorId)).toEqual({ ok: true });
    // Leading last year's 4А does not hold anyone: that year's duties are over.
    expect(await setRoles(admin, fx.teacherId, ['TEACHER', 'PARENT'])).toEqual({ ok: true });
    expect(await setRoles(admin, successorId, ['PARENT'])).toMatchObject({ ok: false, field: 'roles' });
    expect(await assignClassTeacher(admin, fx.classId, fx.teacherId)).toEqual({ ok: true });
  });

  it("last year's class keeps its class teacher, and is not offered", async () => {
    const admin = await actorFor(db, fx.adminId);
    const otherId = await createUser(db, fx.schoolId, ['TEACHER'], { lastName: 'Другова', firstName: 'Дарья' });
    expect(await assignClassTeacher(admin, lastYearClassId, otherId)).toEqual({ ok: false, field: 'classId', error: 'Класс не найден в текущем учебном году' });
    expect(await createPerson(admin, { lastName: 'Новенькая', firstName: 'Нина', roles: ['TEACHER'], classTeacherOf: lastYearClassId })).toMatchObject({ ok: false, field: 'classTeacherOf' });
    expect((await db.schoolClass.findUniqueOrThrow({ where: { id: lastYearClassId } })).classTeacherId).toBe(fx.teacherId);
    expect((await schoolClasses(admin)).map((c) => c.id)).toEqual([fx.classId]);
  });

  it('a new teacher made class teacher on creation replaces the previous one in the audit trail too', async () => {
    const admin = await actorFor(db, fx.adminId);
    const created = await createPerson(admin, { lastName: 'Сменщикова', firstName: 'Светлана', roles: ['TEACHER'], classTeacherOf: fx.classId });
    if (!created.ok) throw new Error(created.error);
    const row = await db.auditLog.findFirstOrThrow({ where: { action: 'class.teacher.set', entityId: String(fx.classId) }, orderBy: { id: 'desc' } });
    expect(row).toMatchObject({ oldValue: fx.teacherId, newValue: created.id });
    expect(await assignClassTeacher(admin, fx.classId, fx.teacherId)).toEqual({ ok: true });
  });

  it('a disabled teacher is not made a class teacher', async () => {
    const admin = await actorFor(db, fx.adminId);
    const goneId = await createUser(db, fx.schoolId, ['TEACHER'], { lastName: 'Уволенова', firstName: 'Ульяна' });
    expect(await setActive(admin, goneId, false)).toEqual({ ok: true });
    expect(await assignClassTeacher(admin, fx.classId, goneId)).toMatchObject({ ok: false, field: 'teacherId' });
    expect((await db.schoolClass.findUniqueOrThrow({ where: { id: fx.classId } })).classTeacherId).toBe(fx.teacherId);
  });
});

describe('two administrators saving one record', () => {
  it("the second save of a person's roles from a page opened before the first is refused, not silently undoing it", async () => {
    const [a, b] = [await actorFor(db, fx.adminId), await actorFor(db, await createUser(db, fx.schoolId, ['ADMIN'], { lastName: 'Вторая', firstName: 'Вера' }))];
    const personId = await createUser(db, fx.schoolId, ['TEACHER'], { lastName: 'Общая', firstName: 'Ольга' });
    expect(await setRoles(a, personId, ['TEACHER', 'PARENT'], ['TEACHER'])).toEqual({ ok: true });
    const stale = await setRoles(b, personId, ['TEACHER', 'HR'], ['TEACHER']);
    expect(stale).toMatchObject({ ok: false, field: 'roles' });
    expect(stale.ok || stale.error).toMatch(/уже изменил другой пользователь/);
    expect(await rolesOf(personId)).toEqual(['PARENT', 'TEACHER']);
    // Saved from the page as it is now, it goes through.
    expect(await setRoles(b, personId, ['TEACHER', 'PARENT', 'HR'], ['PARENT', 'TEACHER'])).toEqual({ ok: true });
    expect(await rolesOf(personId)).toEqual(['HR', 'PARENT', 'TEACHER']);
  });

  it('of two saves at the same moment from the same page, one goes through', async () => {
    const a = await actorFor(db, fx.adminId);
    const personId = await createUser(db, fx.schoolId, ['TEACHER'], { lastName: 'Одновременная', firstName: 'Ольга' });
    const results = await Promise.all([setRoles(a, personId, ['TEACHER', 'PARENT'], ['TEACHER']), setRoles(a, personId, ['TEACHER', 'HR'], ['TEACHER'])]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(await db.auditLog.count({ where: { action: 'user.roles.set', entityId: String(personId) } })).toBe(1);
  });

  it("the same holds for a person's own grants and for a role's permissions", async () => {
    const a = await actorFor(db, fx.adminId);
    const personId = await createUser(db, fx.schoolId, ['TEACHER'], { lastName: 'Правова', firstName: 'Полина' });
    expect(await setUserGrants(a, personId, ['staff:read'], [])).toEqual({ ok: true });
    expect(await setUserGrants(a, personId, ['audit:read'], [])).toMatchObject({ ok: false, field: 'permissions' });
    expect((await db.userPermission.findMany({ where: { userId: personId } })).map((p) => p.permission)).toEqual(['staff:read']);

    expect(await setRolePermissions(a, 'HR', ['staff:read', 'surveys:answer'], ['staff:read'])).toEqual({ ok: true });
    expect(await setRolePermissions(a, 'HR', ['staff:read', 'messages:send'], ['staff:read'])).toMatchObject({ ok: false, field: 'permissions' });
    expect((await db.rolePermission.findMany({ where: { schoolId: fx.schoolId, role: 'HR' } })).map((p) => p.permission).sort()).toEqual(['staff:read', 'surveys:answer']);
  });
});

describe('roles of someone who manages roles without being an administrator', () => {
  it('a secretary with the right to manage roles may change their own roles', async () => {
    const secretaryId = await createUser(db, fx.schoolId, ['SECRETARY'], { lastName: 'Секретарёва', firstName: 'Софья' });
    await db.userPermission.create({ data: { schoolId: fx.schoolId, userId: secretaryId, permission: 'roles:manage', grantedById: fx.adminId } });
    const secretary = await actorFor(db, secretaryId);
    expect(await setRoles(secretary, secretaryId, ['SECRETARY', 'HR'])).toEqual({ ok: true });
    expect(await rolesOf(secretaryId)).toEqual(['HR', 'SECRETARY']);
  });
});
