// The client's address for throttling and the audit trail. Behind a reverse proxy the first
// X-Forwarded-For entry is the client; Next's own server sets it for direct connections too.
export function clientAddress(header: (name: string) => string | null): string {
  const forwarded = header('x-forwarded-for');
  if (forwarded) return forwarded.split(',')[0].trim() || 'unknown';
  return header('x-real-ip')?.trim() || 'unknown';
}
