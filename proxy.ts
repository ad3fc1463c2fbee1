// Early redirects only: anonymous visitors to the sign-in page. It is never the guard of the data:
// every page, action and route handler checks the user again through lib/auth and lib/data (a
// header such as x-middleware-subrequest that skips this file skips nothing that matters). Nor
// does it judge by roles: the cookie's would be those of the sign-in, up to 12 hours old, and a
// person given another role was sent from their new home to «/», which sent them back.
import { NextResponse, type NextRequest } from 'next/server';
import { authSecret, getEnv } from '@/lib/env';
import { decodeSessionToken, sessionCookieName } from '@/lib/auth/session-token';

// The manifest and icons are asked for without cookies (a phone adding the site to its home
// screen, the sign-in page's own <link>s): a redirect to /login would give them HTML.
const PUBLIC_PREFIXES = ['/login', '/api/auth', '/_next', '/favicon', '/fonts', '/forbidden', '/manifest.webmanifest', '/icon.svg', '/apple-icon.png', '/icons/'];

export async function proxy(request: NextRequest) {
  const { pathname } = request.nextUrl;
  if (PUBLIC_PREFIXES.some((p) => pathname.startsWith(p))) return NextResponse.next();
  const raw = request.cookies.get(sessionCookieName(getEnv().NEXTAUTH_URL))?.value;
  const token = raw ? await decodeSessionToken(raw, authSecret()) : null;
  if (!token?.uid) {
    if (pathname.startsWith('/api/')) return NextResponse.json({ error: 'Требуется вход' }, { status: 401 });
    const url = new URL('/login', request.url);
    if (pathname !== '/') url.searchParams.set('next', pathname + request.nextUrl.search);
    return NextResponse.redirect(url);
  }
  return NextResponse.next();
}

export const config = { matcher: ['/((?!_next/static|_next/image|favicon.ico).*)'] };
