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
 * A login is locked while at least LOGIN_FAILURE_LIMIT failures fall within a window of
 * LOGIN_FAILURE_WINDOW_MS that ended less than LOGIN_LOCK_MS ago. `failures` are newest first.
 */
export function loginLockedUntil(failures: readonly Date[], now: Date): Date | null {
  for (let i = 0; i + LOGIN_FAILURE_LIMIT - 1 < failures.length; i++) {
    const newest = failures[i].getTime();
    const oldest = failures[i + LOGIN_FAILURE_LIMIT - 1].getTime();
    if (newest - oldest <= LOGIN_FAILURE_WINDOW_MS) {
      const until = newest + LOGIN_LOCK_MS;
      return until > now.getTime() ? new Date(until) : null;
    }
  }
  return null;
}
