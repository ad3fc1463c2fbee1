// Credential slips: A4 pages of 2 × 4 slips with dashed cut lines, one slip per person, to be cut
// and handed out by the class teacher. The passwords are in this PDF only; nothing keeps them.
import { createPdf } from './document';
import { FONT_BOLD, FONT_REGULAR } from './fonts';

export type SlipInput = {
  role: 'STUDENT' | 'PARENT';
  fullName: string;
  className: string | null;
  /** For a parent: 'Иванов Пётр, 7А' for each child. */
  children: string[];
  login: string;
  password: string;
};

export type SlipsDocument = {
  schoolName: string;
  /** Where to sign in, e.g. 'https://journal.school21.ru'. */
  siteAddress: string;
  slips: readonly SlipInput[];
  /** PDF title, e.g. 'Логины и пароли — 7А'. */
  title: string;
};

const A4 = { width: 595.28, height: 841.89 };
const MARGIN = 22;
const COLUMNS = 2;
const ROWS = 4;
const PAD = 14;
const INK = '#1f2933';
const MUTED = '#5f6b7a';

export const SLIPS_PER_PAGE = COLUMNS * ROWS;

export function roleLine(slip: Pick<SlipInput, 'role' | 'className' | 'children'>): string {
  if (slip.role === 'STUDENT') return slip.className ? `Ученик, ${slip.className} класс` : 'Ученик';
  if (!slip.children.length) return 'Родитель';
  return `Родитель (${slip.children.length > 1 ? 'дети' : 'ребёнок'}: ${slip.children.join('; ')})`;
}

export function renderCredentialSlips(input: SlipsDocument): Promise<Buffer> {
  const doc = createPdf({ title: input.title, author: input.schoolName });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const slipWidth = (A4.width - 2 * MARGIN) / COLUMNS;
  const slipHeight = (A4.height - 2 * MARGIN) / ROWS;
  input.slips.forEach((slip, i) => {
    const onPage = i % SLIPS_PER_PAGE;
    if (onPage === 0) {
      doc.addPage();
      cutLines(doc, slipWidth, slipHeight, Math.min(SLIPS_PER_PAGE, input.slips.length - i));
    }
    const x = MARGIN + (onPage % COLUMNS) * slipWidth;
    const y = MARGIN + Math.floor(onPage / COLUMNS) * slipHeight;
    drawSlip(doc, slip, input, x, y, slipWidth, slipHeight);
  });
  doc.end();
  return done;
}

/** Dashed lines around every used slip of the page, shared edges drawn once. */
function cutLines(doc: PDFKit.PDFDocument, w: number, h: number, used: number) {
  const rows = Math.ceil(used / COLUMNS);
  doc.save().lineWidth(0.6).dash(4, { space: 3 }).strokeColor('#9aa3ad');
  for (let r = 0; r <= rows; r++) {
    const cols = r === rows || r === 0 ? Math.min(COLUMNS, used - Math.max(0, r - 1) * COLUMNS) : COLUMNS;
    const width = r === 0 ? Math.min(COLUMNS, used) * w : cols * w;
    doc.moveTo(MARGIN, MARGIN + r * h).lineTo(MARGIN + width, MARGIN + r * h).stroke();
  }
  for (let r = 0; r < rows; r++) {
    const inRow = Math.min(COLUMNS, used - r * COLUMNS);
    for (let c = 0; c <= inRow; c++) doc.moveTo(MARGIN + c * w, MARGIN + r * h).lineTo(MARGIN + c * w, MARGIN + (r + 1) * h).stroke();
  }
  doc.restore();
}

function drawSlip(doc: PDFKit.PDFDocument, slip: SlipInput, input: SlipsDocument, x: number, y: number, w: number, h: number) {
  const left = x + PAD;
  const width = w - 2 * PAD;
  const block = (s: string, font: string, size: number, color: string, maxLines: number) => {
    doc.font(font).fontSize(size).fillColor(color);
    doc.text(fitLines(doc, s, width, maxLines), left, doc.y, { width, lineGap: LINE_GAP });
  };

  doc.y = y + PAD;
  block(input.schoolName, FONT_REGULAR, 8, MUTED, 2);
  doc.y += 3;
  block(slip.fullName, FONT_BOLD, 13, INK, 2);
  block(roleLine(slip), FONT_REGULAR, 9.5, INK, 2);

  // Login and password at a fixed height, whatever the length of the name above.
  const pairTop = y + 98;
  const labelWidth = 50;
  const pair = (label: string, value: string, top: number) => {
    doc.font(FONT_REGULAR).fontSize(10).fillColor(MUTED).text(label, left, top + 4, { width: labelWidth, lineBreak: false });
    const size = valueFontSize(doc, value, width - labelWidth);
    // A smaller value sits on the label's baseline rather than at the top of its 15 pt line.
    doc.font(FONT_BOLD).fontSize(size).fillColor(INK).text(value, left + labelWidth, top + (VALUE_SIZE - size) * 0.8, { width: width - labelWidth, lineBreak: false });
  };
  pair('Логин:', slip.login, pairTop);
  pair('Пароль:', slip.password, pairTop + 21);

  doc.y = y + h - PAD - 33;
  block(`Вход: ${input.siteAddress}`, FONT_REGULAR, 9, INK, 1);
  block('При первом входе система попросит сменить пароль. Никому не сообщайте пароль.', FONT_REGULAR, 8, MUTED, 2);
}

const LINE_GAP = 0.5;
const VALUE_SIZE = 15;
const MIN_VALUE_SIZE = 6;

/**
 * The login's (or password's) font size: 15 pt, smaller when a long login would run past the
 * slip's edge. Never cut: it is typed from the slip letter by letter. Generated logins fit at
 * 15 pt; one set by hand may be longer (at 6 pt, about 55 letters fit).
 */
export function valueFontSize(doc: PDFKit.PDFDocument, value: string, width: number): number {
  doc.font(FONT_BOLD).fontSize(VALUE_SIZE);
  const natural = doc.widthOfString(value);
  if (natural <= width) return VALUE_SIZE;
  return Math.max(MIN_VALUE_SIZE, Math.floor((VALUE_SIZE * width * 10) / natural) / 10);
}

/** The text cut at a word (or, for one long word, a letter) with '…' so that it fits in maxLines lines. */
export function fitLines(doc: PDFKit.PDFDocument, text: string, width: number, maxLines: number): string {
  const limit = maxLines * (doc.currentLineHeight(true) + LINE_GAP) + 0.5;
  const fits = (s: string) => doc.heightOfString(s, { width, lineGap: LINE_GAP }) <= limit;
  if (fits(text)) return text;
  let cut = text;
  while (cut.length > 1) {
    const space = cut.lastIndexOf(' ');
    cut = space > 0 && maxLines > 1 ? cut.slice(0, space) : cut.slice(0, -1);
    const candidate = `${cut.replace(/[\s,;:(«-]+$/, '')}…`;
    if (fits(candidate)) return candidate;
  }
  return '…';
}
