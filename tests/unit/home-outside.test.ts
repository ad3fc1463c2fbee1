import { describe, expect, it } from 'vitest';
import { homeOutside } from '@/lib/auth/home';
import type { Permission } from '@/lib/auth/permissions';
import type { Role } from '@/lib/generated/prisma/enums';

const actor = (roles: Role[], permissions: Permission[] = []) => ({ roles, permissions: new Set(permissions) });

describe('where someone who opened another section is sent', () => {
  it('to their own start page', () => {
    expect(homeOutside(actor(['PARENT']), '/journal')).toBe('/diary');
    expect(homeOutside(actor(['TEACHER']), '/diary')).toBe('/journal');
    expect(homeOutside(actor(['ADMIN']), '/journal')).toBe('/admin');
  });

  it('to /office when their start page is that very section, never round in a loop', () => {
    // A teacher whose journal rights an administrator took away.
    expect(homeOutside(actor(['TEACHER']), '/journal')).toBe('/office');
    expect(homeOutside(actor(['STUDENT']), '/diary')).toBe('/office');
  });
});
