// Signs in over HTTP the way the browser does (next-auth's CSRF + credentials callback) and
// returns the Cookie header to send with later requests. For benchmarks and HTTP-level tests.
function cookiesOf(response: Response): string[] {
  return response.headers.getSetCookie().map((c) => c.split(';')[0]);
}

export async function signInOverHttp(baseUrl: string, login: string, password: string): Promise<string> {
  const csrfResponse = await fetch(`${baseUrl}/api/auth/csrf`);
  const { csrfToken } = (await csrfResponse.json()) as { csrfToken: string };
  const jar = cookiesOf(csrfResponse);
  const response = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: jar.join('; ') },
    body: new URLSearchParams({ csrfToken, login, password, json: 'true' }),
  });
  const session = cookiesOf(response).find((c) => c.includes('session-token='));
  if (!session) throw new Error(`sign-in as ${login} failed: HTTP ${response.status} ${response.headers.get('location') ?? ''}`);
  return [...jar, session].join('; ');
}
