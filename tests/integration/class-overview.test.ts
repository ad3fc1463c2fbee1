// The class teacher's overview (/class/[classId]): which period it opens on, and how a pupil who
// left the class and came back within the period is shown.
import { beforeEach, describe, expect, it } from 'vitest';
import { resetDb, testDb } from '../support/db';
import { createSchoolFixture, day, enroll, type SchoolFixture } from '../support/fixtures';
import { actorFor } from '../support/actors';
import type { Actor } from '@/lib/auth/actor';
import { classOverview } from '@/lib/data/journal/class-overview';

const db = testDb();
let fx: SchoolFixture;
let teacher: Actor;

beforeEach(async () => {
  await resetDb();
  fx = await createSchoolFixture(db);
  teacher = await actorFor(db, fx.teacherId);
});

describe('classOverview', () => {
  it('opens on the term just ended during the holidays after it, not on the first term', async () => {
    // The fixture's 1st quarter is 1 September – 25 October; the winter holidays follow the 2nd.
    await db.studyPeriod.create({
      data: { schoolId: fx.schoolId, academicYearId: fx.academicYearId, schemeId: fx.periodSchemeId, name: '2 четверть', ordinal: 2, startDate: day('2026-11-05'), endDate: day('2026-12-27') },
    });
    expect((await classOverview(teacher, fx.classId, undefined, new Date('2026-11-10T09:00:00Z')))!.period.name).toBe('2 четверть');
    expect((await classOverview(teacher, fx.classId, undefined, new Date('2026-12-30T09:00:00Z')))!.period.name).toBe('2 четверть');
    expect((await classOverview(teacher, fx.classId, undefined, new Date('2026-08-25T09:00:00Z')))!.period.name).toBe('1 четверть');
  });

  it('shows a pupil who left and came back within the period as in the class, neither «выбыл» nor «с»', async () => {
    const [first, second] = fx.studentIds;
    await db.enrollment.deleteMany({ where: { studentId: { in: [first, second] } } });
    // Back after a gap, the open enrollment made last …
    await enroll(db, fx.schoolId, first, fx.classId, '2026-09-01', '2026-09-20');
    await enroll(db, fx.schoolId, first, fx.classId, '2026-10-01');
    // … or first.
    await enroll(db, fx.schoolId, second, fx.classId, '2026-10-01');
    await enroll(db, fx.schoolId, second, fx.classId, '2026-09-01', '2026-09-20');
    const rows = (await classOverview(teacher, fx.classId, fx.studyPeriodId))!.rows;
    expect(rows.map((r) => [r.id, r.joined, r.left])).toEqual([[first, null, null], [second, null, null]]);
  });

  it('does not call a pupil whose enrollment ends on the period\'s last day «выбыл», as the summary sheet does not', async () => {
    const [first, second] = fx.studentIds;
    await db.enrollment.deleteMany({ where: { studentId: { in: [first, second] } } });
    await enroll(db, fx.schoolId, first, fx.classId, '2026-09-01', '2026-10-25'); // the quarter's last day
    await enroll(db, fx.schoolId, second, fx.classId, '2026-09-01', '2026-10-24');
    const rows = (await classOverview(teacher, fx.classId, fx.studyPeriodId))!.rows;
    expect(rows.map((r) => [r.id, r.left])).toEqual([[first, null], [second, '2026-10-24']]);
  });
});
