// Where each audience starts after signing in. Staff with a class or courses go to the journal,
// families to the diary, administrators to the administration screens.
import type { Actor } from './actor';

export function homePathFor(actor: Pick<Actor, 'roles' | 'permissions'>): string {
  const roles = new Set(actor.roles);
  if (roles.has('TEACHER') || roles.has('MANAGEMENT')) return '/journal';
  if (roles.has('PARENT') || roles.has('STUDENT')) return '/diary';
  if (roles.has('ADMIN') || roles.has('SECRETARY')) return '/admin';
  return '/office';
}

/**
 * Where to send someone who opened a section that is not theirs (a parent typing /journal): their
 * start page, or the neutral /office when that start page is the section itself (a teacher whose
 * journal rights were taken away), so that the two never send each other round in a loop.
 */
export function homeOutside(actor: Pick<Actor, 'roles' | 'permissions'>, section: string): string {
  const home = homePathFor(actor);
  return home === section || home.startsWith(`${section}/`) ? '/office' : home;
}

const LOCAL_ORIGIN = 'http://local.invalid';

/**
 * `?next=` of the sign-in page as a path of this site, or '/'. Resolved as the browser will
 * resolve it, so «/\evil.example» or a tab after the slash (read as «//evil.example») never
 * leaves the site: an open redirect after sign-in would be a phishing aid.
 */
export function localPath(next: string | string[] | undefined): string {
  if (typeof next !== 'string' || !next.startsWith('/')) return '/';
  try {
    const url = new URL(next, LOCAL_ORIGIN);
    return url.origin === LOCAL_ORIGIN ? url.pathname + url.search + url.hash : '/';
  } catch {
    return '/';
  }
}
