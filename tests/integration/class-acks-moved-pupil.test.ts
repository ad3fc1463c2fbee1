// The class's acknowledgements page opens on the period whose results its families were shown
// last. A pupil who moved to another class counts there: results given in the new class after the
// move do not choose the former class's period (which told the former class teacher, who reads the
// pupil's diary only up to the move, that the pupil's later results were out).
import { beforeAll, describe, expect, it } from 'vitest';
import { resetDb, testDb } from '../support/db';
import { actorFor } from '../support/actors';
import { createSchoolFixture, createUser, day, enroll, type SchoolFixture } from '../support/fixtures';
import { classAcknowledgements } from '@/lib/data/diary/class-acks';

const db = testDb();
const NOW = new Date('2026-12-02T09:00:00Z');
let fx: SchoolFixture;
let classB: number;
let secondTerm: number;
let newTeacherId: number;
let managementId: number;

async function publish(studentId: number, courseId: number, periodId: number, visibleFrom: string, teacherId: number): Promise<void> {
  await db.finalMark.create({
    data: { schoolId: fx.schoolId, studentId, courseId, periodId, value: '4', status: 'PUBLISHED', publishedAt: new Date(visibleFrom), visibleFrom: new Date(visibleFrom), createdById: teacherId, updatedById: teacherId },
  });
}

beforeAll(async () => {
  await resetDb();
  fx = await createSchoolFixture(db, { pupils: 2 });
  const [mover, stayer] = fx.studentIds;
  newTeacherId = await createUser(db, fx.schoolId, ['TEACHER'], { lastName: 'Новикова', firstName: 'Нина' });
  managementId = await createUser(db, fx.schoolId, ['MANAGEMENT'], { lastName: 'Завучева', firstName: 'Зоя' });
  classB = (await db.schoolClass.create({
    data: { schoolId: fx.schoolId, academicYearId: fx.academicYearId, gradeLevel: 5, letter: 'Б', classTeacherId: newTeacherId, periodSchemeId: fx.periodSchemeId },
  })).id;
  // The pupil moves from 5А to 5Б on Thursday 17 September.
  await db.enrollment.updateMany({ where: { studentId: mover, classId: fx.classId }, data: { endDate: day('2026-09-16') } });
  await enroll(db, fx.schoolId, mover, classB, '2026-09-17');
  secondTerm = (await db.studyPeriod.create({
    data: { schoolId: fx.schoolId, academicYearId: fx.academicYearId, schemeId: fx.periodSchemeId, name: '2 четверть', ordinal: 2, startDate: day('2026-11-09'), endDate: day('2026-11-27') },
  })).id;
  const biology = await db.subject.create({ data: { schoolId: fx.schoolId, name: 'Биология', shortName: 'Био' } });
  const courseB = (await db.course.create({
    data: { schoolId: fx.schoolId, academicYearId: fx.academicYearId, subjectId: biology.id, classId: classB, gradingScaleId: fx.gradingScaleId, teachers: { create: { schoolId: fx.schoolId, teacherId: newTeacherId } } },
  })).id;
  // 5А's first term shown on 26 October; the moved pupil's second term, in 5Б, on 1 December.
  await publish(stayer, fx.courseId, fx.studyPeriodId, '2026-10-26T10:00:00Z', fx.teacherId);
  await publish(mover, courseB, secondTerm, '2026-12-01T10:00:00Z', newTeacherId);
}, 120_000);

describe('the acknowledgements page of a class a pupil left', () => {
  it("opens on the class's own last results for its class teacher and for management", async () => {
    for (const id of [fx.teacherId, managementId]) {
      const view = (await classAcknowledgements(await actorFor(db, id), fx.classId, null, NOW))!;
      expect(view.period.id).toBe(fx.studyPeriodId);
      expect(view.rows.map((r) => [r.studentId, r.published])).toEqual([[fx.studentIds[1], true]]);
    }
  });

  it("the former class teacher gets nothing of the new class's period when asking for it", async () => {
    const view = (await classAcknowledgements(await actorFor(db, fx.teacherId), fx.classId, secondTerm, NOW))!;
    expect(view.rows.filter((r) => r.published)).toEqual([]);
  });

  it('the new class opens on the moved pupil’s results', async () => {
    const view = (await classAcknowledgements(await actorFor(db, newTeacherId), classB, null, NOW))!;
    expect(view.period.id).toBe(secondTerm);
    expect(view.rows).toMatchObject([{ studentId: fx.studentIds[0], published: true }]);
  });
});
