// Conversions between instants (Date) and the school's wall clock, via Intl only.
// A school in Yekaterinburg and a server in UTC disagree about "today" for five hours
// every night, so every "which day" question must be asked in the school's timezone.

type WallClock = { year: number; month: number; day: number; hour: number; minute: number; second: number };

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    // Throws RangeError for an unknown timezone, which is what we want.
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The wall-clock reading in `timeZone` at the given instant. */
export function wallClockAt(date: Date, timeZone: string): WallClock {
  const parts: Record<string, number> = {};
  for (const p of formatterFor(timeZone).formatToParts(date)) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  return {
    year: parts.year,
    month: parts.month,
    day: parts.day,
    hour: parts.hour,
    minute: parts.minute,
    second: parts.second,
  };
}

const pad = (n: number, len = 2) => String(n).padStart(len, '0');

/** Calendar date ('YYYY-MM-DD') in the school's timezone at the given instant. */
export function toSchoolDate(date: Date, timeZone: string): string {
  const w = wallClockAt(date, timeZone);
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}`;
}

/** Wall-clock time 'HH:MM' in the school's timezone, e.g. for "entered at 23:10". */
export function toSchoolTime(date: Date, timeZone: string): string {
  const w = wallClockAt(date, timeZone);
  return `${pad(w.hour)}:${pad(w.minute)}`;
}

/** Offset of the zone from UTC at an instant, in milliseconds (Moscow: +3 h). */
function offsetMs(instant: number, timeZone: string): number {
  const w = wallClockAt(new Date(instant), timeZone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return asUtc - Math.floor(instant / 1000) * 1000;
}

/**
 * The instant when the school's clock shows `time` ('HH:MM') on `isoDate`.
 * Two passes handle zones with daylight saving time; for a time skipped by a
 * spring-forward jump the result is the instant just after the jump.
 */
export function zonedTimeToInstant(isoDate: string, time: string, timeZone: string): Date {
  const [y, m, d] = isoDate.split('-').map(Number);
  const [hh, mm] = time.split(':').map(Number);
  const wall = Date.UTC(y, m - 1, d, hh, mm);
  let guess = wall - offsetMs(wall, timeZone);
  const second = offsetMs(guess, timeZone);
  if (wall - second !== guess) guess = wall - second;
  return new Date(guess);
}

/** The instant the school day `isoDate` begins (local midnight). */
export function startOfSchoolDay(isoDate: string, timeZone: string): Date {
  return zonedTimeToInstant(isoDate, '00:00', timeZone);
}
