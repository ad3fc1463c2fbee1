import { describe, expect, it } from 'vitest';
import { formatInstantRu } from '../../lib/domain/diary-format';

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
