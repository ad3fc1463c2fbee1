// The monthly forecast of period marks (seed 001 §6) by e-mail, on or after the school's
// forecastDayOfMonth; one letter per family and month. Uses the diary week's figures, so the
// letter says what the diary says.
import 'server-only';
import { getDb } from '../db';
import { MONTH_NAMES_RU } from '../domain/calendar';
import { deliveryLists } from '../data/consents';
import { diaryWeek } from '../data/diary/week';
import { extractSubject } from '../data/extracts/from-diary-week';
import { dedupeKeys, existingKeys } from '../mail/outbox';
import { forecastLetter } from '../mail/templates/forecast';
import { dueForecastMonth } from './due';
import { emptyReport, queueLetter, type EnqueueOptions, type EnqueueReport } from './per-pupil';
import { systemActor } from './system-actor';

export async function enqueueMonthlyForecasts(options: EnqueueOptions): Promise<EnqueueReport> {
  const now = options.now ?? new Date();
  const report = emptyReport();
  const schools = await getDb().school.findMany({ where: options.schoolId ? { id: options.schoolId } : {}, select: { id: true, timezone: true, forecastDayOfMonth: true } });
  for (const school of schools) {
    const month = dueForecastMonth(now, school.timezone, school.forecastDayOfMonth);
    if (!month) continue;
    const actor = systemActor(school);
    const lists = await deliveryLists(actor, {}, now);
    if (!lists) continue;
    const recipients = lists.email.map((r) => ({ ...r, key: dedupeKeys.forecast(r.studentId, r.guardianId, month) }));
    const queued = await existingKeys(recipients.map((r) => r.key));
    report.alreadyQueued += queued.size;
    const [year, monthNumber] = month.split('-').map(Number);
    // Each letter is queued as soon as it is written, so one pupil's failure loses no other's.
    for (const r of recipients) {
      if (queued.has(r.key)) continue;
      await queueLetter('monthly-forecast', school, r.studentId, report, { ...options, now }, async () => {
        const week = await diaryWeek(actor, r.studentId, null, now);
        // In holidays between periods there is nothing to forecast; a later run this month sends it.
        if (!week?.period || !week.subjects.length) return null;
        const letter = forecastLetter({
          schoolName: week.schoolName,
          pupilName: week.student.name,
          className: week.student.className ?? '—',
          periodName: week.period.name,
          monthLabel: `${MONTH_NAMES_RU[monthNumber - 1]} ${year}`,
          subjects: week.subjects.map((s) => ({ ...extractSubject(s), explanation: s.forecast?.explanation ?? null })),
        });
        return { ...letter, schoolId: school.id, kind: 'forecast', recipientUserId: r.guardianId, toAddress: r.email, dedupeKey: r.key };
      });
    }
  }
  return report;
}
