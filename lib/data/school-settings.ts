// The school's own settings, read and changed by the holder of 'school:settings' (an
// administrator by default). The timezone is shown, not changed: see the settings page.
import 'server-only';
import { getDb } from '../db';
import { writeAudit } from '../audit';
import type { Actor } from '../auth/actor';
import type { Prisma } from '../prisma-client';
import { readRoundingPolicy } from '../domain/journal-grid';
import { parseSettings, type SchoolSettings, type SettingsParse } from '../domain/school-settings';
import { schoolToday } from './enrolled';
import { formatDateRu, isoWeekday } from '../domain/calendar';
import { isoDate } from './dates';
import { courseTitle, courseTitleSelect } from './names';
import { changedMeanwhile } from './users';

const canManage = (actor: Actor) => actor.permissions.has('school:settings');

const select = {
  name: true, shortName: true, address: true, timezone: true, roundingPolicy: true, resultVisibilityHours: true,
  schoolDaysPerWeek: true, markEntryDays: true, homeworkGraceMinutes: true, forecastDayOfMonth: true,
} as const;

type Row = { name: string; shortName: string; address: string | null; roundingPolicy: unknown; resultVisibilityHours: number; schoolDaysPerWeek: number; markEntryDays: number; homeworkGraceMinutes: number; forecastDayOfMonth: number };

/** The settings as the journal applies them: a stored policy it could not use shows as the standard rule it falls back to. */
const settingsOf = (s: Row): SchoolSettings => ({
  name: s.name, shortName: s.shortName, address: s.address ?? '', resultVisibilityHours: s.resultVisibilityHours,
  schoolDaysPerWeek: s.schoolDaysPerWeek === 5 ? 5 : 6, markEntryDays: s.markEntryDays, homeworkGraceMinutes: s.homeworkGraceMinutes,
  forecastDayOfMonth: s.forecastDayOfMonth, roundingPolicy: readRoundingPolicy(s.roundingPolicy),
});

/**
 * The settings, and `shown`: them as one string the form sends back, so that a save over another
 * administrator's change made after the form was opened is refused instead of undoing it.
 */
export async function schoolSettings(actor: Actor): Promise<(SchoolSettings & { timezone: string; shown: string }) | null> {
  if (!canManage(actor)) return null;
  const s = await getDb().school.findUnique({ where: { id: actor.schoolId }, select });
  if (!s) return null;
  return { ...settingsOf(s), timezone: s.timezone, shown: shownOf(s) };
}

/** The stored settings as the form's `shown` field carries them. */
export const shownOf = (row: Row): string => canonical(settingsOf(row));

/** JSON with the keys sorted: PostgreSQL's jsonb keeps its own key order, so a plain stringify would see a change in every save. */
const canonical = (v: unknown): string =>
  JSON.stringify(v, (_, x: unknown) => (x && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.entries(x).sort(([a], [b]) => a.localeCompare(b))) : x));

/** `shown` as the form sent it, in canonical form; null when it is not what schoolSettings gave. */
function readShown(shown: string): string | null {
  try {
    return canonical(JSON.parse(shown));
  } catch {
    return null;
  }
}

const LISTED = 5;

/**
 * Refuses a 5-day week while the timetable has Saturday lessons valid today or later (rows of the
 * weekly timetable, lessons moved to a Saturday): the diary would no longer show them to
 * families, while the journal's deadlines still count them.
 */
async function saturdayRefusal(tx: Prisma.TransactionClient, actor: Actor): Promise<string | null> {
  const today = schoolToday(actor.timeZone);
  // One after the other: a transaction's queries share one connection.
  const rows = await tx.timetableEntry.findMany({
    where: {
      schoolId: actor.schoolId, weekday: 6, academicYear: { endDate: { gte: today } },
      OR: [{ validTo: null }, { validTo: { gte: today } }],
    },
    select: { slot: true, course: { select: courseTitleSelect } },
    orderBy: [{ slot: 'asc' }, { id: 'asc' }],
  });
  const moves = await tx.timetableChange.findMany({
    where: { schoolId: actor.schoolId, kind: 'MOVED', newDate: { gte: today } },
    select: { newDate: true, newSlot: true, course: { select: courseTitleSelect } },
    orderBy: [{ newDate: 'asc' }, { newSlot: 'asc' }],
  });
  const names = [
    ...rows.map((r) => `${courseTitle(r.course)} (${r.slot}-й урок)`),
    ...moves.filter((m) => isoWeekday(isoDate(m.newDate!)) === 6)
      .map((m) => `${courseTitle(m.course)} (перенесён на ${formatDateRu(isoDate(m.newDate!))}, ${m.newSlot}-й урок)`),
  ];
  if (!names.length) return null;
  const listed = names.slice(0, LISTED).join('; ') + (names.length > LISTED ? ` и ещё ${names.length - LISTED}` : '');
  return `В расписании есть уроки в субботу: ${listed}. Сначала перенесите их на другие дни, затем переходите на пятидневную неделю`;
}

export type SaveSettingsResult = { ok: true; changed: string[] } | { ok: false; errors: Extract<SettingsParse, { ok: false }>['errors'] & { form?: string } };

/**
 * Saves the typed settings (form field names of lib/domain/school-settings.ts) after checking them
 * all; the audit row holds the old and new value of each setting that changed. `shown`: the
 * settings as the form showed them (schoolSettings().shown); if they changed since, nothing is saved.
 */
export async function saveSchoolSettings(actor: Actor, typed: Record<string, unknown>, shown: string): Promise<SaveSettingsResult> {
  if (!canManage(actor)) return { ok: false, errors: { form: 'Недостаточно прав для этого действия' } };
  const parsed = parseSettings(typed);
  if (!parsed.ok) return parsed;
  const next = parsed.settings;
  return getDb().$transaction(async (tx): Promise<SaveSettingsResult> => {
    // The row locked: two administrators saving at once are audited one after the other.
    await tx.$queryRaw`SELECT id FROM schools WHERE id = ${actor.schoolId} FOR UPDATE`;
    const row = await tx.school.findUniqueOrThrow({ where: { id: actor.schoolId }, select });
    const before = settingsOf(row);
    if (readShown(shown) !== shownOf(row)) return { ok: false, errors: { form: changedMeanwhile('Настройки школы', 'form').error } };
    const keys = Object.keys(next) as (keyof SchoolSettings)[];
    const changed = keys.filter((k) => canonical(before[k]) !== canonical(next[k]));
    // A stored policy the journal could not read counts as changed, so that the valid one is written.
    if (!changed.includes('roundingPolicy') && canonical(row.roundingPolicy) !== canonical(next.roundingPolicy)) changed.push('roundingPolicy');
    if (!changed.length) return { ok: true, changed };
    if (changed.includes('schoolDaysPerWeek') && next.schoolDaysPerWeek === 5) {
      const saturday = await saturdayRefusal(tx, actor);
      if (saturday) return { ok: false, errors: { schoolDaysPerWeek: saturday } };
    }
    await tx.school.update({
      where: { id: actor.schoolId },
      data: { ...next, address: next.address || null },
    });
    await writeAudit(tx, {
      schoolId: actor.schoolId, actorId: actor.id, action: 'school.settings', entityType: 'School', entityId: actor.schoolId,
      oldValue: Object.fromEntries(changed.map((k) => [k, k === 'roundingPolicy' ? row.roundingPolicy : before[k]])),
      newValue: Object.fromEntries(changed.map((k) => [k, next[k]])),
    });
    return { ok: true, changed };
  });
}
