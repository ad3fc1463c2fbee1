// When each family-facing message is due, on the school's own clock (pure; unit-tested).
// Jobs run often and ask "what is due by now?", so a restart or an outage only delays a message:
// the next run catches up, and the outbox's dedupe keys keep it from being sent twice.
import { addDays, lastSchoolDay, weekStart } from '../domain/calendar';
import { toSchoolDate, toSchoolTime, zonedTimeToInstant } from '../domain/timezone';

/** The weekly digest goes out at this time on the last school day of the week. */
export const DIGEST_TIME = '18:00';

/** Monday of the latest week whose digest is due: this week after its last school day's evening, else the last one. */
export function dueDigestMonday(now: Date, timezone: string, schoolDaysPerWeek: number): string {
  const monday = weekStart(toSchoolDate(now, timezone));
  const lastDay = lastSchoolDay(monday, schoolDaysPerWeek);
  return now >= zonedTimeToInstant(lastDay, DIGEST_TIME, timezone) ? monday : addDays(monday, -7);
}

/** 'YYYY-MM' when this month's forecast is due (on or after the school's day), else null. */
export function dueForecastMonth(now: Date, timezone: string, dayOfMonth: number): string | null {
  const today = toSchoolDate(now, timezone);
  const [y, m, d] = today.split('-').map(Number);
  const daysInMonth = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return d >= Math.min(Math.max(dayOfMonth, 1), daysInMonth) ? today.slice(0, 7) : null;
}

/** Published final marks are announced if they became visible this recently (older ones are history). */
export const FINAL_NOTICE_LOOKBACK_MS = 3 * 24 * 3_600_000;

/**
 * Families are written to only between these times on the school's clock: a letter due at night
 * (the forecast at midnight, marks visible at 23:00, a retry) waits for the morning. The sender
 * applies it to every letter, so no job has to.
 */
export const FAMILY_HOURS = { from: '08:00', until: '21:00' } as const;

/** Whether letters may go to the school's families at this instant. */
export function inFamilyHours(now: Date, timezone: string): boolean {
  const time = toSchoolTime(now, timezone);
  return FAMILY_HOURS.from <= time && time < FAMILY_HOURS.until;
}
