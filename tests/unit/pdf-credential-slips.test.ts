// Credential slips as printed: the document's language, read from the PDF's catalogue.
import { describe, expect, it } from 'vitest';
import { renderCredentialSlips } from '../../lib/pdf/credential-slips';

describe('the credential slips PDF', () => {
  it('declares its language as Russian', async () => {
    const slip = { role: 'STUDENT' as const, fullName: 'Иванов Пётр Сергеевич', className: '7А', children: [], login: 'ivanov.p', password: 'Kx7#mP2q' };
    const pdf = await renderCredentialSlips({ schoolName: 'МБОУ «СОШ № 1»', siteAddress: 'https://journal.school21.ru', slips: [slip], title: 'Логины и пароли — 7А' });
    expect(pdf.toString('latin1')).toContain('/Lang (ru-RU)');
  });
});
