// The school row and its reference data: academic year, period schemes and periods, holidays,
// grading scales, work types, subjects, bell schedule and role permissions.
import type { PrismaClient } from '../../lib/prisma-client';
import { ALL_ROLES, DEFAULT_ROLE_PERMISSIONS } from '../../lib/auth/permissions';
import { GRADING_SCALES } from '../../lib/domain/grading';
import { assertAligned, insertAll } from './bulk';
import { BELLS, dateValue, type SchoolCalendar } from './calendar';
import { WORK_TYPES } from './context';
import { SUBJECTS, type SubjectCode } from './curriculum';
import { ROUNDING_POLICY } from './results';

export async function writeReference(
  prisma: PrismaClient,
  identity: { name: string; shortName: string; address: string },
  cal: SchoolCalendar,
  count: (table: string, n: number) => void,
) {
  const school = await prisma.school.create({
    data: { name: identity.name, shortName: identity.shortName, address: identity.address, timezone: 'Europe/Moscow', roundingPolicy: ROUNDING_POLICY, schoolDaysPerWeek: 6 },
  });
  const schoolId = school.id;
  count('schools', 1);
  const year = await prisma.academicYear.create({
    data: { schoolId, startYear: cal.startYear, label: cal.label, startDate: dateValue(cal.yearStart), endDate: dateValue(cal.yearEnd) },
  });
  count('academicYears', 1);
  const academicYearId = year.id;
  const quartersScheme = await prisma.periodScheme.create({ data: { schoolId, name: 'Четверти (1–9 классы)', kind: 'QUARTERS' } });
  const halvesScheme = await prisma.periodScheme.create({ data: { schoolId, name: 'Полугодия (10–11 классы)', kind: 'HALF_YEARS' } });
  count('periodSchemes', 2);
  const periodRows = [
    ...cal.quarters.map((p) => ({ schoolId, academicYearId, schemeId: quartersScheme.id, kind: 'TERM' as const, name: p.name, ordinal: p.ordinal, startDate: dateValue(p.startDate), endDate: dateValue(p.endDate) })),
    ...cal.halfYears.map((p) => ({ schoolId, academicYearId, schemeId: halvesScheme.id, kind: 'TERM' as const, name: p.name, ordinal: p.ordinal, startDate: dateValue(p.startDate), endDate: dateValue(p.endDate) })),
    { schoolId, academicYearId, schemeId: null, kind: 'YEAR' as const, name: `${cal.label} учебный год`, ordinal: 1, startDate: dateValue(cal.yearStart), endDate: dateValue(cal.yearEnd) },
  ];
  const periods = await prisma.studyPeriod.createManyAndReturn({ data: periodRows, select: { id: true, schemeId: true, ordinal: true, kind: true } });
  assertAligned(periodRows, periods, (a, b) => a.schemeId === b.schemeId && a.ordinal === b.ordinal, 'study periods');
  count('studyPeriods', periods.length);
  const periodIds = {
    quarters: periods.slice(0, cal.quarters.length).map((p) => p.id),
    halves: periods.slice(cal.quarters.length, cal.quarters.length + cal.halfYears.length).map((p) => p.id),
    year: periods[periods.length - 1].id,
  };
  count(
    'holidays',
    await insertAll(
      cal.holidays.map((h) => ({ schoolId, academicYearId, name: h.name, startDate: dateValue(h.startDate), endDate: dateValue(h.endDate), gradeLevels: h.gradeLevels ?? [] })),
      (data) => prisma.holiday.createMany({ data }),
    ),
  );
  const scaleRows = (['FIVE_POINT', 'TEN_POINT', 'PASS_FAIL'] as const).map((kind) => ({ schoolId, kind, name: GRADING_SCALES[kind].label, values: [...GRADING_SCALES[kind].values] }));
  const scales = await prisma.gradingScale.createManyAndReturn({ data: scaleRows, select: { id: true, kind: true } });
  count('gradingScales', scales.length);
  const scaleId = Object.fromEntries(scales.map((s) => [s.kind, s.id])) as Record<string, number>;
  const workTypes = await prisma.workType.createManyAndReturn({ data: WORK_TYPES.map((w) => ({ schoolId, ...w })), select: { id: true, name: true, weight: true } });
  count('workTypes', workTypes.length);
  const subjects = await prisma.subject.createManyAndReturn({ data: SUBJECTS.map((s) => ({ schoolId, name: s.name, shortName: s.shortName })), select: { id: true, name: true } });
  count('subjects', subjects.length);
  const subjectIds = Object.fromEntries(SUBJECTS.map((s) => [s.code, subjects.find((x) => x.name === s.name)!.id])) as Record<SubjectCode, number>;
  const bells = await prisma.bellSchedule.create({ data: { schoolId, name: 'Основное расписание звонков', isDefault: true } });
  count('bellSchedules', 1);
  count('bellSlots', await insertAll(BELLS.map((b) => ({ schoolId, bellScheduleId: bells.id, slot: b.slot, startMinute: b.start, endMinute: b.end })), (data) => prisma.bellSlot.createMany({ data })));
  count(
    'rolePermissions',
    await insertAll(
      ALL_ROLES.flatMap((role) => DEFAULT_ROLE_PERMISSIONS[role].map((permission) => ({ schoolId, role, permission }))),
      (data) => prisma.rolePermission.createMany({ data }),
    ),
  );
  return { schoolId, academicYearId, quartersScheme, halvesScheme, periodIds, scaleId, workTypes, subjectIds };
}
