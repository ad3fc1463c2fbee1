// Whose week gets a digest. The week decides, not today: a pupil is written about for the week
// they were in a class of the school on at least one of its study days. So an August intake gets
// nothing before 1 September, nobody gets empty digests over the summer or a holiday week, and a
// pupil who left on Wednesday still gets that week's digest on Saturday.
import 'server-only';
import { getDb } from '../db';
import { addDays } from '../domain/calendar';
import { isStudyDay, type CourseCalendar } from '../domain/planned-lessons';
import { dbDate, isoDate } from '../data/dates';
import { enrolledBetween } from '../data/enrolled';

type Span = { startDate: string; endDate: string };

/** One enrollment with its class's calendar (the study-day rule of the diary and the deadlines). */
type EnrollmentWeek = CourseCalendar & { startDate: string; endDate: string | null };

/** Whether the enrollment has a study day in the week of `monday` (pure). */
function hasStudyDay(e: EnrollmentWeek, monday: string, schoolDaysPerWeek: number): boolean {
  for (let i = 0; i < Math.min(Math.max(schoolDaysPerWeek, 1), 7); i++) {
    const d = addDays(monday, i);
    if (d < e.startDate || (e.endDate !== null && d > e.endDate)) continue;
    if (isStudyDay(e, d)) return true;
  }
  return false;
}

const span = (r: { startDate: Date; endDate: Date }): Span => ({ startDate: isoDate(r.startDate), endDate: isoDate(r.endDate) });

/** Ids of the school's pupils who have a study day in the week of `monday`. */
export async function digestPupils(schoolId: number, monday: string, schoolDaysPerWeek: number): Promise<number[]> {
  const rows = await getDb().enrollment.findMany({
    where: {
      schoolId, ...enrolledBetween(dbDate(monday), dbDate(addDays(monday, 6))),
      student: { schoolId, active: true, roles: { some: { role: 'STUDENT' } } },
    },
    select: {
      studentId: true, startDate: true, endDate: true,
      schoolClass: {
        select: {
          gradeLevel: true, periodSchemeId: true,
          academicYear: {
            select: {
              startDate: true, endDate: true,
              studyPeriods: { where: { kind: 'TERM' }, select: { schemeId: true, startDate: true, endDate: true } },
              holidays: { select: { name: true, startDate: true, endDate: true, gradeLevels: true } },
            },
          },
        },
      },
    },
  });
  const pupils = new Set<number>();
  for (const r of rows) {
    const { schoolClass: c } = r;
    const week: EnrollmentWeek = {
      startDate: isoDate(r.startDate), endDate: r.endDate ? isoDate(r.endDate) : null, gradeLevel: c.gradeLevel,
      year: span(c.academicYear),
      terms: c.academicYear.studyPeriods.filter((p) => p.schemeId === c.periodSchemeId).map(span),
      holidays: c.academicYear.holidays.map((h) => ({ ...span(h), name: h.name, gradeLevels: h.gradeLevels })),
    };
    if (hasStudyDay(week, monday, schoolDaysPerWeek)) pupils.add(r.studentId);
  }
  return [...pupils];
}
