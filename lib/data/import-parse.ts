// The pupils-and-parents CSV of the initial population (seed 002 §2.2): decoding, splitting,
// and checking every row before anything is written. Pure: the caller passes the classes of the
// current academic year and today's date, and gets back a plan with per-row errors in Russian.

export const IMPORT_MAX_BYTES = 1_000_000;
export const IMPORT_MAX_ROWS = 2_000;

export const IMPORT_COLUMNS = {
  studentLastName: 'Фамилия ученика',
  studentFirstName: 'Имя ученика',
  studentMiddleName: 'Отчество ученика',
  birthDate: 'Дата рождения',
  className: 'Класс',
  parentLastName: 'Фамилия родителя',
  parentFirstName: 'Имя родителя',
  parentMiddleName: 'Отчество родителя',
  parentPhone: 'Телефон родителя',
  parentEmail: 'Email родителя',
} as const;

export type ImportColumn = keyof typeof IMPORT_COLUMNS;

const REQUIRED_COLUMNS: ImportColumn[] = ['studentLastName', 'studentFirstName', 'birthDate', 'className'];
const PARENT_COLUMNS: ImportColumn[] = ['parentLastName', 'parentFirstName', 'parentMiddleName', 'parentPhone', 'parentEmail'];

/** Other spellings seen in school spreadsheets, after headerKey(). */
const HEADER_ALIASES: Record<string, ImportColumn> = {
  'дата рождения ученика': 'birthDate',
  'e-mail родителя': 'parentEmail',
  'эл. почта родителя': 'parentEmail',
  'электронная почта родителя': 'parentEmail',
  'почта родителя': 'parentEmail',
  'телефон': 'parentPhone',
};

export type Separator = ';' | ',' | '\t';

export type RowError = { column?: ImportColumn; message: string };

/** What a row says, as text for the preview (even when the row is invalid). */
export type RowCells = Record<ImportColumn, string>;

export type PlannedStudent = { lastName: string; firstName: string; middleName: string | null; birthDate: string; classId: number; className: string };

export type PlannedParent = {
  /** Identifies the parent inside the file; rows of one family share it. */
  key: string;
  lastName: string;
  firstName: string;
  middleName: string | null;
  phone: string | null;
  email: string | null;
  /** File lines that name this parent. */
  lines: number[];
};

export type PlannedRow = {
  /** Line number as a spreadsheet shows it: the header is line 1. */
  line: number;
  cells: RowCells;
  student: PlannedStudent | null;
  parentKey: string | null;
  errors: RowError[];
};

export type ImportPlan = {
  separator: Separator;
  /** Problems with the file as a whole (size, encoding, missing columns): nothing can be imported. */
  fileErrors: string[];
  /** Worth a look but not blocking, e.g. an unknown column that will be skipped. */
  warnings: string[];
  rows: PlannedRow[];
  parents: PlannedParent[];
  valid: boolean;
  counts: { pupils: number; parents: number; links: number; invalidRows: number };
};

export type KnownClass = { id: number; gradeLevel: number; letter: string };

// ───────────── decoding and splitting ─────────────

/**
 * Text of an uploaded file. UTF-8 with or without BOM; UTF-16 by its BOM (Excel's «Текст Юникод»,
 * tab-separated); a file that is not valid UTF-8 is read as Windows-1251, which is what Russian
 * Excel writes for "CSV (разделители — точка с запятой)".
 */
export function decodeCsv(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return stripBom(new TextDecoder('utf-16le').decode(bytes));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return stripBom(new TextDecoder('utf-16be').decode(bytes));
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    text = new TextDecoder('windows-1251').decode(bytes);
  }
  return stripBom(text);
}

export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** The separator used by the header line: the most frequent of `;`, `,` and tab outside quotes. */
export function detectSeparator(text: string): Separator {
  const counts: Record<Separator, number> = { ';': 0, ',': 0, '\t': 0 };
  let quoted = false;
  for (const ch of stripBom(text)) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && (ch === ';' || ch === ',' || ch === '\t')) counts[ch]++;
  }
  if (counts['\t'] > counts[';'] && counts['\t'] > counts[',']) return '\t';
  return counts[','] > counts[';'] ? ',' : ';';
}

export class CsvError extends Error {}

/**
 * RFC 4180 records: quoted fields may hold the separator, doubled quotes and line breaks;
 * CRLF, LF and CR all end a record. Throws CsvError for a quote that is never closed.
 */
export function parseCsv(text: string, separator: Separator = detectSeparator(text)): string[][] {
  const src = stripBom(text);
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  let quoteStartRecord = 0;
  for (let i = 0; i < src.length; i++) {
    const ch = src[i];
    if (quoted) {
      if (ch === '"') {
        if (src[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += ch;
    } else if (ch === '"' && field.trim() === '') {
      quoted = true;
      field = '';
      quoteStartRecord = records.length + 1;
    } else if (ch === separator) {
      record.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && src[i + 1] === '\n') i++;
      record.push(field);
      records.push(record);
      record = [];
      field = '';
    } else field += ch;
  }
  if (quoted) throw new CsvError(`Кавычка, открытая в строке ${quoteStartRecord}, не закрыта`);
  if (field !== '' || record.length) {
    record.push(field);
    records.push(record);
  }
  return records;
}

// ───────────── values ─────────────

const collapse = (s: string) => s.replace(/\s+/g, ' ').trim();

/** Case-, ё- and space-insensitive key of a name, for finding the same person twice. */
export function nameKey(...parts: (string | null | undefined)[]): string {
  return collapse(parts.filter(Boolean).join(' ')).toLowerCase().replaceAll('ё', 'е');
}

function headerKey(s: string): string {
  return nameKey(stripBom(s).replace(/^"|"$/g, ''));
}

/** 'ДД.ММ.ГГГГ' (also with / or -, one-digit day or month) or 'ГГГГ-ММ-ДД' → 'YYYY-MM-DD'; null if not a real date. */
export function parseRussianDate(s: string): string | null {
  const v = s.trim();
  let m = /^(\d{1,2})[./-](\d{1,2})[./-](\d{4})$/.exec(v);
  let y: number, mo: number, d: number;
  if (m) [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
  else if ((m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v))) [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  else return null;
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
  return date.toISOString().slice(0, 10);
}

/** 'YYYY-MM-DD' → 'ДД.ММ.ГГГГ'. */
export function formatRussianDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}.${m}.${y}`;
}

// Latin letters that look like Cyrillic ones, typed by mistake in class names ('7A' with a Latin A).
const LOOKALIKES: Record<string, string> = { A: 'А', B: 'В', C: 'С', E: 'Е', H: 'Н', K: 'К', M: 'М', O: 'О', P: 'Р', T: 'Т', X: 'Х', Y: 'У' };

/** '7А', '7 а', '7-А', '7«А»', '7A' (Latin) → '7А'. */
export function classKey(s: string): string {
  return [...s.toUpperCase().replace(/[\s\-–—"«»']/g, '')].map((ch) => LOOKALIKES[ch] ?? ch).join('').replaceAll('Ё', 'Е');
}

/** A Russian number as '+7XXXXXXXXXX', or null: 11 digits from 7 or 8, or 10 digits. */
export function normalizePhone(s: string): string | null {
  const v = s.trim();
  if (!/^\+?[0-9 ().-]+$/.test(v)) return null;
  const digits = v.replace(/\D/g, '');
  if (digits.length === 11 && (digits[0] === '7' || digits[0] === '8')) return `+7${digits.slice(1)}`;
  if (digits.length === 10 && !v.startsWith('+')) return `+7${digits}`;
  return null;
}

export function normalizeEmail(s: string): string | null {
  const v = s.trim().toLowerCase();
  return v.length <= 254 && /^[^\s@"<>,;]+@[^\s@"<>,;]+\.[^\s@"<>,;.]{2,}$/.test(v) ? v : null;
}

/** A person's name: letters, hyphen, apostrophe and space (the admin form uses it too). */
export const PERSON_NAME = /^[А-ЯЁа-яёA-Za-z\- ']+$/;
const NAME_COLUMNS: ImportColumn[] = ['studentLastName', 'studentFirstName', 'studentMiddleName', 'parentLastName', 'parentFirstName', 'parentMiddleName'];

/** Word and Excel turn the apostrophe of Д'Артаньян into a typographic one: store the plain one. */
export const plainApostrophes = (s: string) => s.replace(/[’‘ʼ`´]/g, "'");

function checkName(value: string, what: string, required: boolean): string | null {
  if (!value) return required ? `Не указано: ${what}` : null;
  if (value.length > 60) return `${capitalise(what)}: слишком длинно (больше 60 знаков)`;
  if (!PERSON_NAME.test(value)) return `${capitalise(what)}: только буквы, дефис, апостроф и пробел`;
  return null;
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

// ───────────── the plan ─────────────

export type PlanOptions = {
  /** Classes of the current academic year of the school. */
  classes: readonly KnownClass[];
  /** 'YYYY-MM-DD' in the school's timezone. */
  today: string;
};

/** Checks the whole file; `valid` only when the file and every row are correct. */
export function planImport(text: string, options: PlanOptions): ImportPlan {
  const separator = detectSeparator(text);
  const plan: ImportPlan = { separator, fileErrors: [], warnings: [], rows: [], parents: [], valid: false, counts: { pupils: 0, parents: 0, links: 0, invalidRows: 0 } };
  const bytes = new TextEncoder().encode(text).length;
  if (bytes > IMPORT_MAX_BYTES) {
    plan.fileErrors.push(tooBigMessage(bytes));
    return plan;
  }
  let records: string[][];
  try {
    records = parseCsv(text, separator);
  } catch (e) {
    plan.fileErrors.push(e instanceof CsvError ? `Файл повреждён: ${e.message}` : 'Не удалось прочитать файл');
    return plan;
  }
  const [header, ...body] = records;
  if (!header || header.every((h) => !h.trim())) {
    plan.fileErrors.push('Файл пустой. Первая строка должна содержать заголовки столбцов.');
    return plan;
  }

  const columnIndex = mapHeader(header, plan);
  if (plan.fileErrors.length) return plan;

  const dataRows = body.map((cells, i) => ({ line: i + 2, cells })).filter((r) => r.cells.some((c) => c.trim() !== ''));
  if (!dataRows.length) {
    plan.fileErrors.push('В файле нет ни одной строки с учениками.');
    return plan;
  }
  if (dataRows.length > IMPORT_MAX_ROWS) {
    plan.fileErrors.push(`В файле ${dataRows.length} строк, а за один раз можно загрузить не больше ${IMPORT_MAX_ROWS}. Разделите файл на части, например по параллелям.`);
    return plan;
  }

  const classes = new Map(options.classes.map((c) => [classKey(`${c.gradeLevel}${c.letter}`), c]));
  const seenPupils = new Map<string, number>();
  const parents = new ParentRegistry(plan.warnings);

  for (const { line, cells: raw } of dataRows) {
    const cells = Object.fromEntries(
      (Object.keys(IMPORT_COLUMNS) as ImportColumn[]).map((col) => [col, columnIndex[col] === undefined ? '' : collapse(raw[columnIndex[col]!] ?? '')]),
    ) as RowCells;
    for (const col of NAME_COLUMNS) cells[col] = plainApostrophes(cells[col]);
    const row: PlannedRow = { line, cells, student: null, parentKey: null, errors: [] };
    const error = (column: ImportColumn | undefined, message: string | null) => {
      if (message) row.errors.push({ column, message });
    };

    error('studentLastName', checkName(cells.studentLastName, 'фамилия ученика', true));
    error('studentFirstName', checkName(cells.studentFirstName, 'имя ученика', true));
    error('studentMiddleName', checkName(cells.studentMiddleName, 'отчество ученика', false));

    let birthDate: string | null = null;
    if (!cells.birthDate) error('birthDate', 'Не указана дата рождения');
    else if (!(birthDate = parseRussianDate(cells.birthDate))) error('birthDate', `Дата рождения «${cells.birthDate}» не распознана: нужна дата в виде ДД.ММ.ГГГГ`);
    else if (birthDate >= options.today) error('birthDate', 'Дата рождения ещё не наступила');
    else if (birthDate < `${Number(options.today.slice(0, 4)) - 30}-01-01`) error('birthDate', `Дата рождения ${cells.birthDate}: ученику больше 30 лет, проверьте год`);

    const cls = cells.className ? classes.get(classKey(cells.className)) : undefined;
    if (!cells.className) error('className', 'Не указан класс');
    else if (!cls) error('className', `Класса «${cells.className}» нет в текущем учебном году`);

    if (!row.errors.length && birthDate && cls) {
      const key = nameKey(cells.studentLastName, cells.studentFirstName, cells.studentMiddleName) + '|' + birthDate;
      const first = seenPupils.get(key);
      if (first !== undefined) error(undefined, `Этот ученик уже есть в строке ${first}`);
      else seenPupils.set(key, line);
      row.student = {
        lastName: cells.studentLastName, firstName: cells.studentFirstName, middleName: cells.studentMiddleName || null,
        birthDate, classId: cls.id, className: `${cls.gradeLevel}${cls.letter}`,
      };
    }

    if (PARENT_COLUMNS.some((c) => cells[c])) {
      const before = row.errors.length;
      if (!cells.parentLastName || !cells.parentFirstName) error(cells.parentLastName ? 'parentFirstName' : 'parentLastName', 'Для родителя укажите фамилию и имя');
      error('parentLastName', cells.parentLastName ? checkName(cells.parentLastName, 'фамилия родителя', true) : null);
      error('parentFirstName', cells.parentFirstName ? checkName(cells.parentFirstName, 'имя родителя', true) : null);
      error('parentMiddleName', checkName(cells.parentMiddleName, 'отчество родителя', false));
      const phone = cells.parentPhone ? normalizePhone(cells.parentPhone) : null;
      const email = cells.parentEmail ? normalizeEmail(cells.parentEmail) : null;
      if (cells.parentPhone && !phone) error('parentPhone', `Телефон «${cells.parentPhone}» не похож на российский номер: нужно 10 или 11 цифр, например +7 912 345-67-89`);
      if (cells.parentEmail && !email) error('parentEmail', `Адрес «${cells.parentEmail}» не похож на адрес электронной почты`);
      if (!cells.parentPhone && !cells.parentEmail) error('parentPhone', 'Для родителя укажите телефон или e-mail: по ним узнаём одного родителя нескольких детей');
      if (row.errors.length === before) {
        const found = parents.add({ lastName: cells.parentLastName, firstName: cells.parentFirstName, middleName: cells.parentMiddleName || null, phone, email }, line);
        if (typeof found === 'string') row.parentKey = found;
        else error(found.column, found.message);
      }
    }

    if (row.errors.length) row.student = null;
    plan.rows.push(row);
  }

  // A parent is created only if at least one of their rows is valid; in a valid plan that is all of them.
  const linked = new Set(plan.rows.filter((r) => r.student && r.parentKey).map((r) => r.parentKey!));
  plan.parents = parents.list().filter((p) => linked.has(p.key));
  plan.counts = {
    pupils: plan.rows.filter((r) => r.student).length,
    parents: plan.parents.length,
    links: plan.rows.filter((r) => r.student && r.parentKey).length,
    invalidRows: plan.rows.filter((r) => r.errors.length).length,
  };
  plan.valid = plan.fileErrors.length === 0 && plan.counts.invalidRows === 0;
  return plan;
}

export function tooBigMessage(bytes: number): string {
  const mb = (bytes / 1_000_000).toLocaleString('ru-RU', { maximumFractionDigits: 1 });
  return `Файл слишком большой (${mb} МБ). Можно загрузить не больше 1 МБ и ${IMPORT_MAX_ROWS} строк — разделите список на части, например по параллелям.`;
}

function mapHeader(header: string[], plan: ImportPlan): Partial<Record<ImportColumn, number>> {
  const known = new Map<string, ImportColumn>(Object.entries(HEADER_ALIASES));
  for (const [col, title] of Object.entries(IMPORT_COLUMNS) as [ImportColumn, string][]) known.set(headerKey(title), col);
  const index: Partial<Record<ImportColumn, number>> = {};
  header.forEach((title, i) => {
    const key = headerKey(title);
    if (!key) return;
    const col = known.get(key);
    if (!col) plan.warnings.push(`Столбец «${collapse(title)}» не распознан и будет пропущен`);
    else if (index[col] !== undefined) plan.fileErrors.push(`Столбец «${IMPORT_COLUMNS[col]}» встречается дважды`);
    else index[col] = i;
  });
  const missing = REQUIRED_COLUMNS.filter((c) => index[c] === undefined);
  if (missing.length) {
    plan.fileErrors.push(
      `В файле нет ${missing.length > 1 ? 'столбцов' : 'столбца'} ${missing.map((c) => `«${IMPORT_COLUMNS[c]}»`).join(', ')}. ` +
        `Проверьте первую строку файла и разделитель (точка с запятой или запятая).`,
    );
  }
  return index;
}

type ParentInput = Omit<PlannedParent, 'key' | 'lines'>;

/**
 * One parent per person: rows with the same full name and the same phone or the same e-mail name
 * the same parent. Contacts given on one row only are combined; contradicting contacts are an error.
 */
class ParentRegistry {
  private parents: PlannedParent[] = [];
  private byName = new Map<string, PlannedParent[]>();
  constructor(private warnings: string[]) {}

  add(p: ParentInput, line: number): string | RowError {
    const name = nameKey(p.lastName, p.firstName, p.middleName);
    const same = this.byName.get(name) ?? [];
    const match = same.find((x) => (p.phone && x.phone === p.phone) || (p.email && x.email === p.email));
    if (match) {
      if (p.phone && match.phone && p.phone !== match.phone) {
        return { column: 'parentPhone', message: `У этого родителя в строке ${match.lines[0]} другой телефон (${match.phone}). Укажите одинаковые данные` };
      }
      if (p.email && match.email && p.email !== match.email) {
        return { column: 'parentEmail', message: `У этого родителя в строке ${match.lines[0]} другой e-mail (${match.email}). Укажите одинаковые данные` };
      }
      match.phone ??= p.phone;
      match.email ??= p.email;
      match.lines.push(line);
      return match.key;
    }
    if (same.length) {
      this.warnings.push(
        `Родитель ${p.lastName} ${p.firstName} в строке ${line} указан с другими контактами, чем в строке ${same[0].lines[0]}: ` +
          `это будут два разных родителя. Если это один человек, укажите одинаковый телефон или e-mail.`,
      );
    }
    const parent = { key: `p${this.parents.length + 1}`, ...p, lines: [line] };
    this.parents.push(parent);
    this.byName.set(name, [...same, parent]);
    return parent.key;
  }

  list(): PlannedParent[] {
    return this.parents;
  }
}
