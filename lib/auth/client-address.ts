// The client's address for throttling sign-ins and for the audit trail.
//
// Each reverse proxy appends the address it was reached from to X-Forwarded-For, and Next's own
// server fills it with the socket's address when a request arrives without one. So behind N
// trusted proxies (TRUSTED_PROXIES, default 1) the N-th entry from the end is the address the
// outermost of them saw; anything before it was written by the client and could be anything —
// taking the first entry let one machine spread its guesses over invented addresses.
export function clientAddress(header: (name: string) => string | null, trustedProxies = 1): string {
  const entries = (header('x-forwarded-for') ?? '').split(',').map((e) => e.trim()).filter(Boolean);
  if (entries.length) return entries[Math.max(0, entries.length - trustedProxies)];
  return header('x-real-ip')?.trim() || 'unknown';
}
