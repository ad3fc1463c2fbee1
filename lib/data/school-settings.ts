// The school's own settings, read and changed by the holder of 'school:settings' (an
// administrator by default). The timezone is shown, not changed: see the settings page.
import 'server-only';
import { getDb } from '../db';
import { writeAudit } from '../audit';
import type { Actor } from '../auth/actor';
import { readRoundingPolicy } from '../domain/journal-grid';
import { parseSettings, type SchoolSettings, type SettingsParse } from '../domain/school-settings';

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

export async function schoolSettings(actor: Actor): Promise<(SchoolSettings & { timezone: string }) | null> {
  if (!canManage(actor)) return null;
  const s = await getDb().school.findUnique({ where: { id: actor.schoolId }, select });
  return s ? { ...settingsOf(s), timezone: s.timezone } : null;
}

/** JSON with the keys sorted: PostgreSQL's jsonb keeps its own key order, so a plain stringify would see a change in every save. */
const canonical = (v: unknown): string =>
  JSON.stringify(v, (_, x: unknown) => (x && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.entries(x).sort(([a], [b]) => a.localeCompare(b))) : x));

export type SaveSettingsResult = { ok: true; changed: string[] } | { ok: false; errors: Extract<SettingsParse, { ok: false }>['errors'] & { form?: string } };

/**
 * Saves the typed settings (form field names of lib/domain/school-settings.ts) after checking them
 * all; the audit row holds the old and new value of each setting that changed.
 */
export async function saveSchoolSettings(actor: Actor, typed: Record<string, unknown>): Promise<SaveSettingsResult> {
  if (!canManage(actor)) return { ok: false, errors: { form: 'Недостаточно прав для этого действия' } };
  const parsed = parseSettings(typed);
  if (!parsed.ok) return parsed;
  const next = parsed.settings;
  return getDb().$transaction(async (tx): Promise<SaveSettingsResult> => {
    // The row locked: two administrators saving at once are audited one after the other.
    await tx.$queryRaw`SELECT id FROM schools WHERE id = ${actor.schoolId} FOR UPDATE`;
    const row = await tx.school.findUniqueOrThrow({ where: { id: actor.schoolId }, select });
    const before = settingsOf(row);
    const keys = Object.keys(next) as (keyof SchoolSettings)[];
    const changed = keys.filter((k) => canonical(before[k]) !== canonical(next[k]));
    // A stored policy the journal could not read counts as changed, so that the valid one is written.
    if (!changed.includes('roundingPolicy') && canonical(row.roundingPolicy) !== canonical(next.roundingPolicy)) changed.push('roundingPolicy');
    if (!changed.length) return { ok: true, changed };
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
