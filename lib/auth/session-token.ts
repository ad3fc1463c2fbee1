// Reading the session cookie. next-auth's decode (key derivation and decryption) costs ~0.7 ms of
// CPU, and every page request reads the same cookie twice (proxy.ts, then the page). So decoded
// tokens are kept by cookie value until the token's own expiry: a value never changes meaning,
// and whether the session still holds is decided by the database on every request (loadActor),
// never by this cache.
import { decode, type JWT } from 'next-auth/jwt';

/**
 * The session cookie next-auth sets for the site's address (NEXTAUTH_URL): the __Secure- one over
 * HTTPS, and only that one is read then. A browser accepts that name from a secure page only; the
 * plain one could be planted by a neighbouring site of the domain and sign the visitor in as its
 * planter.
 */
export function sessionCookieName(siteUrl: string | undefined): string {
  return siteUrl?.startsWith('https://') ? '__Secure-next-auth.session-token' : 'next-auth.session-token';
}

/** next-auth's double-submit CSRF cookie (`token|hash`); the __Host- one over HTTPS. */
const CSRF_COOKIES = ['__Host-next-auth.csrf-token', 'next-auth.csrf-token'] as const;

/**
 * The CSRF token a plain form posting to next-auth must carry, read from the browser's own cookie,
 * or null when the browser holds none (next-auth then refuses the post; the page's script, once
 * loaded, fetches a fresh token instead). next-auth itself checks the token against the cookie.
 */
export function csrfTokenOf(cookie: (name: string) => string | undefined): string | null {
  const raw = CSRF_COOKIES.map(cookie).find(Boolean);
  return raw?.split('|')[0] || null;
}

const MAX_ENTRIES = 10_000;
const decoded = new Map<string, { token: JWT; expiresAtMs: number }>();

export async function decodeSessionToken(raw: string, secret: string, nowMs = Date.now()): Promise<JWT | null> {
  const hit = decoded.get(raw);
  if (hit) {
    if (hit.expiresAtMs > nowMs) return hit.token;
    decoded.delete(raw);
    return null;
  }
  const token = await decode({ token: raw, secret }).catch(() => null);
  if (!token || typeof token.exp !== 'number') return null;
  // Oldest first out: a Map iterates in insertion order.
  if (decoded.size >= MAX_ENTRIES) decoded.delete(decoded.keys().next().value!);
  decoded.set(raw, { token, expiresAtMs: token.exp * 1000 });
  return token;
}
