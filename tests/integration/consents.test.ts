// Consent to personal-data processing (152-ФЗ): append-only history, the decision in force, and
// the delivery lists the weekly extract builds on (deny by default: no consent means paper).
import { beforeEach, describe, expect, it } from 'vitest';
import { resetDb, testDb } from '../support/db';
import { createSchoolFixture, createUser, enroll, type SchoolFixture } from '../support/fixtures';
import { actorFor, seedRolePermissions } from '../support/actors';
import type { Actor } from '../../lib/auth/actor';
import { consentHistory, currentConsents, deliveriesOf, deliveryLists, recordConsent, type ConsentInput } from '../../lib/data/consents';
import { linkGuardian, setActive, unlinkGuardian } from '../../lib/data/users';
import { readableDiaries } from '../../lib/data/scope';
import { printsSchool } from '../../lib/data/extracts/access';

const db = testDb();
let fx: SchoolFixture;
let admin: Actor;
let first: number;
let second: number;
let secondParent: number;

const grant = (over: Partial<ConsentInput> = {}): ConsentInput => ({
  studentId: first, guardianId: fx.parentId, decision: 'GRANTED', documentVersion: '2026-1', deliveryPreference: 'EMAIL', contactEmail: 'olga@mail.ru', ...over,
});

beforeEach(async () => {
  await resetDb();
  fx = await createSchoolFixture(db);
  [first, second] = fx.studentIds;
  secondParent = await createUser(db, fx.schoolId, ['PARENT'], { lastName: 'Ученик2', firstName: 'Ирина' });
  await db.guardianship.create({ data: { schoolId: fx.schoolId, parentId: secondParent, studentId: second } });
  admin = await actorFor(db, fx.adminId);
});

describe('recording decisions', () => {
  it('appends every decision and keeps the history in order, newest in force', async () => {
    const a = await recordConsent(admin, grant());
    const b = await recordConsent(admin, grant({ deliveryPreference: 'ONLINE', contactEmail: null }));
    const c = await recordConsent(admin, grant({ decision: 'REFUSED', deliveryPreference: 'EMAIL', contactEmail: 'olga@mail.ru', note: 'Заявление от 20.11' }));
    if (!a.ok || !b.ok || !c.ok) throw new Error('not recorded');

    const history = await consentHistory(admin, first);
    expect(history?.rows.map((r) => [r.id, r.decision, r.deliveryPreference, r.contactEmail])).toEqual([
      [c.id, 'REFUSED', 'PAPER', null], // a refusal is delivered on paper and keeps no e-mail
      [b.id, 'GRANTED', 'ONLINE', null],
      [a.id, 'GRANTED', 'EMAIL', 'olga@mail.ru'],
    ]);
    expect(history?.rows[0]).toMatchObject({ guardian: { id: fx.parentId, name: 'Ученик1 Ольга' }, recordedBy: { id: fx.adminId, name: 'Админова Анна' }, note: 'Заявление от 20.11' });
    expect(await db.consent.count()).toBe(3);
    expect(await db.auditLog.count({ where: { action: 'consent.record' } })).toBe(3);

    const list = await currentConsents(admin, { classId: fx.classId });
    expect(list?.map((p) => [p.studentId, p.consent?.decision ?? null, p.signerGone])).toEqual([[first, 'REFUSED', false], [second, null, false]]);
    expect(list?.[1].guardians).toEqual([{ id: secondParent, name: 'Ученик2 Ирина', email: null, phone: null }]);
  });

  it('refuses e-mail delivery without an address, and records nothing', async () => {
    expect(await recordConsent(admin, grant({ contactEmail: '' }))).toEqual({ ok: false, error: 'Для доставки по электронной почте укажите адрес', field: 'contactEmail' });
    expect(await recordConsent(admin, grant({ contactEmail: 'не почта' }))).toMatchObject({ ok: false, field: 'contactEmail' });
    expect(await db.consent.count()).toBe(0);
  });

  it('accepts only a parent of that pupil as the signer', async () => {
    expect(await recordConsent(admin, grant({ guardianId: secondParent }))).toMatchObject({ ok: false, field: 'guardianId' });
    expect(await db.consent.count()).toBe(0);
  });

  it('does not take a decision from a deactivated parent, which would not count, nor offer them as a signer', async () => {
    expect(await setActive(admin, fx.parentId, false)).toEqual({ ok: true });
    expect(await recordConsent(admin, grant())).toEqual({ ok: false, error: 'Выберите родителя (законного представителя) этого ученика', field: 'guardianId' });
    expect(await db.consent.count()).toBe(0);
    expect((await consentHistory(admin, first))?.student.guardians).toEqual([]);
    expect((await currentConsents(admin, { classId: fx.classId }))?.find((p) => p.studentId === first)?.guardians).toEqual([]);
  });

  it('refuses people without consent:manage and pupils of another school', async () => {
    const teacher = await actorFor(db, fx.teacherId);
    expect(await recordConsent(teacher, grant())).toEqual({ ok: false, error: 'Недостаточно прав для этого действия' });
    expect(await currentConsents(teacher)).toBeNull();
    expect(await consentHistory(teacher, first)).toBeNull();

    const other = await createSchoolFixture(db);
    const otherAdmin = await actorFor(db, other.adminId);
    expect(await recordConsent(otherAdmin, grant())).toMatchObject({ ok: false, field: 'studentId' });
    expect(await consentHistory(otherAdmin, first)).toBeNull();
    expect(await db.consent.count()).toBe(0);
  });
});

describe('delivery lists', () => {
  it('puts a refusing family on paper and off e-mail; no consent means paper too', async () => {
    await recordConsent(admin, grant());
    const granted = await deliveryLists(admin, { classId: fx.classId });
    expect(granted).toEqual({
      email: [{ studentId: first, guardianId: fx.parentId, email: 'olga@mail.ru' }],
      paper: [{ studentId: second, reason: 'NO_CONSENT' }],
      online: [],
    });

    await recordConsent(admin, grant({ decision: 'REFUSED' }));
    await recordConsent(admin, { studentId: second, guardianId: secondParent, decision: 'GRANTED', documentVersion: '2026-1', deliveryPreference: 'ONLINE' });
    const refused = await deliveryLists(admin, { classId: fx.classId });
    expect(refused?.email).toEqual([]);
    expect(refused?.paper).toEqual([{ studentId: first, reason: 'REFUSED' }]);
    expect(refused?.online).toEqual([{ studentId: second, guardianId: secondParent }]);
  });

  it('a consent counts only while its parent is an active guardian of the pupil: unlinked, deactivated or deleted means no consent', async () => {
    await recordConsent(admin, grant());
    const delivery = async () => (await deliveriesOf(fx.schoolId, [first])).get(first);
    expect(await delivery()).toEqual({ kind: 'email', guardianId: fx.parentId, email: 'olga@mail.ru' });

    expect(await unlinkGuardian(admin, fx.parentId, first)).toEqual({ ok: true });
    expect(await delivery()).toEqual({ kind: 'paper', reason: 'NO_CONSENT' });
    expect((await deliveryLists(admin, { classId: fx.classId }))?.email).toEqual([]);
    // The consents page says so, and does not count it as given.
    const row = (await currentConsents(admin, { classId: fx.classId }))?.find((p) => p.studentId === first);
    expect(row).toMatchObject({ consent: { decision: 'GRANTED' }, signerGone: true });

    expect(await linkGuardian(admin, fx.parentId, { classId: fx.classId, lastName: 'Ученик1', firstName: 'Пётр' })).toEqual({ ok: true });
    expect(await delivery()).toMatchObject({ kind: 'email' });
    expect(await setActive(admin, fx.parentId, false)).toEqual({ ok: true });
    expect(await delivery()).toEqual({ kind: 'paper', reason: 'NO_CONSENT' });

    // A row with no signer (deleting a user nulls guardianId) is no consent either.
    await setActive(admin, fx.parentId, true);
    await db.consent.create({ data: { schoolId: fx.schoolId, studentId: first, decision: 'GRANTED', documentVersion: '2026-1', deliveryPreference: 'EMAIL', contactEmail: 'olga@mail.ru', recordedById: fx.adminId } });
    expect(await delivery()).toEqual({ kind: 'paper', reason: 'NO_CONSENT' });
  });

  it('a refusal stays in force after its signer is no longer a guardian, for delivery as for the online diary', async () => {
    // Both parents of the first pupil; the mother refused, then was unlinked.
    await db.guardianship.create({ data: { schoolId: fx.schoolId, parentId: secondParent, studentId: first } });
    await recordConsent(admin, grant({ decision: 'REFUSED' }));
    expect(await unlinkGuardian(admin, fx.parentId, first)).toEqual({ ok: true });

    expect((await deliveriesOf(fx.schoolId, [first])).get(first)).toEqual({ kind: 'paper', reason: 'REFUSED' });
    expect((await deliveryLists(admin, { classId: fx.classId }))?.paper).toContainEqual({ studentId: first, reason: 'REFUSED' });
    // The diary stays closed to the remaining parent, as the delivery says.
    const father = await actorFor(db, secondParent);
    expect(await db.user.count({ where: { AND: [{ id: first }, readableDiaries(father)] } })).toBe(0);
    // The consents page counts it as a refusal in force, not as «не действует».
    const row = (await currentConsents(admin, { classId: fx.classId }))?.find((p) => p.studentId === first);
    expect(row).toMatchObject({ consent: { decision: 'REFUSED' }, signerGone: false });

    // A new decision by the remaining parent replaces it.
    await recordConsent(admin, grant({ guardianId: secondParent, deliveryPreference: 'ONLINE', contactEmail: null }));
    expect((await deliveriesOf(fx.schoolId, [first])).get(first)).toEqual({ kind: 'online', guardianId: secondParent });
    expect(await db.user.count({ where: { AND: [{ id: first }, readableDiaries(father)] } })).toBe(1);
  });

  it('a PAPER preference is paper, and a former pupil is on no list', async () => {
    await recordConsent(admin, grant({ deliveryPreference: 'PAPER' }));
    await db.enrollment.updateMany({ where: { studentId: second }, data: { endDate: new Date('2026-10-01T00:00:00Z') } });
    const lists = await deliveryLists(admin, {}, new Date('2026-11-23T09:00:00Z'));
    expect(lists).toEqual({ email: [], paper: [{ studentId: first, reason: 'PAPER' }], online: [] });
  });

  it('a class teacher reads the lists of their class only', async () => {
    const teacher = await actorFor(db, fx.teacherId);
    expect(await deliveryLists(teacher, { classId: fx.classId })).toMatchObject({ paper: [{ studentId: first }, { studentId: second }] });
    const otherClass = await db.schoolClass.create({ data: { schoolId: fx.schoolId, academicYearId: fx.academicYearId, gradeLevel: 6, letter: 'В', periodSchemeId: fx.periodSchemeId } });
    const pupil = await createUser(db, fx.schoolId, ['STUDENT']);
    await enroll(db, fx.schoolId, pupil, otherClass.id, '2026-09-01');
    expect(await deliveryLists(teacher, { classId: otherClass.id })).toBeNull();
    expect((await deliveryLists(teacher))?.paper.map((p) => p.studentId)).toEqual([first, second]);

    const parent = await actorFor(db, fx.parentId);
    expect(await deliveryLists(parent)).toBeNull();
  });

  it('management reads the whole school’s lists by the journal right alone, as it prints the school’s extracts (printsSchool)', async () => {
    const directorId = await createUser(db, fx.schoolId, ['MANAGEMENT']);
    await seedRolePermissions(db, fx.schoolId);
    // The school took the separate printing right from management: reading every journal still prints.
    await db.rolePermission.deleteMany({ where: { schoolId: fx.schoolId, role: 'MANAGEMENT', permission: 'extracts:print:school' } });
    const director = await actorFor(db, directorId);
    expect(director.permissions.has('extracts:print:school')).toBe(false);
    expect(printsSchool(director)).toBe(true);
    expect(await deliveryLists(director, { classId: fx.classId })).toEqual({ email: [], paper: [{ studentId: first, reason: 'NO_CONSENT' }, { studentId: second, reason: 'NO_CONSENT' }], online: [] });
    expect((await deliveryLists(director))?.paper.map((p) => p.studentId)).toEqual([first, second]);
  });
});
