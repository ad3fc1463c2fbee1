// How long a sign-in lasts. A school computer is often shared, so sessions end after an hour
// without activity, and after 12 hours whatever happens.
export const IDLE_TIMEOUT_MS = 60 * 60 * 1000;
export const ABSOLUTE_TIMEOUT_MS = 12 * 60 * 60 * 1000;
/** lastSeenAt is written at most this often, so reads do not turn into writes. */
export const LAST_SEEN_WRITE_INTERVAL_MS = 60 * 1000;

// Throttling of sign-in (issue: 10 failures in 15 minutes lock the login for 15 minutes).
export const LOGIN_FAILURE_LIMIT = 10;
export const LOGIN_FAILURE_WINDOW_MS = 15 * 60 * 1000;
export const LOGIN_LOCK_MS = 15 * 60 * 1000;
/** Attempts from one client address per minute, whatever the login. */
export const ADDRESS_ATTEMPTS_PER_MINUTE = 30;

export type SessionTimes = { createdAt: Date; lastSeenAt: Date };

/** Null when the session is still valid at `now`, otherwise why it ended. */
export function sessionExpiry(times: SessionTimes, now: Date): 'idle' | 'absolute' | null {
  if (now.getTime() - times.createdAt.getTime() > ABSOLUTE_TIMEOUT_MS) return 'absolute';
  if (now.getTime() - times.lastSeenAt.getTime() > IDLE_TIMEOUT_MS) return 'idle';
  return null;
}

/**
 * The end of the login's lock, or null when it is not locked at `now`. LOGIN_FAILURE_LIMIT
 * failures within LOGIN_FAILURE_WINDOW_MS lock it for LOGIN_LOCK_MS from the last of them.
 * Attempts made while it is locked are refused and recorded, but start no new count: a person
 * who tries again at minute 14 is let in at minute 15, as the message promises, not 15 minutes
 * after their last try. `failures` in any order.
 */
export function loginLockedUntil(failures: readonly Date[], now: Date): Date | null {
  const times = failures.map((f) => f.getTime()).sort((a, b) => a - b);
  let lockedUntil = 0;
  let window: number[] = [];
  for (const t of times) {
    if (t < lockedUntil) continue;
    window = [...window.filter((w) => t - w <= LOGIN_FAILURE_WINDOW_MS), t];
    if (window.length >= LOGIN_FAILURE_LIMIT) {
      lockedUntil = t + LOGIN_LOCK_MS;
      window = [];
    }
  }
  return lockedUntil > now.getTime() ? new Date(lockedUntil) : null;
}
