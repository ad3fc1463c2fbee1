// A parent adding the diary to a phone's home screen: the manifest names the app in Russian, and
// every icon it lists is a real PNG of the size it claims (a wrong size is dropped by Android).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import manifest from '../../app/manifest';

/** Width and height from a PNG's IHDR chunk. */
function pngSize(file: string): string {
  const bytes = readFileSync(file);
  expect(bytes.subarray(1, 4).toString('ascii')).toBe('PNG');
  return `${bytes.readUInt32BE(16)}x${bytes.readUInt32BE(20)}`;
}

describe('web app manifest', () => {
  const m = manifest();

  it('opens the journal full screen under its Russian name', () => {
    expect(m).toMatchObject({ short_name: 'Дневник', lang: 'ru', start_url: '/', display: 'standalone' });
  });

  it('lists icons that exist in public/ with the sizes it claims, a maskable one among them', () => {
    for (const icon of m.icons ?? []) expect(pngSize(path.join('public', icon.src)), icon.src).toBe(icon.sizes);
    expect(m.icons?.some((i) => i.purpose === 'maskable')).toBe(true);
    expect(pngSize('app/apple-icon.png')).toBe('180x180');
  });
});
