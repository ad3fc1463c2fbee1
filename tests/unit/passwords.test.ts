import { describe, expect, it } from 'vitest';
import { COMMON_PASSWORDS } from '../../lib/domain/common-passwords';
import {
  checkPasswordStrength,
  generateLogin,
  generateLogins,
  generateOneTimePassword,
  ONE_TIME_PASSWORD_ALPHABET,
  transliterate,
} from '../../lib/domain/passwords';

describe('transliterate', () => {
  it('follows the passport-like table with readable й/ю/я', () => {
    expect(transliterate('Пётр Щукин')).toBe('Petr Shchukin');
    expect(transliterate('Юлия Хомякова')).toBe('Yuliya Khomyakova');
    expect(transliterate('Подъячев')).toBe('Podyachev');
    expect(transliterate('Цыганков')).toBe('Tsygankov');
    expect(transliterate('Журавлёва')).toBe('Zhuravleva');
    expect(transliterate('Эльвира')).toBe('Elvira');
  });

  it('keeps characters outside the Russian alphabet', () => {
    expect(transliterate('Анна-Мария 2')).toBe('Anna-Mariya 2');
  });
});

describe('generateLogin', () => {
  it('Иванов Пётр → ivanov.p', () => {
    expect(generateLogin('Иванов', 'Пётр', new Set())).toBe('ivanov.p');
  });

  it('adds a number on collision', () => {
    expect(generateLogin('Иванов', 'Павел', new Set(['ivanov.p']))).toBe('ivanov.p2');
    expect(generateLogin('Иванов', 'Пётр', new Set(['ivanov.p', 'ivanov.p2']))).toBe('ivanov.p3');
  });

  it('keeps the whole sound of the initial so Жанна and Зоя differ', () => {
    expect(generateLogin('Жукова', 'Жанна', new Set())).toBe('zhukova.zh');
    expect(generateLogin('Жукова', 'Зоя', new Set())).toBe('zhukova.z');
    expect(generateLogin('Щербаков', 'Юрий', new Set())).toBe('shcherbakov.yu');
  });

  it('handles double surnames and stray spaces', () => {
    expect(generateLogin(' Римский-Корсаков ', 'Николай', new Set())).toBe('rimskiy-korsakov.n');
  });

  it('makes unique logins for a class list with namesakes', () => {
    const taken = new Set(['petrova.a']);
    const logins = generateLogins(
      [
        { lastName: 'Петрова', firstName: 'Анна' },
        { lastName: 'Петрова', firstName: 'Алина' },
        { lastName: 'Сидоров', firstName: 'Олег' },
      ],
      taken,
    );
    expect(logins).toEqual(['petrova.a2', 'petrova.a3', 'sidorov.o']);
    expect([...taken]).toEqual(['petrova.a']); // the caller's set is not changed
  });
});

describe('generateOneTimePassword', () => {
  it('is 10 characters without look-alikes', () => {
    for (let i = 0; i < 200; i++) {
      const pw = generateOneTimePassword();
      expect(pw).toHaveLength(10);
      expect(pw).not.toMatch(/[0O1lIo]/);
    }
    expect(ONE_TIME_PASSWORD_ALPHABET).not.toMatch(/[0O1lIo]/);
  });

  it('uses the given random source, covering the whole alphabet', () => {
    expect(generateOneTimePassword(() => 0)).toBe('AAAAAAAAAA');
    expect(generateOneTimePassword(() => 0.999999)).toBe('9999999999');
  });

  it('varies between calls and passes the strength check', () => {
    const batch = new Set(Array.from({ length: 100 }, () => generateOneTimePassword()));
    expect(batch.size).toBe(100);
    for (const pw of batch) expect(checkPasswordStrength(pw)).toBeNull();
  });
});

describe('checkPasswordStrength', () => {
  it('knows at least 100 common passwords', () => {
    expect(new Set(COMMON_PASSWORDS).size).toBeGreaterThanOrEqual(100);
  });

  it.each([
    'qwerty123',
    '12345678',
    'password',
    'йцукен',
    'пароль123',
    '1234567890',
    'qwertyuiop',
    'йцукенгшщз',
    'Password123',
    'Qwerty2024!',
    'gfhjkm12345', // «пароль» typed on the English layout
    'ghbdtn2010', // «привет» typed on the English layout
    'Zxcvbnm2024!!', // a keyboard row with digits
    'ячсмить2015',
  ])('refuses the common password %s', (pw) => {
    expect(checkPasswordStrength(pw)).toMatch(/распространённых/);
  });

  it('refuses short passwords', () => {
    expect(checkPasswordStrength('Kx7#mQ2p')).toBe('Пароль должен содержать не менее 10 символов.');
  });

  it('refuses the login, also inside the password', () => {
    expect(checkPasswordStrength('Ivanov.P2015', 'ivanov.p2015')).toMatch(/логином/);
    expect(checkPasswordStrength('ivanov.p!Secret', 'ivanov.p')).toMatch(/логином/);
    expect(checkPasswordStrength('kT7-rv9!Qm2z', 'ivanov.p')).toBeNull();
  });

  it('refuses monotonous passwords', () => {
    expect(checkPasswordStrength('abababababab')).toMatch(/однообразный/);
  });

  it('accepts good passwords', () => {
    expect(checkPasswordStrength('kT7-rv9!Qm2z')).toBeNull();
    expect(checkPasswordStrength('Зелёный трамвай 42')).toBeNull();
    expect(checkPasswordStrength('korova-na-lugu-7')).toBeNull();
  });
});
