// The outbox read by an administrator who is also the former class teacher of a pupil who moved
// to another class during the year: a letter's text is theirs only if it draws on no day of the
// diary after the pupil's last day in their class (letterDay, lib/data/outbox.ts), as their diary
// view ends there (diary-former-class-teacher.test.ts). The new class teacher keeps every letter.
import { beforeAll, describe, expect, it } from 'vitest';
import { resetDb, testDb } from '../support/db';
import { actorFor } from '../support/actors';
import { createSchoolFixture, createUser, day, enroll, type SchoolFixture } from '../support/fixtures';
import type { Actor } from '@/lib/auth/actor';
import { readOutbox, readOutboxMessage } from '@/lib/data/outbox';
import { dedupeKeys } from '@/lib/mail/outbox';

const db = testDb();
let fx: SchoolFixture;
let pupil: number;
let formerTeacher: Actor;
let newTeacher: Actor;
let parent: Actor;
const letters: Record<string, number> = {};

async function letter(name: string, kind: string, dedupeKey: string, createdAt: string): Promise<void> {
  const row = await db.notification.create({
    data: {
      schoolId: fx.schoolId, kind, toAddress: 'olga@example.com', subject: `Письмо ${name}`, text: `Текст ${name}`, html: `<p>Текст ${name}</p>`,
      dedupeKey, status: 'HELD', createdAt: new Date(createdAt),
    },
  });
  letters[name] = row.id;
}

beforeAll(async () => {
  await resetDb();
  fx = await createSchoolFixture(db, { pupils: 2 });
  pupil = fx.studentIds[0];
  // Administrators who lead a class: 5А's before the pupil's move on Thursday 17 September, 5Б's after it.
  const formerId = await createUser(db, fx.schoolId, ['ADMIN', 'TEACHER'], { lastName: 'Прежняя', firstName: 'Анна' });
  const newId = await createUser(db, fx.schoolId, ['ADMIN', 'TEACHER'], { lastName: 'Новикова', firstName: 'Нина' });
  await db.schoolClass.update({ where: { id: fx.classId }, data: { classTeacherId: formerId } });
  const classB = await db.schoolClass.create({
    data: { schoolId: fx.schoolId, academicYearId: fx.academicYearId, gradeLevel: 5, letter: 'Б', classTeacherId: newId, periodSchemeId: fx.periodSchemeId },
  });
  await db.enrollment.updateMany({ where: { studentId: pupil, classId: fx.classId }, data: { endDate: day('2026-09-16') } });
  await enroll(db, fx.schoolId, pupil, classB.id, '2026-09-17');

  const g = fx.parentId;
  await letter('digest-before', 'digest', dedupeKeys.digest(pupil, g, '2026-09-07'), '2026-09-11T15:00:00Z');
  await letter('digest-move-week', 'digest', dedupeKeys.digest(pupil, g, '2026-09-14'), '2026-09-18T15:00:00Z');
  await letter('digest-after', 'digest', dedupeKeys.digest(pupil, g, '2026-09-21'), '2026-09-25T15:00:00Z');
  // A digest of a week before the move written after it (the job was late): its term figures count the new class's marks.
  await letter('digest-late', 'digest', dedupeKeys.digest(pupil, g, '2026-08-31'), '2026-09-21T06:00:00Z');
  await letter('forecast-before', 'forecast', dedupeKeys.forecast(pupil, g, '2026-09'), '2026-09-15T05:00:00Z');
  await letter('final-after', 'final-marks', dedupeKeys.finalMarks(pupil, g, fx.studyPeriodId, new Date('2026-10-27T10:00:00Z')), '2026-10-27T10:05:00Z');
  await letter('exam-after', 'exam-results', dedupeKeys.examResults(pupil, g, fx.academicYearId, new Date('2026-10-28T10:00:00Z')), '2026-10-28T10:05:00Z');

  formerTeacher = await actorFor(db, formerId);
  newTeacher = await actorFor(db, newId);
  parent = await actorFor(db, fx.parentId);
}, 120_000);

const body = async (actor: Actor, name: string) => {
  const m = await readOutboxMessage(actor, letters[name]);
  return m && (m.bodyHidden ? null : m.text);
};

describe('readOutboxMessage for a former class teacher', () => {
  it('shows the letters written from the diary up to the move', async () => {
    expect(await body(formerTeacher, 'digest-before')).toBe('Текст digest-before');
    expect(await body(formerTeacher, 'forecast-before')).toBe('Текст forecast-before');
  });

  it('hides the text of letters that carry the days after the move, keeping their delivery state', async () => {
    for (const name of ['digest-move-week', 'digest-after', 'digest-late', 'final-after', 'exam-after']) {
      const m = await readOutboxMessage(formerTeacher, letters[name]);
      expect(m, name).toMatchObject({ id: letters[name], subject: `Письмо ${name}`, status: 'HELD', text: null, html: null, bodyHidden: true });
    }
  });

  it('lists the same to them as to any administrator: delivery and subject, never a text', async () => {
    const list = (await readOutbox(formerTeacher))!;
    expect(list.rows).toHaveLength(Object.keys(letters).length);
    for (const row of list.rows) expect(row).not.toHaveProperty('text');
  });
});

describe('everyone else as before', () => {
  it('the new class teacher reads every letter about the pupil', async () => {
    for (const name of Object.keys(letters)) expect(await body(newTeacher, name), name).toBe(`Текст ${name}`);
  });

  it('the family, without the outbox right, reads none of it there', async () => {
    expect(await readOutboxMessage(parent, letters['digest-before'])).toBeNull();
    expect(await readOutbox(parent)).toBeNull();
  });
});
