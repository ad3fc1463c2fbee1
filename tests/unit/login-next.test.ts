// Where the sign-in page sends a person afterwards (?next=): a path of this site only. Browsers
// read «/\evil.example» as «//evil.example» and drop tabs and newlines from a URL, so a check of
// the first characters alone let those through to another site.
import { describe, expect, it } from 'vitest';
import { localPath } from '../../lib/auth/home';

describe('the sign-in page’s next address', () => {
  it('keeps a path of this site with its query and fragment', () => {
    expect(localPath('/diary/12/marks?period=3#p')).toBe('/diary/12/marks?period=3#p');
    expect(localPath('/journal')).toBe('/journal');
  });

  it('refuses another site however it is spelled', () => {
    for (const next of ['https://evil.example/', '//evil.example', '/\\evil.example', '/\t/evil.example', '/\n/evil.example', '\\/evil.example', 'javascript:alert(1)', '']) {
      expect(localPath(next), JSON.stringify(next)).toBe('/');
    }
  });

  it('refuses anything but one string (?next=a&next=b)', () => {
    expect(localPath(undefined)).toBe('/');
    expect(localPath(['/a', '/b'])).toBe('/');
  });
});
