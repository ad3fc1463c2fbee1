import { describe, expect, it } from 'vitest';
import { formatInstantRu, formatScoreRu, resultsDelayRu } from '../../lib/domain/diary-format';

describe('formatInstantRu: an instant on the school clock', () => {
  const instant = new Date('2026-11-24T16:40:05Z');

  it('reads the wall clock of the school’s own timezone', () => {
    expect(formatInstantRu(instant, 'Europe/Moscow')).toBe('24.11.2026, 19:40');
    expect(formatInstantRu(instant, 'Asia/Yekaterinburg')).toBe('24.11.2026, 21:40');
    expect(formatInstantRu(instant, 'Asia/Vladivostok')).toBe('25.11.2026, 02:40');
  });

  it('adds seconds on request and accepts an ISO string', () => {
    expect(formatInstantRu(instant.toISOString(), 'Europe/Kaliningrad', 'seconds')).toBe('24.11.2026, 18:40:05');
  });
});

describe('formatScoreRu: an exam score with its noun', () => {
  it('agrees with the number, as «72 баллов» does not', () => {
    expect([1, 2, 5, 11, 21, 72, 85, 100].map(formatScoreRu)).toEqual(['1 балл', '2 балла', '5 баллов', '11 баллов', '21 балл', '72 балла', '85 баллов', '100 баллов']);
  });
});

describe('resultsDelayRu: when published results reach the family', () => {
  it('speaks of the school’s setting in days or hours', () => {
    expect([0, 12, 21, 24, 48, 72].map(resultsDelayRu)).toEqual(['сразу', 'через 12 часов', 'через 21 час', 'через сутки', 'через 48 часов', 'через 72 часа']);
  });
});
