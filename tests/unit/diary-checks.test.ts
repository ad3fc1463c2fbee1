import { describe, expect, it } from 'vitest';
import { checkWeeks, familyChecks, pupilWeeks, REQUIRED_CHECKS_PER_WEEK } from '../../lib/domain/diary-checks';

const autumn = [{ name: 'Осенние каникулы', startDate: '2026-10-24', endDate: '2026-11-08' }];

describe('checkWeeks', () => {
  it('lists the Monday-to-Sunday weeks of the range that have begun by today', () => {
    const weeks = checkWeeks('2026-11-09', '2026-12-30', '2026-11-25', [], 6);
    expect(weeks.map((w) => w.monday)).toEqual(['2026-11-09', '2026-11-16', '2026-11-23']);
    expect(weeks[0]).toMatchObject({ sunday: '2026-11-15', schoolDays: 6 });
  });

  it('counts no school days in a holiday week and only the days inside the range', () => {
    const weeks = checkWeeks('2026-10-19', '2026-11-10', '2026-12-01', autumn, 5);
    expect(weeks.map((w) => [w.monday, w.schoolDays])).toEqual([
      ['2026-10-19', 5],
      ['2026-10-26', 0],
      ['2026-11-02', 0],
      ['2026-11-09', 2],
    ]);
  });
});

describe('familyChecks', () => {
  const weeks = checkWeeks('2026-11-02', '2026-11-29', '2026-11-25', autumn, 6);

  it(`asks for ${REQUIRED_CHECKS_PER_WEEK} different days a week and flags the weeks that fell short`, () => {
    const result = familyChecks(['2026-11-09', '2026-11-09', '2026-11-16', '2026-11-19', '2026-11-23'], weeks, '2026-11-25');
    expect(result.weeks.map((w) => [w.monday, w.days, w.status])).toEqual([
      ['2026-11-02', 0, 'holiday'],
      ['2026-11-09', 1, 'missed'],
      ['2026-11-16', 2, 'ok'],
      ['2026-11-23', 1, 'in-progress'],
    ]);
    expect(result).toMatchObject({ missed: 1, judged: 2 });
  });

  it('counts the current week as met once two days are reached', () => {
    const result = familyChecks(['2026-11-23', '2026-11-24'], weeks, '2026-11-25');
    expect(result.weeks.at(-1)?.status).toBe('ok');
  });
});

describe('a family judged on the weeks the pupil was in the class', () => {
  const weeks = checkWeeks('2026-11-09', '2026-12-30', '2026-12-10', [], 5);

  it('does not judge the weeks before the pupil came, and asks one visit of a week with one school day', () => {
    // Came on Friday 20 November: one school day of that week is theirs.
    const own = pupilWeeks(weeks, '2026-11-20', '2026-12-30', '2026-12-10', [], 5);
    const result = familyChecks(['2026-11-22'], weeks, '2026-12-10', own);
    expect(result.weeks.map((w) => [w.monday, w.required, w.status])).toEqual([
      ['2026-11-09', 0, 'not-in-class'],
      ['2026-11-16', 1, 'ok'], // the Sunday visit counts: a week runs to Sunday
      ['2026-11-23', 2, 'missed'],
      ['2026-11-30', 2, 'missed'],
      ['2026-12-07', 2, 'in-progress'],
    ]);
    expect(result).toMatchObject({ missed: 2, judged: 3 });
  });

  it('stops judging once the pupil left', () => {
    const own = pupilWeeks(weeks, '2026-11-09', '2026-11-17', '2026-12-10', [], 5);
    const result = familyChecks([], weeks, '2026-12-10', own);
    expect(result.weeks.map((w) => w.status)).toEqual(['missed', 'missed', 'not-in-class', 'not-in-class', 'not-in-class']);
  });
});
