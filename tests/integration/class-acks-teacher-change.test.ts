// A class's teacher replaced mid-year: the parents' messages sent to the former class teacher
// about the class's pupils (acknowledgements of final marks among them) reach the new class
// teacher and management, marked as sent to the predecessor; the predecessor no longer reads
// them, and nothing about pupils outside the class, or sent to the predecessor later in another
// class's duties, comes along.
import { renderToStaticMarkup } from 'react-dom/server';
import { beforeAll, describe, expect, it } from 'vitest';
import { resetDb, testDb } from '../support/db';
import { actorFor } from '../support/actors';
import { signInForRequest } from '../support/request-session';
import { createSchoolFixture, createUser, day, enroll, type SchoolFixture } from '../support/fixtures';
import { acknowledgeFinalMarks } from '@/lib/data/diary/acknowledge';
import { classAcknowledgements } from '@/lib/data/diary/class-acks';
import { assignClassTeacher } from '@/lib/data/users';
import AcknowledgementsPage from '@/app/(journal)/class/[classId]/acknowledgements/page';

const db = testDb();
let fx: SchoolFixture;
let newTeacherId: number;
let otherClassId: number;
let outsider: number;

const message = (data: { recipientId: number; studentId: number; body: string; createdAt: Date }) =>
  db.message.create({ data: { schoolId: fx.schoolId, senderId: fx.parentId, kind: 'GENERAL', ...data } });

beforeAll(async () => {
  await resetDb();
  fx = await createSchoolFixture(db, { pupils: 2 });
  await db.user.update({ where: { id: fx.parentId }, data: { passwordHash: 'x' } });
  newTeacherId = await createUser(db, fx.schoolId, ['TEACHER'], { lastName: 'Новикова', firstName: 'Анна' });
  otherClassId = (await db.schoolClass.create({ data: { schoolId: fx.schoolId, academicYearId: fx.academicYearId, gradeLevel: 6, letter: 'Б', periodSchemeId: fx.periodSchemeId } })).id;
  // The school year as a period too, as every school has it: the class's mail is the whole year's.
  await db.studyPeriod.create({ data: { schoolId: fx.schoolId, academicYearId: fx.academicYearId, kind: 'YEAR', name: 'Год', ordinal: 1, startDate: day('2026-09-01'), endDate: day('2027-05-31') } });
  outsider = await createUser(db, fx.schoolId, ['STUDENT'], { lastName: 'Чужой', firstName: 'Олег', login: null });
  await enroll(db, fx.schoolId, outsider, otherClassId, '2026-09-01');
  // The first quarter's mark, shown to the family on 26 October.
  await db.finalMark.create({
    data: { schoolId: fx.schoolId, studentId: fx.studentIds[0], courseId: fx.courseId, periodId: fx.studyPeriodId, value: '5', status: 'PUBLISHED', publishedAt: new Date('2026-10-25T10:00:00Z'), visibleFrom: new Date('2026-10-26T10:00:00Z'), createdById: fx.teacherId, updatedById: fx.teacherId },
  });

  // Before the change (the audit of the change is stamped with the database's clock, i.e. now).
  const before = new Date(Date.now() - 2 * 3_600_000);
  const later = new Date(Date.now() - 3_600_000);
  expect(await acknowledgeFinalMarks(await actorFor(db, fx.parentId), { studentId: fx.studentIds[0], periodId: fx.studyPeriodId, message: 'С итогами ознакомлены' }, before)).toEqual({ ok: true, messageSent: true });
  await message({ recipientId: fx.teacherId, studentId: fx.studentIds[1], body: 'Просим отпустить с последнего урока', createdAt: later });
  // To the same teacher about a pupil of another class: not the class's mail.
  await message({ recipientId: fx.teacherId, studentId: outsider, body: 'Про чужого ученика', createdAt: before });
  expect(await db.message.count({ where: { recipientId: fx.teacherId } })).toBe(3);

  // Mid-year the administrator gives 5А a new class teacher; the former one now leads 6Б.
  const admin = await actorFor(db, fx.adminId);
  expect(await assignClassTeacher(admin, fx.classId, newTeacherId)).toEqual({ ok: true });
  expect(await assignClassTeacher(admin, otherClassId, fx.teacherId)).toEqual({ ok: true });
});

describe('messages to a replaced class teacher', () => {
  it('the new class teacher reads those about the class’s pupils, marked as sent to the predecessor', async () => {
    const view = (await classAcknowledgements(await actorFor(db, newTeacherId), fx.classId, fx.studyPeriodId))!;
    const former = { name: 'Учителева М.', former: true };
    expect(view.messages.map((m) => [m.body, m.pupil, m.to, m.read])).toEqual([
      ['Просим отпустить с последнего урока', 'Ученик2 Пётр', former, false],
      ['С итогами ознакомлены', 'Ученик1 Пётр', former, false],
    ]);
    // Opening the page read them: no one else will.
    const again = (await classAcknowledgements(await actorFor(db, newTeacherId), fx.classId, fx.studyPeriodId))!;
    expect(again.messages.map((m) => m.read)).toEqual([true, true]);
  });

  it('the page says to whom each was sent', async () => {
    await signInForRequest(db, newTeacherId);
    const page = renderToStaticMarkup((await AcknowledgementsPage({ params: Promise.resolve({ classId: String(fx.classId) }), searchParams: Promise.resolve({ period: String(fx.studyPeriodId) }) })) as React.ReactElement)
      .replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
    expect(page).toContain('кому: Учителева М. (прежний классный руководитель) С итогами ознакомлены');
    expect(page).not.toContain('Про чужого ученика');
  });

  it('management reads them too; the former class teacher no longer reads the class', async () => {
    const directorId = await createUser(db, fx.schoolId, ['MANAGEMENT'], { lastName: 'Директорова' });
    const view = (await classAcknowledgements(await actorFor(db, directorId), fx.classId, fx.studyPeriodId))!;
    expect(view.messages.map((m) => m.to)).toEqual([{ name: 'Учителева М.', former: true }, { name: 'Учителева М.', former: true }]);
    expect(await classAcknowledgements(await actorFor(db, fx.teacherId), fx.classId, fx.studyPeriodId)).toBeNull();
  });

  it('what the predecessor is sent later, as another class’s teacher, stays theirs', async () => {
    // The first pupil moves to 6Б, which the former class teacher now leads, and the parent writes there.
    const today = new Date().toISOString().slice(0, 10);
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    await db.enrollment.updateMany({ where: { studentId: fx.studentIds[0], classId: fx.classId }, data: { endDate: day(yesterday) } });
    await enroll(db, fx.schoolId, fx.studentIds[0], otherClassId, today);
    await message({ recipientId: fx.teacherId, studentId: fx.studentIds[0], body: 'Письмо в новый класс', createdAt: new Date() });
    const view = (await classAcknowledgements(await actorFor(db, newTeacherId), fx.classId, fx.studyPeriodId))!;
    expect(view.messages.map((m) => m.body)).not.toContain('Письмо в новый класс');
    expect(view.messages).toHaveLength(2);
    // Their own class's page shows it, addressed to them.
    const own = (await classAcknowledgements(await actorFor(db, fx.teacherId), otherClassId, null))!;
    expect(own.messages.map((m) => [m.body, m.to])).toContainEqual(['Письмо в новый класс', null]);
  });
});
