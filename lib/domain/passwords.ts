// Logins and one-time passwords for the initial population of the system (seed 002 §2.2),
// and the strength check for passwords people choose themselves.

import { COMMON_PASSWORDS } from './common-passwords';
import { transliterate } from './transliteration';

export { transliterate } from './transliteration';

const MAX_LOGIN_BASE = 20;

/** Lower-case Latin slug of a name part: 'Римский-Корсаков' → 'rimskiy-korsakov'. */
function loginPart(s: string): string {
  return transliterate(s.trim())
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '')
    .replace(/-{2,}/g, '-')
    .replace(/^-|-$/g, '');
}

/**
 * 'Иванов', 'Пётр' → 'ivanov.p'; if taken, 'ivanov.p2', 'ivanov.p3'…
 * The initial is the whole transliteration of the first letter ('Жанна' → 'zh'), so
 * that Жанна and Зоя Ивановы do not both become 'ivanova.z'. `taken` holds existing
 * logins in lower case; it is not modified (use generateLogins for a batch).
 */
export function generateLogin(lastName: string, firstName: string, taken: ReadonlySet<string>): string {
  const last = loginPart(lastName).slice(0, MAX_LOGIN_BASE).replace(/-$/, '') || 'user';
  const initial = loginPart([...firstName.trim()].slice(0, 1).join(''));
  const base = initial ? `${last}.${initial}` : last;
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base}${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}

/** Logins for a class list at once: each new login is reserved before the next is made. */
export function generateLogins(
  people: readonly { lastName: string; firstName: string }[],
  taken: ReadonlySet<string> = new Set(),
): string[] {
  const reserved = new Set(taken);
  return people.map((p) => {
    const login = generateLogin(p.lastName, p.firstName, reserved);
    reserved.add(login);
    return login;
  });
}

/**
 * Characters for printed one-time passwords. Left out because they are confused on paper
 * or when read aloud to a parent: 0/O/o, 1/l/I.
 */
export const ONE_TIME_PASSWORD_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789';
export const ONE_TIME_PASSWORD_LENGTH = 10;

/** Uniform integer in [0, n) from the platform CSPRNG, without modulo bias. */
function secureIndex(n: number): number {
  const limit = Math.floor(0x1_0000_0000 / n) * n;
  const buf = new Uint32Array(1);
  do {
    globalThis.crypto.getRandomValues(buf);
  } while (buf[0] >= limit);
  return buf[0] % n;
}

/**
 * A 10-character one-time password. `rng` (returning [0, 1) like Math.random) is for
 * tests; by default the cryptographic generator is used, because these passwords guard
 * children's personal data.
 */
export function generateOneTimePassword(rng?: () => number): string {
  const n = ONE_TIME_PASSWORD_ALPHABET.length;
  let out = '';
  for (let i = 0; i < ONE_TIME_PASSWORD_LENGTH; i++) {
    const index = rng ? Math.min(n - 1, Math.floor(rng() * n)) : secureIndex(n);
    out += ONE_TIME_PASSWORD_ALPHABET[index];
  }
  return out;
}

export const MIN_PASSWORD_LENGTH = 10;

const COMMON = new Set(COMMON_PASSWORDS);

// Same physical keys on the Russian (ЙЦУКЕН) and English (QWERTY) layouts.
const RU_KEYS = 'ёйцукенгшщзхъфывапролджэячсмитьбю';
const EN_KEYS = "`qwertyuiop[]asdfghjkl;'zxcvbnm,.";

function swapLayout(s: string, from: string, to: string): string {
  return [...s].map((ch) => (from.includes(ch) ? to[from.indexOf(ch)] : ch)).join('');
}

/** Strip digits and symbols around a word: 'Qwerty2024!' → 'qwerty'. */
function core(s: string): string {
  return s.replace(/^[^a-zа-яё]+/, '').replace(/[^a-zа-яё]+$/, '');
}

function isCommon(password: string): boolean {
  const lower = password.toLowerCase();
  const variants = [lower, swapLayout(lower, RU_KEYS, EN_KEYS), swapLayout(lower, EN_KEYS, RU_KEYS)];
  return variants.some((v) => COMMON.has(v) || COMMON.has(core(v)));
}

/** null if the password is acceptable, otherwise the reason in Russian for the form. */
export function checkPasswordStrength(password: string, login?: string): string | null {
  const lower = password.toLowerCase();
  const loginLower = login?.trim().toLowerCase();
  if (loginLower && (lower === loginLower || (loginLower.length >= 4 && lower.includes(loginLower)))) {
    return 'Пароль не должен совпадать с логином или содержать его.';
  }
  if (isCommon(password)) {
    return 'Это один из самых распространённых паролей, его легко подобрать. Придумайте другой.';
  }
  if ([...password].length < MIN_PASSWORD_LENGTH) {
    return `Пароль должен содержать не менее ${MIN_PASSWORD_LENGTH} символов.`;
  }
  if (new Set(lower).size < 4) {
    return 'Пароль слишком однообразный: используйте больше разных символов.';
  }
  return null;
}
