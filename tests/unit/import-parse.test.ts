import { describe, expect, it } from 'vitest';
import {
  classKey,
  decodeCsv,
  detectSeparator,
  IMPORT_MAX_ROWS,
  normalizeEmail,
  normalizePhone,
  parseCsv,
  parseRussianDate,
  planImport,
} from '../../lib/data/import-parse';

const HEADER = 'Фамилия ученика;Имя ученика;Отчество ученика;Дата рождения;Класс;Фамилия родителя;Имя родителя;Отчество родителя;Телефон родителя;Email родителя';
const classes = [
  { id: 1, gradeLevel: 7, letter: 'А' },
  { id: 2, gradeLevel: 5, letter: 'Б' },
];
const plan = (lines: string[]) => planImport([HEADER, ...lines].join('\r\n'), { classes, today: '2026-11-23' });

describe('detectSeparator', () => {
  it('picks the semicolon Russian Excel writes', () => {
    expect(detectSeparator('Фамилия ученика;Имя ученика;Класс\nИванов;Пётр;7А')).toBe(';');
  });

  it('picks the comma of other spreadsheets', () => {
    expect(detectSeparator('Фамилия ученика,Имя ученика,Класс\nИванов,Пётр,7А')).toBe(',');
  });

  it('looks at the header only and ignores separators inside quotes', () => {
    expect(detectSeparator('"Фамилия, ученика";"Имя, ученика";Класс\nа,б,в,г,д,е')).toBe(';');
  });

  it('recognises tabs', () => {
    expect(detectSeparator('Фамилия ученика\tИмя ученика\tКласс')).toBe('\t');
  });
});

describe('parseCsv', () => {
  it('keeps a separator, doubled quotes and a line break inside a quoted field', () => {
    const text = 'a;b;c\r\n"Иванов; старший";"Ответ ""да""";"две\nстроки"\r\n';
    expect(parseCsv(text, ';')).toEqual([
      ['a', 'b', 'c'],
      ['Иванов; старший', 'Ответ "да"', 'две\nстроки'],
    ]);
  });

  it('accepts LF, CRLF and CR line ends and a last line without one', () => {
    expect(parseCsv('a,b\nc,d\r\ne,f\rg,h', ',')).toEqual([['a', 'b'], ['c', 'd'], ['e', 'f'], ['g', 'h']]);
  });

  it('keeps empty fields', () => {
    expect(parseCsv('a;;c;', ';')).toEqual([['a', '', 'c', '']]);
  });

  it('reports a quote that is never closed with its line', () => {
    expect(() => parseCsv('a;b\n"c;d\n', ';')).toThrow('строке 2');
  });
});

describe('decodeCsv', () => {
  it('removes the UTF-8 BOM', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('Класс')]);
    expect(decodeCsv(bytes)).toBe('Класс');
  });

  it('reads UTF-8 without a BOM', () => {
    expect(decodeCsv(new TextEncoder().encode('Пётр'))).toBe('Пётр');
  });

  it('falls back to Windows-1251 for old Excel files', () => {
    // 'Класс' in Windows-1251.
    expect(decodeCsv(new Uint8Array([0xca, 0xeb, 0xe0, 0xf1, 0xf1]))).toBe('Класс');
  });

  it('reads UTF-16 by its BOM (Excel «Текст Юникод»), little- and big-endian', () => {
    const utf16 = (text: string, littleEndian: boolean) => {
      const out = [littleEndian ? 0xff : 0xfe, littleEndian ? 0xfe : 0xff];
      for (const ch of text) {
        const c = ch.charCodeAt(0);
        out.push(...(littleEndian ? [c & 0xff, c >> 8] : [c >> 8, c & 0xff]));
      }
      return new Uint8Array(out);
    };
    expect(decodeCsv(utf16('Класс\tФамилия', true))).toBe('Класс\tФамилия');
    expect(decodeCsv(utf16('Пётр', false))).toBe('Пётр');
  });
});

describe('parseRussianDate', () => {
  it('reads ДД.ММ.ГГГГ', () => {
    expect(parseRussianDate('05.03.2013')).toBe('2013-03-05');
    expect(parseRussianDate(' 5.3.2013 ')).toBe('2013-03-05');
    expect(parseRussianDate('29.02.2012')).toBe('2012-02-29');
  });

  it('also accepts ISO dates', () => {
    expect(parseRussianDate('2013-03-05')).toBe('2013-03-05');
  });

  it('refuses impossible dates and other formats', () => {
    expect(parseRussianDate('31.02.2013')).toBeNull();
    expect(parseRussianDate('29.02.2013')).toBeNull();
    expect(parseRussianDate('13/32/2013')).toBeNull();
    expect(parseRussianDate('05.03.13')).toBeNull();
    expect(parseRussianDate('5 марта 2013')).toBeNull();
    expect(parseRussianDate('')).toBeNull();
  });
});

describe('values', () => {
  it('normalises class names, Latin look-alikes included', () => {
    expect(classKey('7А')).toBe('7А');
    expect(classKey('7 а')).toBe('7А');
    expect(classKey('7-«А»')).toBe('7А');
    expect(classKey('7A')).toBe('7А');
  });

  it('normalises Russian phone numbers', () => {
    expect(normalizePhone('8 (912) 345-67-89')).toBe('+79123456789');
    expect(normalizePhone('+7 912 345 67 89')).toBe('+79123456789');
    expect(normalizePhone('9123456789')).toBe('+79123456789');
    expect(normalizePhone('12345')).toBeNull();
    expect(normalizePhone('+1 912 345 67 89 0')).toBeNull();
    expect(normalizePhone('позвонить маме')).toBeNull();
  });

  it('checks e-mail addresses', () => {
    expect(normalizeEmail(' Olga@Mail.RU ')).toBe('olga@mail.ru');
    expect(normalizeEmail('olga@mail')).toBeNull();
    expect(normalizeEmail('olga mail.ru')).toBeNull();
  });
});

describe('planImport', () => {
  it('plans pupils, one parent for siblings, and the links', () => {
    const p = plan([
      'Иванов;Пётр;Сергеевич;05.03.2013;7А;Иванова;Ольга;Николаевна;+7 912 345-67-89;olga@mail.ru',
      'Иванова;Мария;Сергеевна;10.10.2015;5б;Иванова;Ольга;Николаевна;89123456789;',
      'Сидоров;Антон;;01.01.2013;7 А;;;;;',
    ]);
    expect(p.fileErrors).toEqual([]);
    expect(p.valid).toBe(true);
    expect(p.counts).toEqual({ pupils: 3, parents: 1, links: 2, invalidRows: 0 });
    expect(p.parents).toEqual([
      { key: 'p1', lastName: 'Иванова', firstName: 'Ольга', middleName: 'Николаевна', phone: '+79123456789', email: 'olga@mail.ru', lines: [2, 3] },
    ]);
    expect(p.rows.map((r) => [r.line, r.student?.classId, r.parentKey])).toEqual([[2, 1, 'p1'], [3, 2, 'p1'], [4, 1, null]]);
    expect(p.rows[0].student).toMatchObject({ lastName: 'Иванов', firstName: 'Пётр', middleName: 'Сергеевич', birthDate: '2013-03-05', className: '7А' });
  });

  it('reports each bad row by its line number with a Russian message', () => {
    const p = plan([
      'Иванов;Пётр;;05.03.2013;7А;;;;;',
      ';Анна;;05.03.2013;7А;;;;;',
      'Петров;Иван;;31.02.2013;7А;;;;;',
      'Смирнов;Олег;;01.01.2013;9В;;;;;',
      'Кузнецов;Дима;;01.01.2013;7А;Кузнецова;Ирина;;12345;ira@',
      'Иванов;Пётр;;05.03.2013;7А;;;;;',
      'Попов;Илья;;01.01.2013;7А;Попова;;;;',
    ]);
    expect(p.valid).toBe(false);
    const errors = Object.fromEntries(p.rows.filter((r) => r.errors.length).map((r) => [r.line, r.errors.map((e) => e.message).join(' | ')]));
    expect(Object.keys(errors).map(Number)).toEqual([3, 4, 5, 6, 7, 8]);
    expect(errors[3]).toContain('фамилия ученика');
    expect(errors[4]).toContain('«31.02.2013» не распознана');
    expect(errors[5]).toContain('Класса «9В» нет');
    expect(errors[6]).toMatch(/Телефон «12345».*\|.*«ira@»/);
    expect(errors[7]).toBe('Этот ученик уже есть в строке 2');
    expect(errors[8]).toContain('укажите фамилию и имя');
    expect(p.counts.invalidRows).toBe(6);
  });

  it('refuses a file without the required columns, naming them', () => {
    const p = planImport('Фамилия;Имя\nИванов;Пётр', { classes, today: '2026-11-23' });
    expect(p.valid).toBe(false);
    expect(p.fileErrors[0]).toContain('«Фамилия ученика»');
    expect(p.fileErrors[0]).toContain('«Класс»');
  });

  it('reads a comma-separated file with a BOM and quoted names', () => {
    const text = '\uFEFF' + HEADER.replaceAll(';', ',') + '\n"Иванов","Пётр","","05.03.2013","7А","Иванова","Ольга","","","olga@mail.ru"\n';
    const p = planImport(text, { classes, today: '2026-11-23' });
    expect(p.separator).toBe(',');
    expect(p.valid).toBe(true);
    expect(p.counts).toMatchObject({ pupils: 1, parents: 1, links: 1 });
  });

  it('flags a parent whose rows disagree about a contact', () => {
    const p = plan([
      'Иванов;Пётр;;05.03.2013;7А;Иванова;Ольга;;+79123456789;olga@mail.ru',
      'Иванова;Мария;;10.10.2015;5Б;Иванова;Ольга;;+79123456789;other@mail.ru',
    ]);
    expect(p.rows[1].errors[0].message).toContain('другой e-mail');
  });

  it('limits the number of rows', () => {
    const rows = Array.from({ length: IMPORT_MAX_ROWS + 1 }, (_, i) => `Иванов;Пётр${'а'.repeat(i % 5)};;05.03.2013;7А;;;;;`);
    const p = plan(rows);
    expect(p.valid).toBe(false);
    expect(p.fileErrors[0]).toContain(`не больше ${IMPORT_MAX_ROWS}`);
  });

  it('accepts names with ё, hyphens and apostrophes, the typographic one stored as the plain one', () => {
    const p = plan([
      'Д’Артаньян;Шарль;;05.03.2013;7А;Д‘Артаньян;Анна-Мария;;+79123456789;',
      "О'Нил;Семён;Пётр-оглы;05.03.2014;7А;;;;;",
      'Ёлкина-Сидорова;Алёна;;05.03.2013;7А;;;;;',
    ]);
    expect(p.rows.map((r) => r.errors)).toEqual([[], [], []]);
    expect(p.rows.map((r) => r.student?.lastName)).toEqual(["Д'Артаньян", "О'Нил", 'Ёлкина-Сидорова']);
    expect(p.parents[0].lastName).toBe("Д'Артаньян");
  });

  it('names the apostrophe among the allowed characters of a name', () => {
    expect(plan(['Иванов1;Пётр;;05.03.2013;7А;;;;;']).rows[0].errors[0].message).toBe('Фамилия ученика: только буквы, дефис, апостроф и пробел');
  });

  it('skips blank lines and an empty file says so', () => {
    expect(plan(['', ';;;;;;;;;']).fileErrors).toEqual(['В файле нет ни одной строки с учениками.']);
  });
});
