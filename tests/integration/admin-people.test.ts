// What an administrator does to people: guardianships, class teachers, roles and disabling. Refusals leave
// everything as it was; two administrators saving one record from pages opened at the same time
// do not silently undo each other's change.
import { beforeAll, describe, expect, it } from 'vitest';
import { resetDb, testDb } from '../support/db';
import { createSchoolFixture, createUser, day, type SchoolFixture } from '../support/fixtures';
import { actorFor } from '../support/actors';
import { assignClassTeacher, createUser as createPerson, linkGuardian, schoolClasses, setActive, setRoles } from '@/lib/data/users';
import { setRolePermissions, setUserGrants } from '@/lib/data/roles';
import { diaryStudents } from '@/lib/data/students';
import { signInForRequest } from '../support/request-session';
import { userCommandAction } from '@/app/(admin)/admin/users/actions';

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

describe("a parent's roles", () => {
  it('a parent with children linked is not given the pupil role, and nothing changes', async () => {
    const admin = await actorFor(db, fx.adminId);
    const before = await auditCount('user.roles.set');
    const r = await setRoles(admin, fx.parentId, ['PARENT', 'STUDENT'], ['PARENT']);
    expect(r).toEqual({ ok: false, field: 'roles', error: 'К пользователю привязаны дети: ученика нельзя сделать родителем другого ученика. Сначала отвяжите детей' });
    expect(await rolesOf(fx.parentId)).toEqual(['PARENT']);
    expect(await auditCount('user.roles.set')).toBe(before);
    // The other roles are theirs to have.
    expect(await setRoles(admin, fx.parentId, ['PARENT', 'TEACHER'], ['PARENT'])).toEqual({ ok: true });
    expect(await setRoles(admin, fx.parentId, ['PARENT'], ['PARENT', 'TEACHER'])).toEqual({ ok: true });
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

  it('a class teacher of this year is not disabled until the class has another class teacher', async () => {
    const admin = await actorFor(db, fx.adminId);
    const leaderId = await createUser(db, fx.schoolId, ['TEACHER'], { lastName: 'Ведущая', firstName: 'Валентина' });
    expect(await assignClassTeacher(admin, fx.classId, leaderId)).toEqual({ ok: true });
    const before = await auditCount('user.deactivate');
    expect(await setActive(admin, leaderId, false)).toEqual({ ok: false, error: 'Пользователь — классный руководитель 5А: сначала назначьте классу другого руководителя' });
    expect(await db.user.findUniqueOrThrow({ where: { id: leaderId }, select: { active: true } })).toEqual({ active: true });
    expect(await auditCount('user.deactivate')).toBe(before);
    // Leading last year's 4А holds no one: the fixture's teacher is free once 5А has another.
    expect(await assignClassTeacher(admin, fx.classId, fx.teacherId)).toEqual({ ok: true });
    expect(await setActive(admin, leaderId, false)).toEqual({ ok: true });
  });

  it('disabling a teacher and making them a class teacher at the same moment never leaves a class with a disabled leader', async () => {
    const admin = await actorFor(db, fx.adminId);
    for (let i = 0; i < 5; i++) {
      const id = await createUser(db, fx.schoolId, ['TEACHER'], { lastName: `Спорная${i}`, firstName: 'Светлана' });
      const [assigned, disabled] = await Promise.all([assignClassTeacher(admin, fx.classId, id), setActive(admin, id, false)]);
      expect([assigned.ok, disabled.ok]).not.toEqual([true, true]);
      const cls = await db.schoolClass.findUniqueOrThrow({ where: { id: fx.classId }, select: { classTeacher: { select: { active: true } } } });
      expect(cls.classTeacher?.active).toBe(true);
      expect(await assignClassTeacher(admin, fx.classId, fx.teacherId)).toEqual({ ok: true });
    }
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

  it("the second assignment of a class's teacher from a page opened before the first is refused", async () => {
    const [a, b] = [await actorFor(db, fx.adminId), await actorFor(db, await createUser(db, fx.schoolId, ['ADMIN'], { lastName: 'Третья', firstName: 'Тамара' }))];
    const firstId = await createUser(db, fx.schoolId, ['TEACHER'], { lastName: 'Перваядо', firstName: 'Полина' });
    const secondId = await createUser(db, fx.schoolId, ['TEACHER'], { lastName: 'Вторая', firstName: 'Валерия' });
    // Both pages showed the fixture's teacher leading 5А.
    expect(await assignClassTeacher(a, fx.classId, firstId, fx.teacherId)).toEqual({ ok: true });
    const before = await auditCount('class.teacher.set');
    const stale = await assignClassTeacher(b, fx.classId, secondId, fx.teacherId);
    expect(stale).toMatchObject({ ok: false, field: 'classId' });
    expect(stale.ok || stale.error).toMatch(/уже изменил другой пользователь/);
    expect((await db.schoolClass.findUniqueOrThrow({ where: { id: fx.classId } })).classTeacherId).toBe(firstId);
    expect(await auditCount('class.teacher.set')).toBe(before);
    // From the page as it is now, it goes through.
    expect(await assignClassTeacher(b, fx.classId, secondId, firstId)).toEqual({ ok: true });
    expect(await assignClassTeacher(a, fx.classId, fx.teacherId, secondId)).toEqual({ ok: true });
  });

  it('the user page sends the class teacher it showed, and a stale one is refused next to the class', async () => {
    const otherId = await createUser(db, fx.schoolId, ['TEACHER'], { lastName: 'Страничная', firstName: 'Сабина' });
    const meanwhileId = await createUser(db, fx.schoolId, ['TEACHER'], { lastName: 'Тем-временем', firstName: 'Тина' });
    await signInForRequest(db, fx.adminId);
    const form = new FormData();
    for (const [k, v] of Object.entries({ userId: String(otherId), command: 'class-teacher', classId: String(fx.classId), shown: `${fx.classId}:${fx.teacherId}` })) form.set(k, v);
    // Another administrator gave 5А to someone after the page was opened.
    expect(await assignClassTeacher(await actorFor(db, fx.adminId), fx.classId, meanwhileId)).toEqual({ ok: true });
    const state = await userCommandAction({}, form);
    expect(state.errors?.classId).toMatch(/уже изменил другой пользователь/);
    expect((await db.schoolClass.findUniqueOrThrow({ where: { id: fx.classId } })).classTeacherId).toBe(meanwhileId);
    form.set('shown', `${fx.classId}:${meanwhileId}`);
    expect(await userCommandAction({}, form)).toMatchObject({ ok: true });
    expect(await assignClassTeacher(await actorFor(db, fx.adminId), fx.classId, fx.teacherId)).toEqual({ ok: true });
  });

  it("two assignments at the same moment: the audit trail's old value is the teacher each one replaced", async () => {
    const a = await actorFor(db, fx.adminId);
    const ids = [
      await createUser(db, fx.schoolId, ['TEACHER'], { lastName: 'Одна', firstName: 'Ольга' }),
      await createUser(db, fx.schoolId, ['TEACHER'], { lastName: 'Другая', firstName: 'Дина' }),
    ];
    const from = await db.auditLog.aggregate({ _max: { id: true } });
    expect(await Promise.all(ids.map((id) => assignClassTeacher(a, fx.classId, id)))).toEqual([{ ok: true }, { ok: true }]);
    const rows = await db.auditLog.findMany({ where: { action: 'class.teacher.set', id: { gt: from._max.id ?? 0 } }, orderBy: { id: 'asc' }, select: { oldValue: true, newValue: true } });
    expect(rows).toHaveLength(2);
    expect(rows[0].oldValue).toBe(fx.teacherId);
    expect(rows[1].oldValue).toBe(rows[0].newValue);
    expect(await assignClassTeacher(a, fx.classId, fx.teacherId)).toEqual({ ok: true });
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
  it("a secretary with the right to manage roles changes others' roles, but not their own nor the nurse's and psychologist's", async () => {
    const secretaryId = await createUser(db, fx.schoolId, ['SECRETARY'], { lastName: 'Секретарёва', firstName: 'Софья' });
    const clerkId = await createUser(db, fx.schoolId, ['SECRETARY'], { lastName: 'Делопроизводова', firstName: 'Дарья' });
    await db.userPermission.create({ data: { schoolId: fx.schoolId, userId: secretaryId, permission: 'roles:manage', grantedById: fx.adminId } });
    const secretary = await actorFor(db, secretaryId);
    expect(await setRoles(secretary, clerkId, ['SECRETARY', 'HR'])).toEqual({ ok: true });
    expect(await rolesOf(clerkId)).toEqual(['HR', 'SECRETARY']);
    // Their own access: only an administrator widens it.
    expect(await setRoles(secretary, secretaryId, ['SECRETARY', 'MANAGEMENT'])).toMatchObject({ ok: false, field: 'roles', error: 'Свои роли меняет только администратор' });
    // The roles that open medical and psychologist's notes, to anyone.
    expect(await setRoles(secretary, clerkId, ['SECRETARY', 'MEDICAL'])).toMatchObject({ ok: false, field: 'roles' });
    expect(await rolesOf(secretaryId)).toEqual(['SECRETARY']);
    expect(await rolesOf(clerkId)).toEqual(['HR', 'SECRETARY']);
    // The administrator may.
    const admin = await actorFor(db, fx.adminId);
    expect(await setRoles(admin, clerkId, ['SECRETARY', 'MEDICAL'])).toEqual({ ok: true });
  });
});
