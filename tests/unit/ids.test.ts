import { describe, expect, it } from 'vitest';
import { idField, MAX_ID, optionalIdField, parseId } from '@/lib/ids';

describe('parseId', () => {
  it('takes 1 … 2147483647, as digits or as a whole number', () => {
    expect(['1', '42', ' 7 ', '2147483647', 1, MAX_ID].map(parseId)).toEqual([1, 42, 7, MAX_ID, 1, MAX_ID]);
  });

  it('refuses what names no record: beyond PostgreSQL\'s integer, zero, signs, fractions, exponents, words, nothing', () => {
    for (const raw of ['2147483648', '3000000000', '99999999999', '0', '-1', '+1', '1.5', '1e3', '0x10', '', ' ', 'abc', null, undefined, 3e9, 0, -1, 1.5, NaN, Infinity, {}]) {
      expect(parseId(raw)).toBeNull();
    }
  });
});

describe('idField and optionalIdField', () => {
  it('give the id, or the field\'s own message, or nothing chosen', () => {
    const field = idField('Урок не найден', 'Не указан урок');
    expect(field.safeParse('12').data).toBe(12);
    expect(field.safeParse('3000000000').error?.issues[0].message).toBe('Урок не найден');
    expect(field.safeParse(null).error?.issues[0].message).toBe('Не указан урок');
    const optional = optionalIdField('Тема не найдена');
    expect([optional.safeParse('').data, optional.safeParse(null).data, optional.safeParse('5').data]).toEqual([null, null, 5]);
    expect(optional.safeParse('3000000000').error?.issues[0].message).toBe('Тема не найдена');
  });
});
