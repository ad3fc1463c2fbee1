// Query parameters of the printing routes, checked with zod: ids are positive integers, a week
// is any date of it ('YYYY-MM-DD', normalised to its Monday) and may not lie in the future.
import { z } from 'zod';
import { isIsoDate, weekStart } from '../../domain/calendar';
import { idField } from '../../ids';
import { refuse, type Outcome } from './errors';

const id = (label: string) => idField(`Неверный ${label}`, `Не указан ${label}`);

const isoDay = z.string().refine(isIsoDate, { message: 'Неверная неделя: ожидается дата в виде ГГГГ-ММ-ДД' });

export const studentIdParam = id('номер ученика');
export const classIdParam = id('номер класса');
export const periodIdParam = id('номер учебного периода');

/** The Monday of the requested week (the current one when absent), refusing future weeks. */
export function parseWeek(raw: string | null, today: string): Outcome<{ monday: string }> {
  const current = weekStart(today);
  if (raw === null || raw === '') return { ok: true, monday: current };
  const parsed = isoDay.safeParse(raw);
  if (!parsed.success) return refuse(400, parsed.error.issues[0].message);
  const monday = weekStart(parsed.data);
  if (monday > current) return refuse(400, 'Выписку можно сформировать только за прошедшую или текущую неделю');
  return { ok: true, monday };
}

/** A required id parameter, or a 400 with the schema's message. */
export function parseId(schema: z.ZodType<number, unknown>, raw: string | null): Outcome<{ id: number }> {
  const parsed = schema.safeParse(raw ?? undefined);
  return parsed.success ? { ok: true, id: parsed.data } : refuse(400, parsed.error.issues[0].message);
}
