// The settings a school sets for itself, with their limits and Russian errors: one schema for the
// form and the data layer. The rounding policy's thresholds go through validateRoundingPolicy,
// the rule the journal itself applies when it reads the policy (readRoundingPolicy), so a policy
// saved here is never silently replaced by the standard one.
import { z } from 'zod';
import { validateRoundingPolicy, type RoundingPolicy } from './rounding';
import { fieldErrors } from '../form-errors';

export type SchoolSettings = {
  name: string;
  shortName: string;
  address: string;
  resultVisibilityHours: number;
  schoolDaysPerWeek: 5 | 6;
  markEntryDays: number;
  homeworkGraceMinutes: number;
  forecastDayOfMonth: number;
  roundingPolicy: RoundingPolicy;
};

/** A whole number typed into a form, within [min, max]; `why` says where the limit comes from. */
const whole = (label: string, min: number, max: number, why = '') =>
  z.union([z.string(), z.number()]).transform((raw, ctx) => {
    const text = String(raw).trim();
    const n = /^-?\d{1,6}$/.test(text) ? Number(text) : NaN;
    if (!Number.isInteger(n) || n < min || n > max) {
      ctx.addIssue({ code: 'custom', message: text ? `${label} — целое число от ${min} до ${max}${why}` : `Укажите: ${label.toLowerCase()}` });
      return z.NEVER;
    }
    return n;
  });

/** A decimal with a comma or a point: «4,5». */
const decimal = (label: string) =>
  z.union([z.string(), z.number()]).transform((raw, ctx) => {
    const text = String(raw).trim().replace(',', '.');
    const n = /^\d{1,2}(\.\d{1,2})?$/.test(text) ? Number(text) : NaN;
    if (!Number.isFinite(n)) {
      ctx.addIssue({ code: 'custom', message: `${label}: число вроде 4,5 (не больше двух знаков после запятой)` });
      return z.NEVER;
    }
    return n;
  });

const text = (label: string, max: number) => z.string().trim().min(1, `Укажите ${label}`).max(max, `Не длиннее ${max} символов`);

/**
 * The upper limits the regulations set (DOMAIN.md «Rules with numbers»): results reach
 * families within a day (seeds 001 §7, 002 §3.3, 003 §7; seed 000 allows 3 days, the widest a
 * school may choose), marks for a piece of work within a week (002 §3.6), homework within 2 hours
 * of the teacher's last lesson (002 §3.5). A school may be stricter, never looser.
 */
export const SETTING_LIMITS = { resultVisibilityHours: 72, markEntryDays: 7, homeworkGraceMinutes: 120 } as const;

export const settingsSchema = z.object({
  name: text('полное название', 200),
  shortName: text('краткое название', 60),
  address: z.string().trim().max(300, 'Не длиннее 300 символов'),
  resultVisibilityHours: whole('Задержка показа итогов', 0, SETTING_LIMITS.resultVisibilityHours, ': по положению итоги доступны семьям не позже чем через 3 суток'),
  schoolDaysPerWeek: z.union([z.string(), z.number()]).transform((raw, ctx): 5 | 6 => {
    const n = Number(String(raw).trim());
    if (n === 5 || n === 6) return n;
    ctx.addIssue({ code: 'custom', message: 'Учебная неделя — 5 или 6 дней' });
    return z.NEVER;
  }),
  markEntryDays: whole('Срок выставления отметок', 1, SETTING_LIMITS.markEntryDays, ': по положению — не позднее недели со дня работы'),
  homeworkGraceMinutes: whole('Срок записи домашнего задания', 0, SETTING_LIMITS.homeworkGraceMinutes, ': по положению — не позднее 2 часов после уроков учителя'),
  forecastDayOfMonth: whole('День отправки прогноза', 1, 28),
  threshold3: decimal('Порог «3»'),
  threshold4: decimal('Порог «4»'),
  threshold5: decimal('Порог «5»'),
  teacherDecidesBand: decimal('Зона решения учителя'),
  minMarks: whole('Минимум отметок', 0, 20),
});

/** The form's fields, in the order of settingsSchema. */
export const SETTINGS_FIELDS = [
  'name', 'shortName', 'address', 'resultVisibilityHours', 'schoolDaysPerWeek', 'markEntryDays', 'homeworkGraceMinutes', 'forecastDayOfMonth',
  'threshold3', 'threshold4', 'threshold5', 'teacherDecidesBand', 'minMarks',
] as const satisfies readonly (keyof z.input<typeof settingsSchema>)[];

export type SettingsFields = (typeof SETTINGS_FIELDS)[number];

export type SettingsParse = { ok: true; settings: SchoolSettings } | { ok: false; errors: Partial<Record<SettingsFields | 'policy', string>> };

/** Checks typed settings; the rounding policy's problems are shown together under `policy`. */
export function parseSettings(input: Record<string, unknown>): SettingsParse {
  const parsed = settingsSchema.safeParse(input);
  if (!parsed.success) {
    return { ok: false, errors: fieldErrors(parsed.error.issues) as Partial<Record<SettingsFields, string>> };
  }
  const { threshold3, threshold4, threshold5, teacherDecidesBand, minMarks, ...rest } = parsed.data;
  const roundingPolicy: RoundingPolicy = { thresholds: { 3: threshold3, 4: threshold4, 5: threshold5 }, teacherDecidesBand, minMarks };
  const problems = validateRoundingPolicy(roundingPolicy);
  if (problems.length) return { ok: false, errors: { policy: problems.join(' ') } };
  return { ok: true, settings: { ...rest, roundingPolicy } };
}
