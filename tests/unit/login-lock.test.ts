import { describe, expect, it } from 'vitest';
import { loginLockedUntil } from '@/lib/auth/session-policy';

const T0 = Date.UTC(2026, 11, 3, 8, 0, 0);
const at = (minutes: number) => new Date(T0 + minutes * 60_000);

describe('the sign-in lock', () => {
  const tenFailures = Array.from({ length: 10 }, (_, i) => at(i * 0.5)); // 10 failures in 4.5 minutes

  it('10 failures within 15 minutes lock the login for 15 minutes from the last; 9 do not', () => {
    expect(loginLockedUntil(tenFailures, at(5))).toEqual(at(19.5));
    expect(loginLockedUntil(tenFailures, at(19.6))).toBeNull();
    expect(loginLockedUntil(tenFailures.slice(1), at(5))).toBeNull();
    // Ten spread over more than 15 minutes lock nothing.
    expect(loginLockedUntil(Array.from({ length: 10 }, (_, i) => at(i * 2)), at(19))).toBeNull();
  });

  it('tries while locked do not push the end of the lock further', () => {
    const retries = [at(10), at(15), at(19)];
    expect(loginLockedUntil([...tenFailures, ...retries].reverse(), at(19.4))).toEqual(at(19.5));
    expect(loginLockedUntil([...tenFailures, ...retries], at(19.6))).toBeNull();
  });

  it('ten more failures after the lock lock it again', () => {
    const again = Array.from({ length: 10 }, (_, i) => at(20 + i * 0.5));
    expect(loginLockedUntil([...tenFailures, ...again], at(30))).toEqual(at(39.5));
  });
});
