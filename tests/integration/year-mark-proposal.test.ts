// The year mark proposal on the journal and final-marks pages: DOMAIN.md «Period mark proposal» —
// the weighted average rounded by the school's policy, the year being a study period like a term.
// So it is the weighted average of all the year's marks, not the average of the term marks, and
// the page's rule text says so.
import { beforeEach, describe, expect, it } from 'vitest';
import { resetDb, testDb } from '../support/db';
import { createLesson, createMark, createSchoolFixture, day, type SchoolFixture } from '../support/fixtures';
import { actorFor } from '../support/actors';
import { loadJournalGrid } from '@/lib/data/journal/grid';

const db = testDb();
let fx: SchoolFixture;
let yearId: number;

beforeEach(async () => {
  await resetDb();
  fx = await createSchoolFixture(db, { pupils: 1 });
  const second = await db.studyPeriod.create({
    data: { schoolId: fx.schoolId, academicYearId: fx.academicYearId, schemeId: fx.periodSchemeId, name: '2 четверть', ordinal: 2, startDate: day('2026-11-05'), endDate: day('2026-12-27') },
  });
  yearId = (await db.studyPeriod.create({
    data: { schoolId: fx.schoolId, academicYearId: fx.academicYearId, kind: 'YEAR', name: 'Год', ordinal: 9, startDate: day('2026-09-01'), endDate: day('2027-05-31') },
  })).id;
  // 1st quarter: nine «5» (average 5,00); 2nd quarter: three «3» (average 3,00). Term marks 5 and 3.
  for (let i = 0; i < 9; i++) await createMark(db, fx, { value: '5', lessonId: await createLesson(db, fx, { date: `2026-09-${String(i + 2).padStart(2, '0')}` }) });
  for (let i = 0; i < 3; i++) await createMark(db, fx, { value: '3', lessonId: await createLesson(db, fx, { date: `2026-11-${String(i + 10).padStart(2, '0')}` }) });
  for (const [periodId, value] of [[fx.studyPeriodId, '5'], [second.id, '3']] as const) {
    await db.finalMark.create({ data: { schoolId: fx.schoolId, studentId: fx.studentIds[0], courseId: fx.courseId, periodId, value, status: 'PUBLISHED', createdById: fx.teacherId, updatedById: fx.teacherId } });
  }
});

describe('the year mark proposal', () => {
  it('is the weighted average of all the year’s marks (54 / 12 = 4,50 → «5»), not of the term marks ((5 + 3) / 2 = 4 → «4»)', async () => {
    const grid = (await loadJournalGrid(await actorFor(db, fx.teacherId), fx.courseId, yearId))!;
    expect(grid.period.kind).toBe('YEAR');
    expect(grid.pupils.map((p) => [p.count, p.weightedAverage, p.forecast])).toEqual([[12, '4,50', '5']]);
  });

  it('is explained on the page as such; a term’s rule text speaks of the period', async () => {
    const teacher = await actorFor(db, fx.teacherId);
    const year = (await loadJournalGrid(teacher, fx.courseId, yearId))!;
    expect(year.policyText).toContain('Годовая отметка — средневзвешенный балл всех отметок учебного года');
    expect(year.policyText).toContain('Это не среднее отметок за четверти');
    expect(year.policyText).toContain('если за год не менее 3 отметок');
    const term = (await loadJournalGrid(teacher, fx.courseId, fx.studyPeriodId))!;
    expect(term.policyText).toMatch(/^Отметка за период — средневзвешенный балл/);
    expect(term.pupils.map((p) => p.forecast)).toEqual(['5']);
  });
});
