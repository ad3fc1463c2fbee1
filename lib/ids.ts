// Record ids as they come in from URLs, forms and the browser's JSON. Every table's id is a
// PostgreSQL integer (int4): a larger number names no record, but sent to the database it fails
// the whole statement ("out of range"), so a typed /journal/lessons/3000000000 gave a server
// error instead of «не найдено». Everything that turns outside input into an id goes through
// parseId, so such a number is refused before any query, like any other id that matches nothing.
import { z } from 'zod';

/** The largest PostgreSQL integer, the largest id there can be. */
export const MAX_ID = 2_147_483_647;

/** An id from a route segment, query parameter, form field or JSON number; null when it cannot name a record. */
export function parseId(raw: unknown): number | null {
  const n = typeof raw === 'number' ? raw : typeof raw === 'string' && /^\d{1,10}$/.test(raw.trim()) ? Number(raw.trim()) : NaN;
  return Number.isInteger(n) && n >= 1 && n <= MAX_ID ? n : null;
}

const nothingSent = (raw: unknown) => raw === null || raw === undefined || raw === '';

/**
 * parseId as a zod field: the id, or `invalid` as the field's error; `missing` when nothing was
 * sent (null, undefined or an empty string), when that deserves its own words.
 */
export const idField = (invalid: string, missing: string = invalid) =>
  z.unknown().transform((raw, ctx): number => {
    const id = parseId(raw);
    if (id !== null) return id;
    ctx.addIssue({ code: 'custom', message: nothingSent(raw) ? missing : invalid });
    return z.NEVER;
  });

/** A choice of a record that may be left empty: null when nothing was chosen. */
export const optionalIdField = (invalid: string) =>
  z.unknown().transform((raw, ctx): number | null => {
    if (nothingSent(raw)) return null;
    const id = parseId(raw);
    if (id !== null) return id;
    ctx.addIssue({ code: 'custom', message: invalid });
    return z.NEVER;
  });

/** An id the browser sends as a JSON number (the journal grid's cells). */
export const jsonId = (message: string) => z.number(message).refine((n) => parseId(n) !== null, message);
