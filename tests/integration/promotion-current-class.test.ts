// After the summer's promotion (lib/data/promotion.ts) a pupil has two enrollments: this year's
// class to the year's last day, next year's class, open, from its first day. Until then the pupil
// is in this year's class everywhere: the users list and its class filter, the parent-linking
// search, the family's children, the consent lists, the final-mark letter; this year's class
// teacher reads the diary to the year's end, next year's class teacher nothing until its start.
import { beforeAll, describe, expect, it } from 'vitest';
import { resetDb, testDb } from '../support/db';
import { actorFor } from '../support/actors';
import { createSchoolFixture, createUser, day, type SchoolFixture } from '../support/fixtures';
import type { Actor } from '../../lib/auth/actor';
import { linkGuardian, listUsers } from '../../lib/data/users';
import { diaryStudents } from '../../lib/data/students';
import { familyChildren } from '../../lib/data/diary/family';
import { consentHistory, currentConsents, deliveryLists } from '../../lib/data/consents';
import { enqueueFinalMarkNotices } from '../../lib/jobs/final-marks-notices';
import { readableDiaries } from '../../lib/data/scope';
import { readableDiaryPupil } from '../../lib/data/scope-sql';

const db = testDb();
/** Before this year's last day (31 May 2027 in the fixture), after the promotion. */
const NOW = new Date('2027-05-20T09:00:00Z');
/** Next year's first week. */
const SEPTEMBER = new Date('2027-09-02T09:00:00Z');
let fx: SchoolFixture;
let admin: Actor;
let pupil: number;
let sixth: number;
let nextTeacherId: number;

beforeAll(async () => {
  await resetDb();
  fx = await createSchoolFixture(db);
  pupil = fx.studentIds[0];
  admin = await actorFor(db, fx.adminId);
  nextTeacherId = await createUser(db, fx.schoolId, ['TEACHER'], { lastName: 'Шестова', firstName: 'Нина' });
  const nextYear = await db.academicYear.create({
    data: { schoolId: fx.schoolId, startYear: 2027, label: '2027/2028', startDate: day('2027-09-01'), endDate: day('2028-05-31') },
  });
  sixth = (await db.schoolClass.create({
    data: { schoolId: fx.schoolId, academicYearId: nextYear.id, gradeLevel: 6, letter: 'А', classTeacherId: nextTeacherId, periodSchemeId: fx.periodSchemeId },
  })).id;
  // As promoteClasses does: this year's enrollment ends with the year, next year's begins with it.
  await db.enrollment.updateMany({ where: { studentId: pupil, classId: fx.classId }, data: { endDate: day('2027-05-31') } });
  await db.enrollment.create({ data: { schoolId: fx.schoolId, studentId: pupil, classId: sixth, startDate: day('2027-09-01') } });
  await db.consent.create({
    data: { schoolId: fx.schoolId, studentId: pupil, guardianId: fx.parentId, decision: 'GRANTED', deliveryPreference: 'EMAIL', contactEmail: 'olga@example.ru', documentVersion: '2026.1', recordedById: fx.adminId },
  });
});

describe('the class of a pupil moved up, before the new year begins', () => {
  it('is this year\'s in the users list, and the class filter still finds the pupil and the parent', async () => {
    const byClass = (await listUsers(admin, { classId: fx.classId }, NOW))!.users;
    expect(byClass.map((u) => u.id)).toEqual(expect.arrayContaining([pupil, fx.parentId]));
    expect(byClass.find((u) => u.id === pupil)?.className).toBe('5А');
    // Next year's class being prepared lists its coming pupils too.
    expect((await listUsers(admin, { classId: sixth }, NOW))!.users.map((u) => u.id)).toContain(pupil);
    const byName = (await listUsers(admin, { q: 'Ученик1 Пётр' }, NOW))!.users;
    expect(byName.find((u) => u.id === pupil)?.className).toBe('5А');
  });

  it('is this year\'s where a parent is linked by class and name', async () => {
    const newParent = await createUser(db, fx.schoolId, ['PARENT'], { lastName: 'Ученик1', firstName: 'Олег' });
    expect(await linkGuardian(admin, newParent, { classId: fx.classId, lastName: 'Ученик1', firstName: 'Пётр' }, NOW)).toEqual({ ok: true });
    expect(await db.guardianship.count({ where: { parentId: newParent, studentId: pupil } })).toBe(1);
  });

  it('is this year\'s in the family\'s list of children', async () => {
    const parent = await actorFor(db, fx.parentId);
    expect((await diaryStudents(parent, NOW)).find((s) => s.id === pupil)).toMatchObject({ className: '5А', classId: fx.classId });
    expect((await familyChildren(parent, NOW)).find((s) => s.id === pupil)).toMatchObject({ className: '5А', classId: fx.classId });
    // From the new year's first day, next year's.
    expect((await familyChildren(parent, SEPTEMBER)).find((s) => s.id === pupil)).toMatchObject({ className: '6А', classId: sixth });
    expect((await diaryStudents(parent, SEPTEMBER)).find((s) => s.id === pupil)).toMatchObject({ className: '6А' });
  });

  it('is this year\'s in the consent lists and the consent history', async () => {
    expect((await currentConsents(admin, {}, NOW))!.find((r) => r.studentId === pupil)).toMatchObject({ className: '5А', classId: fx.classId });
    expect((await deliveryLists(admin, { classId: fx.classId }, NOW))!.email.map((r) => r.studentId)).toContain(pupil);
    expect((await consentHistory(admin, pupil, NOW))!.student.className).toBe('5А');
  });

  it('is this year\'s in the letter announcing final marks', async () => {
    await db.finalMark.create({
      data: {
        schoolId: fx.schoolId, studentId: pupil, courseId: fx.courseId, periodId: fx.studyPeriodId, value: '5', status: 'PUBLISHED',
        publishedAt: new Date(NOW.getTime() - 7_200_000), visibleFrom: new Date(NOW.getTime() - 3_600_000), createdById: fx.teacherId, updatedById: fx.teacherId,
      },
    });
    expect(await enqueueFinalMarkNotices({ now: NOW, hold: true, schoolId: fx.schoolId })).toMatchObject({ enqueued: 1, failed: 0 });
    const letter = await db.notification.findFirstOrThrow({ where: { kind: 'final-marks', recipientUserId: fx.parentId } });
    expect(letter.subject).toBe('Итоговые отметки за 1 четверть: Ученик1 Пётр, 5А');
    expect(letter.text).toContain('Ученик1 Пётр, класс 5А');
  });
});

describe('the diary of a pupil moved up, before the new year begins', () => {
  const admits = async (actor: Actor, on: string | undefined, now: Date) => db.user.count({ where: { AND: [{ id: pupil }, readableDiaries(actor, on, now)] } });

  it('stays open to this year\'s class teacher to the year\'s last day', async () => {
    const teacher = await actorFor(db, fx.teacherId);
    expect(await readableDiaryPupil(teacher, pupil, NOW)).toMatchObject({ id: pupil, readableUntil: '2027-05-31' });
    expect(await admits(teacher, '2027-05-20', NOW)).toBe(1);
    expect(await admits(teacher, '2027-05-31', NOW)).toBe(1);
    expect(await admits(teacher, '2027-09-01', NOW)).toBe(0);
  });

  it('stays closed to next year\'s class teacher until the pupil is in the class', async () => {
    const next = await actorFor(db, nextTeacherId);
    expect(next.classTeacherOf).toContain(sixth);
    expect(await readableDiaryPupil(next, pupil, NOW)).toBeNull();
    expect(await admits(next, undefined, NOW)).toBe(0);
    expect(await admits(next, '2027-05-20', NOW)).toBe(0);
    expect(await admits(next, '2027-09-06', NOW)).toBe(0);
    // From the first day, as after a move during the year, the whole diary.
    expect(await readableDiaryPupil(next, pupil, SEPTEMBER)).toMatchObject({ id: pupil, readableUntil: null });
    expect(await admits(next, '2027-09-06', SEPTEMBER)).toBe(1);
  });

  it('is read by a class teacher who leads both classes to this year\'s end, then whole from the new year', async () => {
    const both = await createUser(db, fx.schoolId, ['TEACHER'], { lastName: 'Обоева', firstName: 'Ирина' });
    await db.schoolClass.updateMany({ where: { id: { in: [fx.classId, sixth] } }, data: { classTeacherId: both } });
    try {
      const teacher = await actorFor(db, both);
      // One rule for every class teacher: enrollments begun decide, next year's counts from its first day.
      expect(await readableDiaryPupil(teacher, pupil, NOW)).toMatchObject({ id: pupil, readableUntil: '2027-05-31' });
      expect(await admits(teacher, '2027-05-31', NOW)).toBe(1);
      expect(await admits(teacher, '2027-09-06', NOW)).toBe(0);
      expect(await readableDiaryPupil(teacher, pupil, SEPTEMBER)).toMatchObject({ id: pupil, readableUntil: null });
      expect(await admits(teacher, '2027-09-06', SEPTEMBER)).toBe(1);
    } finally {
      await db.schoolClass.update({ where: { id: fx.classId }, data: { classTeacherId: fx.teacherId } });
      await db.schoolClass.update({ where: { id: sixth }, data: { classTeacherId: nextTeacherId } });
    }
  });
});
