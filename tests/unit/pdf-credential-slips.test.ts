// Credential slips as printed: the document's language, read from the PDF's catalogue, and a long
// login kept whole inside its slip (word positions read back with pdftotext -bbox).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderCredentialSlips } from '../../lib/pdf/credential-slips';

describe('the credential slips PDF', () => {
  it('declares its language as Russian', async () => {
    const slip = { role: 'STUDENT' as const, fullName: 'Иванов Пётр Сергеевич', className: '7А', children: [], login: 'ivanov.p', password: 'Kx7#mP2q' };
    const pdf = await renderCredentialSlips({ schoolName: 'МБОУ «СОШ № 1»', siteAddress: 'https://journal.school21.ru', slips: [slip], title: 'Логины и пароли — 7А' });
    expect(pdf.toString('latin1')).toContain('/Lang (ru-RU)');
  });
});

/** Each word's right edge in points, from `pdftotext -bbox` (poppler-utils). */
function wordsWithRightEdge(pdf: Buffer): { word: string; xMax: number }[] {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'slips-')), 'slips.pdf');
  writeFileSync(file, pdf);
  const html = execFileSync('pdftotext', ['-bbox', file, '-'], { encoding: 'utf8' });
  return [...html.matchAll(/<word xMin="[\d.]+" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)<\/word>/g)].map((m) => ({ word: m[2], xMax: Number(m[1]) }));
}

describe('a long login on a slip', () => {
  it('is printed whole, inside its slip (the left one of the row ends at the middle of the page)', async () => {
    const login = 'konstantinopolskaya-rimskaya.ekaterina';
    const slip = { role: 'PARENT' as const, fullName: 'Константинопольская-Римская Екатерина', className: null, children: ['Иванов Пётр, 7А'], login, password: 'Kx7#mP2q' };
    const pdf = await renderCredentialSlips({ schoolName: 'МБОУ «СОШ № 1»', siteAddress: 'https://journal.school21.ru', slips: [slip], title: 'Логины и пароли' });
    const word = wordsWithRightEdge(pdf).find((w) => w.word === login);
    expect(word).toBeDefined();
    expect(word!.xMax).toBeLessThanOrEqual(595.28 / 2);
  });
});

describe('the text layer of slips printed one after another', () => {
  it('keeps Latin letters that Cyrillic ones are drawn from (е from e, о from o) in every later PDF', async () => {
    // One server process prints many PDFs with one shared parsed font (lib/pdf/shared-fonts.ts).
    const print = (fullName: string, login: string) => renderCredentialSlips({
      schoolName: 'МБОУ «СОШ № 1»', siteAddress: 'https://journal.school21.ru', title: 'Логины и пароли',
      slips: [{ role: 'STUDENT', fullName, className: '7А', children: [], login, password: 'Kx7#mP2q' }],
    });
    await print('Сергеева Ксения Олеговна', 'sergeeva.k');
    const words = wordsWithRightEdge(await print('Орлова Екатерина', 'orlova.e')).map((w) => w.word);
    expect(words).toContain('orlova.e');
    expect(words).toContain('https://journal.school21.ru');
  });
});
