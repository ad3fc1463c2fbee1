// Classes of the current academic years by name, for menus and home pages: a class teacher's own
// (several, or this year's and next year's in the summer) and management's whole school.
import 'server-only';
import { cache } from 'react';
import { getDb } from '../db';
import type { Actor } from '../auth/actor';
import { className } from './names';
import { readableClasses } from './scope';

export type NamedClass = { id: number; name: string };

/**
 * The classes the actor reads (readableClasses) of the current academic years (actor.currentYears:
 * the latest year begun and any not begun yet, so that the summer's paperwork of the year just
 * ended keeps its classes), only those it leads when `led`. Named «7А»; «7А, 2026/2027» when the
 * list spans two years, where two classes may share a name. Read once per request: the signed-in
 * frame's menu and the teacher's home both ask for the classes led.
 */
export const currentClasses = cache(async (actor: Actor, which: 'led' | 'readable'): Promise<NamedClass[]> => {
  if (which === 'led' && !actor.classTeacherOf.length) return [];
  const rows = await getDb().schoolClass.findMany({
    where: {
      AND: [readableClasses(actor), { academicYearId: { in: [...actor.currentYears] } }, which === 'led' ? { id: { in: [...actor.classTeacherOf] } } : {}],
    },
    orderBy: [{ academicYear: { startDate: 'asc' } }, { gradeLevel: 'asc' }, { letter: 'asc' }],
    select: { id: true, gradeLevel: true, letter: true, academicYear: { select: { id: true, label: true } } },
  });
  const years = new Set(rows.map((r) => r.academicYear.id));
  return rows.map((r) => ({ id: r.id, name: years.size > 1 ? `${className(r)}, ${r.academicYear.label}` : className(r) }));
});
