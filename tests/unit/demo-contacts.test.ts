// The demo school's e-mail addresses are on domains reserved for examples (RFC 2606), so no letter
// with a demo pupil's marks can reach a real mailbox once SMTP is configured.
import { describe, expect, it } from 'vitest';
import { personalEmail } from '../../prisma/demo/families';
import { staffMailDomain } from '../../prisma/demo/people';
import { Rng } from '../../prisma/demo/rng';

const reserved = /@([a-z0-9-]+\.)*example\.(com|net|org)$/;

describe('demo contacts', () => {
  it('parents get addresses on example domains only', () => {
    const rng = new Rng('contacts');
    const parent = { lastName: 'Иванова', firstName: 'Ольга' };
    for (let i = 0; i < 200; i++) expect(personalEmail(rng, parent)).toMatch(reserved);
  });

  it('staff addresses are on an example domain too', () => {
    expect(`director@${staffMailDomain(1)}`).toMatch(reserved);
  });
});
