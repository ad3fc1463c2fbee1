import { describe, expect, it } from 'vitest';
import { clientAddress } from '@/lib/auth/client-address';

const headers = (h: Record<string, string>) => (name: string) => h[name] ?? null;

describe('the address a sign-in is counted against', () => {
  it('behind one proxy, an X-Forwarded-For the client wrote itself does not hide its address', () => {
    // nginx appends the address it was reached from to whatever the client sent.
    expect(clientAddress(headers({ 'x-forwarded-for': '10.9.8.7, 203.0.113.5' }))).toBe('203.0.113.5');
    expect(clientAddress(headers({ 'x-forwarded-for': '203.0.113.5' }))).toBe('203.0.113.5');
  });

  it('behind two proxies (TRUSTED_PROXIES=2) the entry the outer one appended is taken', () => {
    expect(clientAddress(headers({ 'x-forwarded-for': 'forged, 203.0.113.5, 198.51.100.1' }), 2)).toBe('203.0.113.5');
    // Fewer entries than proxies (a request inside the network): the first there is.
    expect(clientAddress(headers({ 'x-forwarded-for': '198.51.100.1' }), 2)).toBe('198.51.100.1');
  });

  it('without the header: X-Real-IP, else unknown', () => {
    expect(clientAddress(headers({ 'x-real-ip': ' 192.0.2.4 ' }))).toBe('192.0.2.4');
    expect(clientAddress(headers({ 'x-forwarded-for': ' , ' }))).toBe('unknown');
    expect(clientAddress(headers({}))).toBe('unknown');
  });
});
