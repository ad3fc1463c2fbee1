// The people of a demo school as planned in memory before anything is written (staff.ts and
// families.ts fill them in), and their logins.
import type { Role } from '../../lib/generated/prisma/enums';
import { addDays } from '../../lib/domain/calendar';
import { generateLogin } from '../../lib/domain/passwords';
import type { SubjectCode } from './curriculum';
import type { Sex } from './names';
import type { Rng } from './rng';

export type Person = {
  /** Set for the fixed demo accounts ('admin', 'teacher'…); others get a generated login. */
  fixedLogin?: string;
  login: string;
  lastName: string;
  firstName: string;
  middleName: string;
  sex: Sex;
  birthDate: string;
  email: string | null;
  phone: string | null;
  roles: Role[];
  active: boolean;
  /** Database id, set once the user row is written. */
  id: number;
};

export type TeacherKind = 'primary' | 'subject' | 'deputy';

export type Teacher = {
  person: Person;
  kind: TeacherKind;
  subjects: readonly SubjectCode[];
  maxLoad: number;
  room: string;
  /** Weekly hours assigned so far. */
  load: number;
  classTeacherOf: number | null;
};

export type ClassPlan = {
  idx: number;
  grade: number;
  letter: string;
  name: string;
  /** Pupils on the list today (23–28). */
  size: number;
  homeRoom: string;
  classTeacher: Teacher | null;
  id: number;
};

export type Enrollment = { classIdx: number; start: string; end: string | null };

export type Pupil = {
  person: Person;
  family: Family;
  enrollments: Enrollment[];
  /** Expected mark 2.8–4.9; per-subject offsets around it. */
  ability: number;
  subjectOffset: Partial<Record<SubjectCode, number>>;
  sickliness: number;
  truancy: number;
  peExempt: boolean;
};

export type Guardian = { person: Person; relation: 'мать' | 'отец' | 'опекун' };

export type Family = {
  surname: string;
  fatherName: string;
  guardians: Guardian[];
  children: Pupil[];
  decision: 'ONLINE' | 'EMAIL' | 'REFUSED';
  /** How often the parents open the diary. */
  visits: 'often' | 'rare';
};

export type Staff = {
  director: Person;
  deputyVr: Person;
  admin: Person;
  secretary: Person;
  medical: Person;
  psychologist: Person;
  hr: Person;
};

export function phone(rng: Rng): string {
  return `+7 9${rng.int(10, 99)} ${rng.int(100, 999)}-${String(rng.int(0, 99)).padStart(2, '0')}-${String(rng.int(0, 99)).padStart(2, '0')}`;
}

export function adultBirth(rng: Rng, fromYear: number, toYear: number): string {
  return addDays(`${fromYear}-01-01`, rng.int(0, (toYear - fromYear) * 365 + 364));
}

export function person(name: { lastName: string; firstName: string; middleName: string }, sex: Sex, birthDate: string, roles: Role[], extra: Partial<Person> = {}): Person {
  return { login: '', ...name, sex, birthDate, email: null, phone: null, roles, active: true, id: 0, ...extra };
}

/** The staff's mail domain: reserved for examples (RFC 2606), so demo letters reach no real mailbox. */
export const staffMailDomain = (schoolNumber: number) => `school${schoolNumber}.example.org`;

/**
 * Logins for everyone, in a fixed order so they are deterministic: 'ivanova.e', 'ivanova.e2'…
 * Schools after the first get the prefix 's2.', 's3.'… so logins are unique across the deployment.
 */
export function assignLogins(people: readonly Person[], schoolIndex: number, staffDomain: string): void {
  const prefix = schoolIndex === 0 ? '' : `s${schoolIndex + 1}.`;
  const taken = new Set<string>();
  for (const p of people) if (p.fixedLogin) taken.add(p.fixedLogin);
  for (const p of people) {
    const base = p.fixedLogin ?? generateLogin(p.lastName, p.firstName, taken);
    taken.add(base);
    p.login = prefix + base;
    if (!p.roles.includes('STUDENT') && !p.roles.includes('PARENT')) p.email = `${base}@${staffDomain}`;
  }
}
