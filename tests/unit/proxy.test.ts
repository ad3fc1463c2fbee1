// proxy.ts's early redirects. The session cookie is a JWT issued at sign-in and kept for up to
// 12 hours, so anything it says about the person's roles may be out of date: a teacher the
// administrator has made a parent still carries «TEACHER». Sending them away from /diary to «/»,
// which sends them back to /diary, looped until the browser gave up.
import { describe, expect, it } from 'vitest';
import { NextRequest } from 'next/server';
import { encode } from 'next-auth/jwt';
import { authSecret } from '../../lib/env';
import { proxy } from '../../proxy';

// Read lazily by lib/env.ts; the proxy never connects to it.
process.env.DATABASE_URL ??= 'postgresql://unused@localhost/unused';

async function request(path: string, claims?: Record<string, unknown>) {
  const headers = new Headers();
  if (claims) headers.set('cookie', `next-auth.session-token=${await encode({ token: claims, secret: authSecret() })}`);
  return proxy(new NextRequest(new URL(path, 'http://localhost:3000'), { headers }));
}

describe('proxy', () => {
  it('sends an anonymous visitor to the sign-in page, keeping where they were going', async () => {
    const response = await request('/journal?course=3');
    expect(response.status).toBe(307);
    expect(new URL(response.headers.get('location')!).search).toBe('?next=%2Fjournal%3Fcourse%3D3');
    expect((await request('/api/pdf/extract')).status).toBe(401);
  });

  it('lets a phone fetch the manifest and icons without signing in', async () => {
    for (const path of ['/manifest.webmanifest', '/icons/icon-192.png', '/apple-icon.png', '/icon.svg']) {
      expect((await request(path)).headers.get('x-middleware-next'), path).toBe('1');
    }
  });

  it('decides nothing by roles written into the cookie at sign-in: they may have changed since', async () => {
    const nowParent = { uid: 7, sid: 's', sv: 0, roles: ['TEACHER'] };
    for (const path of ['/diary', '/diary/12', '/admin/users', '/class/3']) {
      const response = await request(path, nowParent);
      expect(response.headers.get('location'), path).toBeNull();
      expect(response.headers.get('x-middleware-next'), path).toBe('1');
    }
  });
});
