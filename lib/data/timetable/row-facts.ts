// What a row of the regular timetable still has recorded on its later dates. Ending a row from a
// date must not leave one-day facts behind on the lessons it no longer plans: a change of such a
// lesson (timetable_changes, /admin/timetable) would keep a «перенесён» lesson in the diary and
// keep its slot and deadlines, and a lesson opened in the journal would stand without a timetable
// lesson under it. The deputy removes those first; ending refuses while they are there.
import 'server-only';
import type { Prisma } from '../../prisma-client';
import { formatDateRu, isoWeekday } from '../../domain/calendar';
import { dbDate, isoDate } from '../dates';

type Tx = Prisma.TransactionClient;
type Row = { courseId: number; weekday: number; slot: number };

const KIND_NAMES = { SUBSTITUTION: 'замена учителя', CANCELLED: 'отмена урока', MOVED: 'перенос урока', ROOM: 'другой кабинет' } as const;
/** Enough dates to show what to remove; the rest are counted. */
const SHOWN = 5;

const listed = (facts: string[]) =>
  facts.slice(0, SHOWN).join(', ') + (facts.length > SHOWN ? ` и ещё ${facts.length - SHOWN}` : '');

/** The refusal naming the row's facts dated on or after `fromIso` (its weekday, slot, course), or null. */
export async function laterFactsRefusal(tx: Tx, schoolId: number, row: Row, fromIso: string): Promise<string | null> {
  const where = { schoolId, courseId: row.courseId, slot: row.slot, date: { gte: dbDate(fromIso) } };
  const [changes, lessons] = await Promise.all([
    tx.timetableChange.findMany({ where, select: { date: true, kind: true }, orderBy: [{ date: 'asc' }, { id: 'asc' }] }),
    tx.lesson.findMany({ where, select: { date: true }, orderBy: { date: 'asc' } }),
  ]);
  const onWeekday = <T extends { date: Date }>(rows: T[]) => rows.filter((r) => isoWeekday(isoDate(r.date)) === row.weekday);
  const changed = onWeekday(changes).map((c) => `${formatDateRu(isoDate(c.date))} — ${KIND_NAMES[c.kind]}`);
  if (changed.length > 0) {
    return `На уроки этой записи с ${formatDateRu(fromIso)} уже записаны изменения: ${listed(changed)}. Сначала удалите их на странице «Замены»`;
  }
  const opened = onWeekday(lessons).map((l) => formatDateRu(isoDate(l.date)));
  if (opened.length > 0) {
    return `Урок этой записи с ${formatDateRu(fromIso)} уже открыт в журнале: ${listed(opened)}. Снимите запись с более поздней даты`;
  }
  return null;
}
