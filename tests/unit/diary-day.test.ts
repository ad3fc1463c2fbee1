import { describe, expect, it } from 'vitest';
import { planDay, timetableAppliesOn, type ChangeInput, type TimetableSlotInput } from '../../lib/domain/diary-day';

// Monday 23 November 2026.
const MON = '2026-11-23';
const TUE = '2026-11-24';

const entry = (courseId: number, weekday: number, slot: number, extra: Partial<TimetableSlotInput> = {}): TimetableSlotInput => ({
  courseId, weekday, slot, room: `${100 + courseId}`, validFrom: '2026-09-01', validTo: null, ...extra,
});
const change = (c: Partial<ChangeInput> & Pick<ChangeInput, 'courseId' | 'date' | 'slot' | 'kind'>): ChangeInput => ({
  substitute: null, newDate: null, newSlot: null, room: null, reason: null, ...c,
});
const lesson = (courseId: number, date: string, slot: number) => ({ id: courseId * 100 + slot, courseId, date, slot });

describe('timetableAppliesOn', () => {
  it('matches the weekday inside the validity range, both ends inclusive', () => {
    expect(timetableAppliesOn(entry(1, 1, 1), MON)).toBe(true);
    expect(timetableAppliesOn(entry(1, 2, 1), MON)).toBe(false);
    expect(timetableAppliesOn(entry(1, 1, 1, { validFrom: MON }), MON)).toBe(true);
    expect(timetableAppliesOn(entry(1, 1, 1, { validTo: '2026-11-22' }), MON)).toBe(false);
    expect(timetableAppliesOn(entry(1, 1, 1, { validFrom: '2026-11-24' }), MON)).toBe(false);
  });
});

describe('planDay', () => {
  it('lists the weekday timetable in slot order and attaches the lessons held', () => {
    const day = planDay(MON, [entry(2, 1, 2), entry(1, 1, 1), entry(3, 2, 1)], [], [lesson(1, MON, 1)]);
    expect(day.map((d) => [d.courseId, d.slot, d.status])).toEqual([
      [1, 1, 'regular'],
      [2, 2, 'regular'],
    ]);
    expect(day[0].lesson?.id).toBe(101);
    expect(day[1].lesson).toBeNull();
  });

  it('applies a change recorded where a lesson was moved to, whatever order the changes come in (the diary reads them by date)', () => {
    const moved = change({ courseId: 1, date: '2026-11-30', slot: 1, kind: 'MOVED', newDate: MON, newSlot: 4, reason: 'Экскурсия' });
    const substituted = change({ courseId: 1, date: MON, slot: 4, kind: 'SUBSTITUTION', substitute: 'Петрова А. И.', room: '305' });
    for (const changes of [[moved, substituted], [substituted, moved]]) {
      expect(planDay(MON, [], changes, [])).toEqual([expect.objectContaining({
        courseId: 1, slot: 4, status: 'substitution', substitute: 'Петрова А. И.', room: '305', movedFrom: { date: '2026-11-30', slot: 1 },
      })]);
    }
  });

  it('shows a substitution with the substitute and a changed room', () => {
    const day = planDay(MON, [entry(1, 1, 1)], [change({ courseId: 1, date: MON, slot: 1, kind: 'SUBSTITUTION', substitute: 'Петрова А. И.', room: '305' })], []);
    expect(day[0]).toMatchObject({ status: 'substitution', substitute: 'Петрова А. И.', room: '305', roomChanged: true });
  });

  it('keeps a cancelled lesson, crossed out rather than hidden', () => {
    const day = planDay(MON, [entry(1, 1, 1), entry(2, 1, 2)], [change({ courseId: 2, date: MON, slot: 2, kind: 'CANCELLED', reason: 'болезнь учителя' })], []);
    expect(day.map((d) => d.status)).toEqual(['regular', 'cancelled']);
    expect(day[1].reason).toBe('болезнь учителя');
  });

  it('shows a moved lesson on both days: gone from its slot, arrived in the new one', () => {
    const moved = change({ courseId: 1, date: MON, slot: 1, kind: 'MOVED', newDate: TUE, newSlot: 6 });
    const monday = planDay(MON, [entry(1, 1, 1)], [moved], []);
    const tuesday = planDay(TUE, [entry(1, 1, 1)], [moved], [lesson(1, TUE, 6)]);
    expect(monday[0]).toMatchObject({ status: 'moved-away', movedTo: { date: TUE, slot: 6 } });
    expect(tuesday).toHaveLength(1);
    expect(tuesday[0]).toMatchObject({ status: 'moved-in', slot: 6, movedFrom: { date: MON, slot: 1 } });
    expect(tuesday[0].lesson?.id).toBe(106);
  });

  it('adds a lesson held outside the timetable as an extra lesson', () => {
    const day = planDay(MON, [entry(1, 1, 1)], [], [lesson(1, MON, 1), lesson(5, MON, 7)]);
    expect(day.map((d) => [d.courseId, d.status])).toEqual([
      [1, 'regular'],
      [5, 'extra'],
    ]);
  });

  it('keeps a future lesson moved away even if its row was opened in advance (e.g. to announce a test)', () => {
    const moved = change({ courseId: 1, date: TUE, slot: 1, kind: 'MOVED', newDate: '2026-11-25', newSlot: 6 });
    const day = planDay(TUE, [entry(1, 2, 1)], [moved], [lesson(1, TUE, 1)], MON);
    expect(day[0]).toMatchObject({ status: 'moved-away', movedTo: { date: '2026-11-25', slot: 6 }, lesson: null });
    // Once the day has come, a row in that slot is a lesson held there after all.
    expect(planDay(TUE, [entry(1, 2, 1)], [moved], [lesson(1, TUE, 1)], TUE)[0]).toMatchObject({ status: 'regular', movedTo: null });
  });

  it('treats a lesson held in a slot it was moved from as held there', () => {
    const moved = change({ courseId: 1, date: MON, slot: 1, kind: 'MOVED', newDate: TUE, newSlot: 6 });
    const day = planDay(MON, [entry(1, 1, 1)], [moved], [lesson(1, MON, 1)]);
    expect(day[0]).toMatchObject({ status: 'regular', movedTo: null });
  });

  it('shows nothing of a row opened in advance in a cancelled or moved slot, and a row held there as held', () => {
    const cancelled = change({ courseId: 1, date: MON, slot: 1, kind: 'CANCELLED' });
    const moved = change({ courseId: 2, date: MON, slot: 2, kind: 'MOVED', newDate: TUE, newSlot: 6 });
    const entries = [entry(1, 1, 1), entry(2, 1, 2)];
    const advance = [{ ...lesson(1, MON, 1), held: false }, { ...lesson(2, MON, 2), held: false }];
    expect(planDay(MON, entries, [cancelled, moved], advance, TUE).map((p) => [p.status, p.lesson])).toEqual([['cancelled', null], ['moved-away', null]]);
    const held = advance.map((l) => ({ ...l, held: true }));
    expect(planDay(MON, entries, [cancelled, moved], held, TUE).map((p) => [p.status, p.lesson?.id])).toEqual([['regular', 101], ['regular', 202]]);
  });
});
