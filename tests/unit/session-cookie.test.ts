// Over https next-auth keeps the session in «__Secure-next-auth.session-token»: a browser takes
// that name only from a secure page, so neither a neighbouring site of the same domain nor anyone
// on the plain-http path can plant it. The plain name carries no such promise, and must not be read
// then, or a planted cookie signs the visitor in as whoever planted it.
import { describe, expect, it } from 'vitest';
import { NextRequest } from 'next/server';
import { encode } from 'next-auth/jwt';
import { authSecret } from '../../lib/env';
import { sessionCookieName } from '../../lib/auth/session-token';
import { proxy } from '../../proxy';

// Read lazily by lib/env.ts, once per test file; the proxy never connects to the database.
process.env.DATABASE_URL ??= 'postgresql://unused@localhost/unused';
process.env.NEXTAUTH_URL = 'https://journal.school.example';

describe('the session cookie', () => {
  it('is the one next-auth sets for the site’s address', () => {
    expect(sessionCookieName('https://journal.school.example')).toBe('__Secure-next-auth.session-token');
    expect(sessionCookieName('http://localhost:3000')).toBe('next-auth.session-token');
    expect(sessionCookieName(undefined)).toBe('next-auth.session-token');
  });

  it('over https, a session under the plain name counts for nothing', async () => {
    const jwt = await encode({ token: { uid: 7, sid: 's', sv: 0 }, secret: authSecret() });
    const as = (name: string) =>
      proxy(new NextRequest('https://journal.school.example/journal', { headers: { cookie: `${name}=${jwt}` } }));
    expect((await as('next-auth.session-token')).headers.get('location')).toMatch(/\/login\?next=%2Fjournal$/);
    expect((await as('__Secure-next-auth.session-token')).headers.get('location')).toBeNull();
  });
});
